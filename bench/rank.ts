// Latency of `rank` (docs/benchmarks.md, "Ranking"). Prints one JSON line.
//   node --import tsx bench/rank.ts --url postgres://… | --home DIR   [--level countries] [--days 30] [--repeat 10]
//   node --import tsx bench/rank.ts --url ADMIN_URL --dense DAYS [--posts-per-day N]
//     builds a fresh database on that server with the bundled registry and the rollup of a world where every
//     registry channel posts every day of DAYS days (the most rows a ranking can read), then measures it
//     (dropped afterwards unless --keep; then its URL is printed).
import { loadavg } from 'node:os';
import path from 'node:path';
import { defaultWeightsPath, loadWeights, rank } from '../src/analytics/index.js';
import { scopedChannels, windowTotals } from '../src/analytics/metrics/query.js';
import { previousWindow, resolveWindow } from '../src/analytics/window.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { importRegistry } from '../src/registry/import.js';
import { freshPostgresDatabase } from '../test/helpers/backends.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const dataDir = path.resolve('data');
const level = (arg('level') ?? 'countries') as 'countries' | 'channels' | 'missions';
const days = Number(arg('days') ?? '30');
const repeat = Number(arg('repeat') ?? '10');
const dense = arg('dense') === undefined ? null : Number(arg('dense'));
const log = (s: string) => process.stderr.write(`[bench rank] ${s}\n`);

async function open(): Promise<{ db: Database; drop?: () => Promise<void> }> {
  const url = arg('url');
  if (!url) return { db: await openDatabase({ kind: 'pglite', home: arg('home')! }) };
  if (dense === null) return { db: await openDatabase({ kind: 'postgres', url }) };
  const fresh = await freshPostgresDatabase(url);
  if (process.argv.includes('--keep')) log(`database ${fresh.url}`);
  return { db: await openDatabase({ kind: 'postgres', url: fresh.url }), drop: fresh.drop };
}

/**
 * The rollup of a world where every registry channel posts every day: the ranking reads rollups only, so its
 * work grows with channels × window days, not with posts (a channel-day row holds any number of posts).
 * Values are deterministic functions of (channel, day); one follower snapshot per channel and day.
 */
async function buildDense(db: Database, nDays: number, postsPerDay: number): Promise<void> {
  await migrate(db);
  await importRegistry({ db, dataDir, now: () => new Date('2026-01-01T00:00:00Z') }, {});
  const t0 = performance.now();
  await db.exec(`
    INSERT INTO channel_snapshots (channel_id, observed_at, followers)
    SELECT c.id, (DATE '2026-01-01' + g.d)::timestamp AT TIME ZONE 'UTC' + interval '12 hours',
      1000 + (c.id * 7919) % 500000 + g.d * (c.id % 13)
    FROM channels c CROSS JOIN generate_series(0, ${nDays - 1}) AS g(d) WHERE c.actor_id IS NOT NULL;
    INSERT INTO channel_daily (channel_id, day, posts, originals, replies, quotes, reposts, media_posts, langs,
      measured_posts, interactions, likes_reposts, measured_originals, original_reposts, followers)
    SELECT c.id, DATE '2026-01-01' + g.d, p.n, p.n - p.n / 4 - p.n / 8, p.n / 4, p.n / 8, 0, p.n / 3,
      CASE (c.id + g.d) % 3 WHEN 0 THEN '{en}'::text[] WHEN 1 THEN '{en,fr}' ELSE '{ar,en,es}' END,
      p.n, p.n * (5 + (c.id * 31 + g.d) % 200), p.n * (4 + (c.id * 17 + g.d) % 150),
      p.n - p.n / 4 - p.n / 8, (p.n - p.n / 4 - p.n / 8) * (1 + (c.id + g.d) % 20),
      1000 + (c.id * 7919) % 500000 + g.d * (c.id % 13)
    FROM channels c CROSS JOIN generate_series(0, ${nDays - 1}) AS g(d)
    CROSS JOIN LATERAL (SELECT 1 + (c.id * 13 + g.d * 7) % (2 * ${postsPerDay}) AS n) p
    WHERE c.actor_id IS NOT NULL;
    ANALYZE channel_daily; ANALYZE channel_snapshots; ANALYZE channels; ANALYZE actors;`);
  log(`dense rollup built in ${Math.round(performance.now() - t0)} ms`);
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - t0) * 10) / 10, value };
}

const { db, drop } = await open();
try {
  if (dense !== null) await buildDense(db, dense, Number(arg('posts-per-day') ?? '16'));
  const loadBefore = loadavg()[0]!;
  const weights = loadWeights(defaultWeightsPath(dataDir));
  const [size] = await db.query<{ posts: number; daily: number; snapshots: number; channels: number }>(
    `SELECT (SELECT coalesce(sum(posts), 0) FROM channel_daily) AS posts,
       (SELECT count(*) FROM channel_daily) AS daily, (SELECT count(*) FROM channel_snapshots) AS snapshots,
       (SELECT count(*) FROM channels WHERE actor_id IS NOT NULL) AS channels`,
  );
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < repeat + 1; i++) {
    const r = await time(() => rank(db, { level, days, weights }));
    rows = r.value.rows.length;
    if (i > 0) runs.push(r.ms); // the first call warms the cache
  }
  runs.sort((a, b) => a - b);
  // The parts, one at a time (rank runs some of them concurrently).
  const window = await resolveWindow(db, days, undefined);
  const scope = { registryOnly: true };
  const parts = {
    scopedChannelsMs: (await time(() => scopedChannels(db, scope))).ms,
    windowTotalsBothWindowsMs: (await time(() => windowTotals(db, scope, [window, previousWindow(window)])))
      .ms,
  };
  const [inWindows] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM channel_daily d JOIN channels c ON c.id = d.channel_id
     WHERE c.actor_id IS NOT NULL AND d.day >= $1::date AND d.day <= $2::date`,
    [previousWindow(window).from, window.to],
  );
  process.stdout.write(
    JSON.stringify({
      backend: arg('url') ? 'postgres' : 'pglite',
      level,
      days,
      window,
      dense,
      postsInRollup: size!.posts,
      channelDailyRows: size!.daily,
      snapshotRows: size!.snapshots,
      registryChannels: size!.channels,
      rollupRowsReadInBothWindows: inWindows!.n,
      rankedRows: rows,
      calls: repeat,
      minMs: runs[0],
      p50Ms: runs[Math.floor(runs.length / 2)],
      maxMs: runs.at(-1),
      ...parts,
      loadavg1: [loadBefore, loadavg()[0]!].map((x) => Math.round(x * 100) / 100),
    }) + '\n',
  );
} finally {
  await db.close();
  if (process.argv.includes('--keep')) log(`kept the database (${arg('url')} with another name)`);
  else await drop?.();
}
