import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCountries } from './countries.js';
import { Gazetteer } from './gazetteer.js';

const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../../data');
const countries = loadCountries(dataDir);

describe('country table', () => {
  it('holds every ISO 3166-1 state plus organisations, with unique codes', () => {
    const codes = countries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(270);
    for (const code of ['FR', 'RU', 'US', 'CN', 'XK', 'PS', 'VA', 'EU', 'UN', 'NATO', 'OSCE', 'AFRU'])
      expect(codes).toContain(code);
    expect(countries.find((c) => c.code === 'AU')?.name).toBe('Australia');
  });
});

describe('Gazetteer', () => {
  const gaz = new Gazetteer(countries);
  gaz.learnCity('Erbil', 'IQ');
  gaz.learnCity('Beijing', 'CN');
  gaz.learnCity('Georgetown', 'GY');
  gaz.learnCity('Georgetown', 'MY');

  it('resolves QIDs, names, aliases, codes and jurisdiction slugs', () => {
    expect(gaz.fromQid('http://www.wikidata.org/entity/Q159')).toBe('RU');
    expect(gaz.fromQid('Q789889')).toBe('RU'); // the Russian MFA as "operator"
    expect(gaz.fromName('Ivory Coast')).toBe('CI');
    expect(gaz.fromName('nato')).toBe('NATO');
    expect(gaz.fromName('czech-republic')).toBe('CZ');
    expect(gaz.fromName('united-states/new-york')).toBe('US');
    expect(gaz.fromName('european-union')).toBe('EU');
    expect(gaz.fromName('Atlantis')).toBeNull();
  });

  it('finds the host in a mission title, never the sender', () => {
    expect(gaz.hostFromText(['Delegation of the European Union to Japan'], 'EU')).toBe('JP');
    expect(gaz.hostFromText(['Permanent Mission of Finland to the United Nations, Geneva'], 'FI')).toBe('UN');
    expect(gaz.hostFromText(['Permanent Representation of Belgium to NATO'], 'BE')).toBe('NATO');
    expect(gaz.hostFromText(['embassy of the United States in Dominican Republic'], 'US')).toBe('DO');
    expect(gaz.hostFromText(['Consulate General of the United States, Erbil'], 'US')).toBe('IQ');
    expect(gaz.hostFromText(['Embassy of Belgium, Beijing'], 'BE')).toBe('CN');
  });

  it('leaves an ambiguous or unknown city unresolved', () => {
    expect(gaz.fromCity('Georgetown')).toBeNull();
    expect(gaz.hostFromText(['Embassy of Belgium, Nowhereville'], 'BE')).toBeNull();
  });
});
