import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelMetricsFor, rank, stars, type Ranking, type StarsResult } from '../../src/analytics/index.js';
import { defaultWeightsPath, loadWeights } from '../../src/analytics/ranking/weights.js';
import type { Database } from '../../src/db/database.js';
import { rebuildChannelDaily } from '../../src/ingest/rollup.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dataDir = path.join(root, 'data');
const dir = path.join(root, 'test/fixtures/analytics');
const files = (...names: string[]) => names.map((n) => path.join(dir, n));
const weights = loadWeights(defaultWeightsPath(dataDir));
const WINDOW = { from: '2026-03-02', to: '2026-03-31' };

/** A world: the fixture registry, then the posts files in the given order. */
async function world(db: Database, order: string[]): Promise<void> {
  await importRegistry(
    { db, dataDir, now: fixedNow },
    { source: path.join(dir, 'registry.csv'), asOf: '2026-01-01' },
  );
  for (const f of files(...order)) await runImport(db, [f]);
}

// ---- An independent reading of the fixture files, for the expected values. ----
interface Row {
  platform: string;
  id: string;
  handle: string;
  followers: number | null;
  published: string;
  kind: string;
  lang: string;
  counters: (number | null)[];
  observed: string;
}
const readCsv = (name: string): Row[] =>
  readFileSync(path.join(dir, name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const c = line.split(',');
      const n = (s: string) => (s === '' ? null : Number(s));
      return {
        platform: c[0]!,
        id: c[1]!,
        handle: c[2]!,
        followers: n(c[3]!),
        published: c[4]!,
        kind: c[5]!,
        lang: c[6]!,
        counters: [n(c[7]!), n(c[8]!), n(c[9]!), n(c[10]!)],
        observed: c[12]!,
      };
    });

function expectedCountries() {
  const registry = readFileSync(path.join(dir, 'registry.csv'), 'utf8').trim().split('\n').slice(1);
  const countryOf = new Map(registry.map((l) => [l.split(',')[9]!.toLowerCase(), l.split(',')[3]!]));
  const all = [...readCsv('posts-a.csv'), ...readCsv('posts-b.csv')];
  const latest = new Map<string, Row>();
  for (const r of [...all, ...readCsv('update.csv')]) {
    const prev = latest.get(r.id);
    if (!prev || r.observed > prev.observed) latest.set(r.id, r);
  }
  const snaps = all.filter((r) => r.followers !== null);
  const lastBefore = (handle: string, t: string) =>
    snaps
      .filter((s) => s.handle === handle && s.observed < t)
      .sort((a, b) => (a.observed < b.observed ? -1 : 1))
      .at(-1) ?? null;
  const inWindow = (r: Row) =>
    r.published.slice(0, 10) >= WINDOW.from && r.published.slice(0, 10) <= WINDOW.to;
  const out = new Map<string, Record<string, number | null>>();
  for (const code of new Set(countryOf.values())) {
    const handles = [...countryOf].filter(([, c]) => c === code).map(([h]) => h);
    const posts = all.filter((r) => handles.includes(r.handle.toLowerCase()) && inWindow(r));
    const ends = handles.map((h) => lastBefore(h, '2026-04-01T00:00:00Z')).filter((s) => s !== null);
    let rateSum = 0;
    let rateN = 0;
    for (const p of posts) {
      const m = latest.get(p.id)!;
      const known = m.counters.filter((v) => v !== null);
      if (p.kind === 'repost' || !known.length) continue;
      const f = lastBefore(p.handle, `${p.published.slice(0, 10)}T23:59:59.999Z`)?.followers ?? 0;
      if (f <= 0) continue;
      rateSum += known.reduce((a, b) => a + b, 0) / f;
      rateN++;
    }
    let grown = 0;
    let base = 0;
    for (const h of handles) {
      const end = lastBefore(h, '2026-04-01T00:00:00Z');
      const start =
        lastBefore(h, `${WINDOW.from}T00:00:00Z`) ??
        snaps
          .filter((s) => s.handle === h && s.observed >= `${WINDOW.from}T00:00:00Z`)
          .sort((a, b) => (a.observed < b.observed ? -1 : 1))[0];
      if (
        !end ||
        !start ||
        end.observed.slice(0, 10) === start.observed.slice(0, 10) ||
        !(start.followers! > 0)
      )
        continue;
      grown += end.followers! - start.followers!;
      base += start.followers!;
    }
    const count = (k: string) => posts.filter((p) => p.kind === k).length;
    out.set(code, {
      reach: ends.length ? ends.reduce((a, s) => a + s.followers!, 0) : null,
      activity: posts.length / 30,
      engagement: rateN ? rateSum / rateN : null,
      responsiveness: count('original') ? count('reply') / count('original') : null,
      growth: base ? grown / base : null,
      breadth: new Set(posts.map((p) => p.handle)).size,
      languages: new Set(posts.map((p) => p.lang)).size,
      connectedness: null,
    });
  }
  return out;
}

