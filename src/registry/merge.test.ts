import { describe, expect, it } from 'vitest';
import type { RegistryEntry } from './entry.js';
import { diffRegistry, mergeEntries } from './merge.js';

const entry = (
  over: Partial<RegistryEntry> & Pick<RegistryEntry, 'source' | 'sourceKey'>,
): RegistryEntry => ({
  actorKey: over.qid ? `wd:${over.qid}` : `${over.source}:${over.sourceKey}`,
  qid: null,
  kind: 'embassy',
  name: 'Embassy',
  sending: 'FR',
  host: null,
  city: null,
  website: null,
  parentKey: null,
  validFrom: null,
  validTo: null,
  channels: [],
  ...over,
});
const ch = (platform: string, handle: string) => ({
  platform,
  handle,
  norm: handle.toLowerCase(),
  url: `u/${handle}`,
  sourceUrl: null,
});

describe('mergeEntries', () => {
  const wikidata = entry({
    source: 'wikidata-embassies',
    sourceKey: 'Q1',
    qid: 'Q1',
    name: 'Embassy of France in Tokyo',
    host: 'JP',
    city: 'Tokyo',
    website: 'https://jp.ambafrance.org',
    channels: [ch('x', 'FranceAuJapon'), ch('facebook', 'AmbaFrance')],
  });
  const gov = entry({
    source: 'govdirectory',
    sourceKey: 'Q1',
    qid: 'Q1',
    name: 'Embassy of France, Tokyo',
    channels: [ch('x', 'franceaujapon'), ch('youtube', 'UCx')],
  });

  it('joins entries with the same QID into one actor; the more trusted source wins each field it has', () => {
    const m = mergeEntries([wikidata, gov]);
    expect(m.actors.size).toBe(1);
    expect(m.actors.get('wd:Q1')).toMatchObject({
      name: 'Embassy of France, Tokyo',
      host: 'JP',
      city: 'Tokyo',
      website: 'https://jp.ambafrance.org',
    });
    expect(m.channels.size).toBe(3);
    const x = m.channels.get('x\u0000franceaujapon');
    expect(x?.provenance.map((p) => p.source).sort()).toEqual(['govdirectory', 'wikidata-embassies']);
  });

  it('does not depend on input order', () => {
    const a = mergeEntries([wikidata, gov]);
    const b = mergeEntries([gov, wikidata]);
    expect([...a.actors.values()]).toEqual([...b.actors.values()]);
    expect([...a.channels.entries()].sort()).toEqual([...b.channels.entries()].sort());
  });

  it('keeps a channel claimed by two actors with the more trusted one and reports the conflict', () => {
    const other = entry({
      source: 'wikidata-embassies',
      sourceKey: 'Q2',
      qid: 'Q2',
      channels: [ch('x', 'FranceAuJapon')],
    });
    const m = mergeEntries([wikidata, other, gov]);
    expect(m.channels.get('x\u0000franceaujapon')?.actorKey).toBe('wd:Q1');
    expect(m.conflicts).toHaveLength(1);
    expect(m.conflicts[0]?.sourceKey).toBe('Q2');
  });
});

describe('diffRegistry', () => {
  it('reports added, removed and changed actors and channels, and nothing for an identical registry', () => {
    const a = entry({
      source: 'wikidata-embassies',
      sourceKey: 'Q1',
      qid: 'Q1',
      host: 'JP',
      channels: [ch('x', 'One')],
    });
    const b = entry({ source: 'wikidata-embassies', sourceKey: 'Q2', qid: 'Q2' });
    const a2 = { ...a, host: 'KR', channels: [ch('x', 'Two')] };
    const c = entry({ source: 'wikidata-embassies', sourceKey: 'Q3', qid: 'Q3' });
    const before = mergeEntries([a, b]);
    expect(diffRegistry(before, mergeEntries([a, b]))).toEqual([]);
    const changes = diffRegistry(before, mergeEntries([a2, c]));
    expect(changes.map((x) => `${x.entity} ${x.key} ${x.change}`)).toEqual([
      'actor wd:Q1 changed',
      'actor wd:Q2 removed',
      'actor wd:Q3 added',
      'channel x\u0000one removed',
      'channel x\u0000two added',
    ]);
    expect(changes[0]?.details).toEqual({ host: { from: 'JP', to: 'KR' } });
  });
});
