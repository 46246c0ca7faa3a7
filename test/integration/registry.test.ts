import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { registryStats, searchRegistry, showRegistry } from '../../src/registry/queries.js';
import { backends } from '../helpers/backends.js';

const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../../data');
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-registry-'));
const fixedNow = () => new Date('2026-11-21T12:00:00Z');

/** Row counts of every table a registry import writes: "unchanged" means all of these stay equal. */
async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = [
    'countries',
    'actors',
    'channels',
    'registry_entries',
    'registry_snapshots',
    'channel_sources',
    'registry_changes',
    'ingest_runs',
    'ingest_issues',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n;
  return out;
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe.each(backends())('registry on $name', (backend) => {
  let db: Database;
  const ctx = () => ({ db, dataDir, now: fixedNow });

  beforeAll(async () => {
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.close();
  });

  it('imports the bundled sources into a registry of at least 10,000 actors, 5,000 channels, 200 countries', async () => {
    const results = await importRegistry(ctx());
    expect(results.map((r) => [r.source, r.status])).toEqual([
      ['wikidata-embassies', 'imported'],
      ['govdirectory', 'imported'],
    ]);
    const stats = await registryStats(db);
    expect(stats.actors).toBeGreaterThanOrEqual(10_000);
    expect(stats.channels).toBeGreaterThanOrEqual(5_000);
    expect(stats.countries).toBeGreaterThanOrEqual(200);
    expect(stats.platforms.x).toBeGreaterThan(1_000);
    expect(stats.kinds.embassy).toBeGreaterThan(5_000);
    // Every actor and channel of the two sources: actors = distinct QIDs of both, merged.
    const wikidataQids = new Set(
      readFileSync(path.join(dataDir, 'registry/database_of_embassies.csv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => /(Q\d+)\s*$/.exec(l)?.[1])
        .filter(Boolean),
    );
    const govQids = new Set(
      readFileSync(path.join(dataDir, 'registry/govdirectory_diplomatic_accounts.csv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => /^[^,]*,(Q\d+),/.exec(l)?.[1])
        .filter(Boolean),
    );
    const skipped = results.reduce((n, r) => n + r.skipped, 0);
    const union = new Set([...wikidataQids, ...govQids]).size;
    // Rows dropped for an unknown sending country are the only actors missing from the union.
    const dropped = (
      await db.query<{ n: number }>(
        `SELECT count(*) AS n FROM ingest_issues WHERE code = 'unknown-country' AND severity = 'error'`,
      )
    )[0]!.n;
    expect(stats.actors).toBe(union - dropped);
    expect(skipped).toBeGreaterThanOrEqual(dropped);
  });

  it('merges the same mission from both sources (same QID) into one actor carrying both sources’ channels', async () => {
    // Embassy of Belgium in Beijing: X, Facebook and Weibo from govdirectory; X/Facebook also in Wikidata's list?
    const [mission] = await showRegistry(db, 'Q100272639');
    expect(mission?.sending).toBe('BE');
    expect(mission?.host).toBe('CN');
    expect(mission?.channelDetails.map((c) => `${c.platform}:${c.handle}`)).toEqual(
      expect.arrayContaining(['x:belgiuminchina', 'weibo:belgiuminchina']),
    );
    const both = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM actors a WHERE a.removed_on IS NULL
       AND (SELECT count(DISTINCT source) FROM registry_entries e WHERE e.actor_key = a.actor_key) = 2`,
    );
    expect(both[0]!.n).toBeGreaterThan(900);
    const provenance = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM channels c WHERE c.link_source = 'registry'
       AND NOT EXISTS (SELECT 1 FROM channel_sources s WHERE s.channel_id = c.id)`,
    );
    expect(provenance[0]!.n).toBe(0);
  });

  it('detects and reports the known bad rows instead of keeping them silently', async () => {
    const issues = await db.query<{ code: string; message: string; line: number }>(
      `SELECT code, message, line FROM ingest_issues WHERE code = 'host-equals-sender' ORDER BY line`,
    );
    // SOURCE.md: 31 rows have operator == country, 27 of them Australia.
    expect(issues).toHaveLength(31);
    expect(issues.filter((i) => i.message.includes('(AU)'))).toHaveLength(27);
    const sameHost = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM actors WHERE host_country = sending_country AND removed_on IS NULL`,
    );
    expect(sameHost[0]!.n).toBe(0);
    const [ankara] = await searchRegistry(db, 'Australia Ankara');
    expect(ankara?.host).toBe('TR');
  });

  it('re-importing the same snapshots changes nothing', async () => {
    const before = await tableCounts(db);
    const again = await importRegistry(ctx());
    expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    const forced = await importRegistry(ctx(), { source: 'govdirectory', force: true });
    expect(forced[0]).toMatchObject({
      status: 'imported',
      actors: { added: 0, removed: 0, changed: 0 },
      channels: { added: 0, removed: 0, changed: 0 },
    });
    const after = await tableCounts(db);
    // A forced run is recorded as a run with its issues, and nothing else moves.
    expect({ ...after, ingest_runs: 0, ingest_issues: 0, registry_snapshots: 0 }).toEqual({
      ...before,
      ingest_runs: 0,
      ingest_issues: 0,
      registry_snapshots: 0,
    });
    expect(after.ingest_runs).toBe((before.ingest_runs ?? 0) + 1);
  });

  it('searches by words across name, countries, city and handles, and shows an actor by handle', async () => {
    const found = await searchRegistry(db, 'france kyoto');
    expect(found.some((a) => a.sending === 'FR' && a.host === 'JP')).toBe(true);
    const byHandle = await showRegistry(db, '@StateDept');
    expect(byHandle[0]).toMatchObject({
      name: 'United States Department of State',
      kind: 'ministry',
      sending: 'US',
    });
    await expect(showRegistry(db, 'no-such-handle-xyz')).rejects.toThrow(/no actor matches/);
  });

  it('rejects bad own-CSV input with one clear message and leaves the database unchanged', async () => {
    const before = await tableCounts(db);
    const header = 'actor_id,actor_name,kind,sending_country,host_country,platform,handle\n';
    const cases: [string, string, RegExp][] = [
      [
        'broken-quote.csv',
        `${header}a1,"Embassy of Ruritania,embassy,FR,JP,x,RuritaniaJP\n`,
        /broken-quote\.csv:2: malformed CSV: Quote Not Closed/,
      ],
      [
        'unknown-country.csv',
        `${header}a1,Embassy,embassy,FR,JP,x,FranceJP\na2,Mission,embassy,Ruritania,JP,x,Ruri\n`,
        /unknown-country\.csv:3: unknown country "Ruritania" in sending_country/,
      ],
      ['empty.csv', '', /empty\.csv: the file is empty/],
      ['header-only.csv', header, /header-only\.csv: no data rows/],
      [
        'bad-handle.csv',
        `${header}a1,Embassy,embassy,FR,JP,x,not a handle!\n`,
        /bad-handle\.csv:2: handle "not a handle!" contains spaces/,
      ],
      [
        'bad-kind.csv',
        `${header}a1,Embassy,palace,FR,JP,x,FranceJP\n`,
        /bad-kind\.csv:2: unknown kind "palace"/,
      ],
      ['other-format.csv', 'name,followers\nfoo,1\n', /other-format\.csv:1: not a registry file/],
    ];
    for (const [name, text, message] of cases) {
      await expect(importRegistry(ctx(), { source: write(name, text) }), name).rejects.toThrow(message);
    }
    await expect(importRegistry(ctx(), { source: path.join(tmp, 'missing.csv') })).rejects.toThrow(
      /missing\.csv: no such file/,
    );
    expect(await tableCounts(db)).toEqual(before);
  });

  it('imports a ministry’s own list, merging on a Wikidata QID and linking people to their mission', async () => {
    const file = write(
      'ruritania-mfa.csv',
      [
        'actor_id,actor_name,kind,sending_country,host_country,city,wikidata_qid,parent_actor_id,platform,handle',
        'dept,United States Department of State,ministry,US,,,Q789915,,mastodon,@StateDept@mastodon.example',
        'emb-jp,Embassy of Ruritania in Japan,embassy,Finland,JP,Tokyo,,,x,RuritaniaJP',
        'amb-jp,Ambassador of Ruritania to Japan,person,FI,JP,Tokyo,,emb-jp,x,AmbRuritaniaJP',
        'amb-jp,Ambassador of Ruritania to Japan,person,FI,JP,Tokyo,,emb-jp,bluesky,amb.ruritania.example',
      ].join('\n'),
    );
    const [result] = await importRegistry(ctx(), { source: file, asOf: '2026-11-20' });
    expect(result).toMatchObject({
      source: 'csv:ruritania-mfa',
      status: 'imported',
      entries: 3,
      actors: { added: 2, removed: 0 },
      channels: { added: 4 },
    });
    const [dept] = await showRegistry(db, 'Q789915');
    expect(dept?.channelDetails.map((c) => c.platform)).toContain('mastodon');
    expect(dept?.sources.map((s) => s.source).sort()).toEqual(['csv:ruritania-mfa', 'govdirectory']);
    const [amb] = await showRegistry(db, 'x:AmbRuritaniaJP');
    expect(amb).toMatchObject({
      kind: 'person',
      sending: 'FI',
      host: 'JP',
      parent: { name: 'Embassy of Ruritania in Japan' },
    });
  });
});

describe.each(backends())('registry history on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.close();
  });

  it('records added, removed and changed actors and channels between two snapshots', async () => {
    // Two snapshots cut from the real Wikidata list: the newer one drops a mission, adds one, renames a handle, moves a city.
    const lines = readFileSync(path.join(dataDir, 'registry/database_of_embassies.csv'), 'utf8').split('\n');
    const header = lines[0]!;
    const withX = lines.slice(1).filter((l) => l.split(';')[15]);
    const [a, b, c, d, e] = withX;
    const older = write('older.csv', [header, a, b, c, d].join('\n') + '\n');
    const cols = c!.split(';');
    cols[15] = 'RenamedMission1';
    const dCols = d!.split(';');
    dCols[6] = 'Somewhere Else';
    const newer = write('newer.csv', [header, a, cols.join(';'), dCols.join(';'), e].join('\n') + '\n');
    const ctx = { db, dataDir, now: fixedNow };
    const [first] = await importRegistry(ctx, { source: older, asOf: '2026-01-01' });
    expect(first).toMatchObject({ actors: { added: 4, removed: 0, changed: 0 } });
    const [second] = await importRegistry(ctx, { source: newer, asOf: '2026-06-01' });
    // The moved city changes its actor; the renamed handle is a channel removed and a channel added
    // (a channel is its platform + handle), not an actor change.
    expect(second).toMatchObject({ actors: { added: 1, removed: 1, changed: 1 } });
    expect(second!.channels.added).toBeGreaterThanOrEqual(2);
    expect(second!.channels.removed).toBeGreaterThanOrEqual(2);
    const rows = await db.query<{
      entity: string;
      change: string;
      change_date: string;
      details: Record<string, unknown>;
    }>(
      `SELECT entity, change, change_date, details FROM registry_changes WHERE change_date = '2026-06-01' ORDER BY entity, change, id`,
    );
    const summary = rows.map((r) => `${r.entity} ${r.change}`);
    expect(summary.filter((s) => s === 'actor removed')).toHaveLength(1);
    expect(summary.filter((s) => s === 'actor added')).toHaveLength(1);
    expect(summary).toContain('channel removed');
    expect(summary).toContain('channel added');
    const moved = rows.find((r) => r.entity === 'actor' && r.change === 'changed' && 'city' in r.details);
    expect(moved?.details.city).toEqual({ from: d!.split(';')[6], to: 'Somewhere Else' });
    // The removed mission stays in the table as history, not counted as present.
    const removed = await db.query<{ removed_on: string }>(
      `SELECT removed_on FROM actors WHERE removed_on IS NOT NULL`,
    );
    expect(removed.map((r) => r.removed_on)).toEqual(['2026-06-01']);
    expect((await registryStats(db)).actors).toBe(4);
    // Re-importing the newer snapshot changes nothing; an older one is refused.
    const [again] = await importRegistry(ctx, { source: newer, asOf: '2026-06-01' });
    expect(again?.status).toBe('unchanged');
    await expect(importRegistry(ctx, { source: older, asOf: '2026-01-01' })).rejects.toThrow(
      /older than the one already imported/,
    );
  });
});