const results = new Map<string, Ranking>();
const starResults = new Map<string, StarsResult>();

describe.each(backends())('analytics on $name', (backend) => {
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = await backend.fresh();
    other = await backend.fresh();
    await world(db, ['posts-a.csv', 'posts-b.csv', 'update.csv']);
    await world(other, ['update.csv', 'posts-b.csv', 'posts-a.csv']);
  });
  afterAll(async () => {
    await db.close();
    await other.close();
  });

  it('maintains the new rollup columns on ingest exactly as a rebuild computes them', async () => {
    const cols = `c.platform, c.handle_norm, d.day, d.langs, d.measured_posts, d.interactions, d.likes_reposts,
      d.measured_originals, d.original_reposts, d.posts, d.followers`;
    const read = (x: Database) =>
      x.query(`SELECT ${cols} FROM channel_daily d JOIN channels c ON c.id = d.channel_id ORDER BY 1, 2, 3`);
    const incremental = await read(db);
    expect(incremental).toEqual(await read(other));
    await rebuildChannelDaily(other);
    expect(await read(other)).toEqual(incremental);
  });

  it('ranks countries with the indicators computed independently from the files, whatever the import order', async () => {
    const r = await rank(db, { level: 'countries', days: 30, weights });
    expect(r.window).toEqual({ ...WINDOW, days: 30 });
    expect(r.previousWindow).toEqual({ from: '2026-01-31', to: '2026-03-01', days: 30 });
    expect(await rank(other, { level: 'countries', days: 30, weights })).toEqual(r);
    results.set(backend.name, r);
    const expected = expectedCountries();
    expect(r.rows.map((x) => x.key).sort()).toEqual([...expected.keys()].sort());
    for (const row of r.rows) {
      const e = expected.get(row.key)!;
      for (const [k, v] of Object.entries(e)) {
        const got = row.indicators[k as keyof typeof row.indicators];
        if (v === null) expect(got, `${row.key} ${k}`).toBeNull();
        else expect(got, `${row.key} ${k}`).toBeCloseTo(v, 10);
      }
    }
    expect(r.excluded).toEqual(['connectedness']);
    expect(r.notes).toEqual([
      'connectedness: no data for any country; left out and the other weights re-scaled',
    ]);
    const de = r.rows.find((x) => x.key === 'DE')!;
    expect(de.missing).toEqual(['reach', 'engagement', 'growth']);
    expect(de.coverage).toEqual({ channels: 1, withPosts: 1, withFollowers: 0, measuredPosts: 0 });
    const se = r.rows.find((x) => x.key === 'SE')!;
    expect(se.coverage).toEqual({ channels: 1, withPosts: 0, withFollowers: 0, measuredPosts: 0 });
    // The score is the weighted mean of the known percentiles, and the ranks follow the scores.
    for (const row of r.rows) {
      const sum = Object.values(row.contributions).reduce<number>((a, b) => a + (b ?? 0), 0);
      expect(sum).toBeCloseTo(row.score!, 10);
    }
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    const scores = r.rows.map((x) => x.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Before March only FI and FR posted (DE from Feb 10): all four were ranked in the previous window too.
    expect(r.rows.every((x) => x.previousRank !== null && x.rankChange === x.previousRank - x.rank!)).toBe(
      true,
    );
  });

  it('ranks the missions in one host country, an ambassador counting for the embassy', async () => {
    const r = await rank(db, { level: 'missions', host: 'jp', days: 30, weights });
    expect(r.rows.map((x) => [x.label, x.coverage.channels])).toEqual(
      expect.arrayContaining([
        ['Embassy of Finland in Tokyo (test) (FI)', 2],
        ['Embassy of France in Tokyo (test) (FR)', 1],
      ]),
    );
    expect(r.rows).toHaveLength(2);
    const channels = await rank(db, { level: 'channels', days: 30, weights, platform: 'bluesky' });
    expect(channels.rows.map((x) => x.key)).toEqual(['bluesky:fr-mfa.example.org']);
    expect(channels.rows[0]!.indicators.breadth).toBe(2); // the ministry is on x and bluesky
    await expect(rank(db, { level: 'missions', days: 30, weights })).rejects.toThrow('--host');
  });

  it('computes one channel’s metrics', async () => {
    const { channel, metrics } = await channelMetricsFor(db, { channel: 'x:fi_emb_jp', days: 30 });
    expect(channel.sendingCountry).toBe('FI');
    const posts = [...readCsv('posts-a.csv'), ...readCsv('posts-b.csv')].filter(
      (r) => r.handle === 'fi_emb_jp' && r.published >= '2026-03-02' && r.published < '2026-04-01',
    );
    expect(metrics.posts).toBe(posts.length);
    expect(metrics.originals).toBe(posts.filter((p) => p.kind === 'original').length);
    expect(metrics.quotes).toBe(posts.filter((p) => p.kind === 'quote').length);
    expect(metrics.languages).toEqual([...new Set(posts.map((p) => p.lang))].sort());
    expect(metrics.followers).toBe(posts.at(-1)!.followers);
    await expect(channelMetricsFor(db, { channel: 'nobody' })).rejects.toThrow('no channel "nobody"');
  });
});

