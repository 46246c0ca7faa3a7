import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryPage, type RegistryFilters } from '../../src/api/queries/registry.js';
import { loadRegistryIndex } from '../../src/api/queries/registry-index.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow } from '../helpers/import.js';

const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../../data');

/** Actors with names that sort and fold case in interesting ways, several channels, and a shared name. */
function registryCsv(): string {
  const rows = [
    'actor_id,actor_name,kind,sending_country,host_country,city,wikidata_qid,parent_actor_id,platform,handle',
    'ru-emb-fr,Посольство России во Франции,embassy,RU,FR,Париж,Q1,,telegram,ambrusfrance',
    'ru-emb-fr,Посольство России во Франции,embassy,RU,FR,Париж,Q1,,x,AmbRusFrance',
    'tr-emb-de,Türkiye Büyükelçiliği Berlin,embassy,TR,DE,Berlin,Q2,,x,TCBerlinBE',
    'de-emb-tr,Deutsche Botschaft Ankara,embassy,DE,TR,Ankara,Q3,,x,GermanyinTurkey',
    'de-emb-tr2,Deutsche Botschaft Ankara,consulate,DE,TR,İstanbul,,,bluesky,germany-istanbul.bsky.social',
    'fi-emb-jp,Embassy of Finland in Tokyo,embassy,FI,JP,Tokyo,Q4,,x,FinEmbTokyo',
    'fi-emb-jp,Embassy of Finland in Tokyo,embassy,FI,JP,Tokyo,Q4,,mastodon,finembtokyo@mastodon.social',
    'jp-emb-fi,Embassy of Japan in Finland,embassy,JP,FI,Helsinki,,,x,JapanEmbFinland',
    'fr-mfa,France Diplomatie,ministry,FR,,,Q5,,x,francediplo',
    'ar-emb-eg,سفارة الأرجنتين في القاهرة,embassy,AR,EG,القاهرة,,,x,ArgEnEgipto',
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'attache-registry-'));
  const file = path.join(dir, 'registry.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe.each(backends())('registry search on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry({ db, dataDir, now: fixedNow }, { source: registryCsv(), asOf: '2026-01-01' });
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Every page of a search, two at a time, with the index or by the database alone. */
  async function walk(f: RegistryFilters, useIndex: boolean) {
    const index = useIndex ? await loadRegistryIndex(db) : undefined;
    const names: string[] = [];
    let after: readonly [string, number] | undefined;
    for (;;) {
      const rows = await registryPage(db, f, after, 2, index);
      names.push(...rows.map((r) => `${r.name}#${r.id}:${r.channels.map((c) => c.handle).join(',')}`));
      if (rows.length < 2) break;
      const last = rows.at(-1)!;
      after = [last.name, last.id];
    }
    return names;
  }

  it('finds the same actors, in the same order, with the in-memory index as in the database', async () => {
    const searches: RegistryFilters[] = [
      {},
      { q: 'embassy' },
      { q: 'EMBASSY tokyo' },
      { q: 'посольство франции' }, // case folded by PostgreSQL, Cyrillic
      { q: 'ПАРИЖ' },
      { q: 'türkiye' },
      { q: 'istanbul' },
      { q: 'سفارة' },
      { q: 'bsky' }, // a handle only
      { q: 'finland', country: 'JP' },
      { q: 'Japan' }, // a host country's name
      { q: 'ankara', kind: 'consulate' },
      { platform: 'telegram' },
      { host: 'TR' },
      { q: '50%_' }, // LIKE's wildcards are plain characters
      { q: 'nothing-matches-this' },
    ];
    for (const f of searches) {
      const viaIndex = await walk(f, true);
      expect(viaIndex, JSON.stringify(f)).toEqual(await walk(f, false));
    }
    expect(await walk({ q: 'embassy tokyo' }, true)).toHaveLength(1);
    expect((await walk({ q: 'посольство франции' }, true))[0]).toContain('Посольство России во Франции');
    expect(await walk({ q: 'ankara' }, true)).toHaveLength(2); // the same name twice: both, by id
  });

  it('falls back to the database for a cursor the index does not know', async () => {
    const index = await loadRegistryIndex(db);
    const [first] = await registryPage(db, {}, undefined, 1, index);
    const renamed: readonly [string, number] = [`${first!.name} (renamed)`, first!.id];
    expect(await registryPage(db, {}, renamed, 50, index)).toEqual(await registryPage(db, {}, renamed, 50));
  });
});
