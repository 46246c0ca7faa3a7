// What the daily rollup (channel_daily, maintained on ingest) adds to an import's time (issue 5: at most 20 %).
// Generates the twarc2 file of bench/ingest.ts (or takes --file), starts a throwaway PostgreSQL cluster with
// default durability (or uses DATABASE_URL's server, creating and dropping a database per run), and imports the
// same file into a fresh database per run, in the order given (default A B B A, so that a machine getting
// quieter or busier during the runs favours neither): A = the import as users run it, B = the same import with
// `rollup: false` (no channel_daily differences, no fold). Reports each run's seconds, the fold's seconds and the
// load average, then the share (A − B) ÷ B per A/B neighbour pair and over all runs. A warm-up import of a
// small file comes first and is not counted (see below). Prints one JSON object.
// Usage: node --import tsx bench/rollup-share.ts [--posts 1000000] [--file PATH] [--order ABBA]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectors } from '../src/connectors/index.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { detectLanguage } from '../src/domain/language.js';
import { importFiles } from '../src/ingest/import.js';
import { silentProgress } from '../src/ingest/progress.js';
import { profileInSeconds, type Profile } from '../src/ingest/profile.js';
import { importRegistry } from '../src/registry/import.js';
import { startCluster } from '../test/helpers/pg-cluster.js';
import { registryXHandles, writeTwarcFile } from './twarc-generator.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const posts = Number(arg('posts', '1000000'));
const order = arg('order', 'ABBA').toUpperCase();
if (!/^[AB]+$/.test(order) || !order.includes('A') || !order.includes('B'))
  throw new Error(`--order "${order}": a sequence of A (with rollup) and B (without), both present`);
const log = (s: string) => process.stderr.write(`[bench:rollup] ${s}\n`);
const dataDir = fileURLToPath(new URL('../data', import.meta.url));
const load = () => Number(loadavg()[0]!.toFixed(1));

const dir = mkdtempSync(path.join(tmpdir(), 'attache-rollup-bench-'));
const cluster = process.env.DATABASE_URL ? null : await startCluster({ fsync: true });
const adminUrl = process.env.DATABASE_URL ?? cluster?.url;
if (!adminUrl) throw new Error('no DATABASE_URL and no initdb/pg_ctl to start a throwaway cluster');

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** One import of `file` into a fresh database; the database is dropped afterwards. */
async function run(file: string, variant: 'A' | 'B', n: number) {
  const name = `attache_rollup_bench_${n}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrate(db);
    await importRegistry({ db, dataDir, now: () => new Date() });
    const profile: Profile = {};
    const loadBefore = load();
    const t0 = performance.now();
    const summary = await importFiles(db, {
      paths: [file],
      format: 'auto',
      dataset: 'bench',
      connectors,
      version: 'attache/bench',
      now: () => new Date(),
      progress: silentProgress,
      detectLang: (text) => detectLanguage(text),
      profile,
      rollup: variant === 'A',
    });
    const seconds = (performance.now() - t0) / 1000;
    const [daily] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM channel_daily');
    const r = {
      variant,
      seconds: Number(seconds.toFixed(1)),
      foldSeconds: profile['fold rollups'] ? Number((profile['fold rollups'] / 1000).toFixed(1)) : null,
      posts: summary.accepted,
      channelDays: daily!.n,
      load: [loadBefore, load()],
      profileSeconds: profileInSeconds(profile),
    };
    log(JSON.stringify({ ...r, profileSeconds: undefined }));
    return r;
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${name}`);
  }
}

try {
  let file = arg('file', '');
  if (!file) {
    file = path.join(dir, 'bench.jsonl');
    log(`generating ${posts.toLocaleString('en')} posts …`);
    await writeTwarcFile(file, { posts, seed: 42, handles: registryXHandles() });
  }
  // The first import into a new cluster, right after the file was written, ran 10–30 s slower whichever
  // variant it was (A B B A and B A A B runs, 2026-11-22: the existence checks 14 s instead of 3.5 s): the file
  // is flushed to disk and a small import of its own warms the cluster first; neither is counted.
  execFileSync('sync');
  const warm = path.join(dir, 'warm-up.jsonl');
  await writeTwarcFile(warm, { posts: Math.min(posts, 100_000), seed: 7, handles: registryXHandles() });
  log('warm-up import (not counted) …');
  await run(warm, 'A', 0);
  log(`order ${order}, ${cluster ? cluster.version + ' (throwaway, fsync on)' : 'DATABASE_URL'}`);
  const runs: Awaited<ReturnType<typeof run>>[] = [];
  for (const [i, v] of [...order].entries()) runs.push(await run(file, v as 'A' | 'B', i + 1));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const share = (a: number, b: number) => Number((((a - b) / b) * 100).toFixed(1));
  // Neighbouring runs of different variants: A B B A gives the pairs (1, 2) and (3, 4).
  const pairs: { a: number; b: number; sharePercent: number }[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const [x, y] = [runs[i]!, runs[i + 1]!];
    if (x.variant === y.variant) continue;
    const [a, b] = x.variant === 'A' ? [x, y] : [y, x];
    pairs.push({ a: a.seconds, b: b.seconds, sharePercent: share(a.seconds, b.seconds) });
  }
  const secs = (v: string) => runs.filter((r) => r.variant === v).map((r) => r.seconds);
  process.stdout.write(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, node: process.version },
        file: { path: arg('file', '') || 'generated', mb: Math.round(statSync(file).size / 1048576) },
        server: cluster?.version ?? 'DATABASE_URL',
        runs,
        pairs,
        sharePercent: share(mean(secs('A')), mean(secs('B'))),
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