/** Median of the star's previous 100 originals, from the files. */
function expectedStar() {
  const rows = [...readCsv('posts-a.csv'), ...readCsv('posts-b.csv')]
    .filter((r) => r.handle === 'fi_mfa_test' && r.kind === 'original')
    .sort((a, b) => (a.published < b.published ? -1 : 1));
  const i = rows.findIndex((r) => r.id === '710078');
  const total = (r: Row) => r.counters.reduce<number>((a, b) => a + (b ?? 0), 0);
  const base = rows
    .slice(Math.max(0, i - 100), i)
    .map(total)
    .sort((a, b) => a - b);
  const n = base.length;
  const median = n % 2 ? base[(n - 1) / 2]! : (base[n / 2 - 1]! + base[n / 2]!) / 2;
  return { interactions: total(rows[i]!), baselinePosts: n, median };
}

describe.each(backends())('star posts on $name', (backend) => {
  let db: Database;
  let staged: Database;
  beforeAll(async () => {
    db = await backend.fresh();
    staged = await backend.fresh();
    await world(db, ['update.csv', 'posts-a.csv', 'posts-b.csv']);
    await world(staged, ['posts-a.csv', 'posts-b.csv']);
  });
  afterAll(async () => {
    await db.close();
    await staged.close();
  });

  it('finds the planted star with its ratio and follower jump, and scores again only changed channels', async () => {
    const r = await stars(db, { days: 30 });
    starResults.set(backend.name, r);
    expect(r.rescored).toBe(8); // every channel with posts (7 in the registry, 1 outside)
    const e = expectedStar();
    expect(r.stars.map((s) => [s.platformPostId, s.interactions, s.baselinePosts, s.baselineMedian])).toEqual(
      [['710078', e.interactions, e.baselinePosts, e.median]],
    );
    expect(r.stars[0]!.ratio).toBeCloseTo(e.interactions / e.median, 12);
    expect(r.stars[0]!.country).toBe('FI');
    // Followers: 5,770 the day before, 6,290 the day after (48 h apart); the usual trend is +10 a day.
    const f = r.stars[0]!.followers;
    expect([f.before?.followers, f.after?.followers]).toEqual([5770, 6290]);
    expect(f.change48h).toBeCloseTo(520, 9);
    expect(f.usual48h).toBeCloseTo(20, 9);
    expect(f.excess).toBeCloseTo(500, 9);
    expect((await stars(db, { days: 30 })).rescored).toBe(0);
    expect((await stars(db, { days: 30, country: 'fr' })).stars).toEqual([]);
    expect((await stars(db, { days: 30, threshold: 100 })).stars).toEqual([]);

    // Scored, then newer observations of three channels' posts arrive: only those are scored again.
    await stars(staged, { days: 30 });
    await runImport(staged, files('update.csv'));
    expect((await stars(staged, { days: 30 })).rescored).toBe(3);
    const scores = (x: Database) =>
      x.query(
        `SELECT p.platform_post_id, s.kind, s.interactions, s.baseline_posts, s.baseline_median, s.ratio
         FROM post_scores s JOIN posts p ON p.id = s.post_id ORDER BY 1`,
      );
    expect(await scores(staged)).toEqual(await scores(db));
  });
});

describe('analytics on every backend', () => {
  it('gives the same stars on PGlite and PostgreSQL', () => {
    const strip = (r: StarsResult) => r.stars.map(({ postId: _p, channelId: _c, ...s }) => s);
    const [first, ...rest] = [...starResults.values()];
    expect(first).toBeDefined();
    for (const r of rest) expect(strip(r)).toEqual(strip(first!));
  });

  it('gives the same ranking on PGlite and PostgreSQL', () => {
    const [first, ...rest] = [...results.values()];
    expect(first).toBeDefined();
    for (const r of rest) expect(r).toEqual(first);
  });
});
