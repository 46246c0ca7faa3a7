// Import benchmark: generates a twarc2 JSONL file of N posts, then measures, each in its own process,
// (1) the baseline — the same file read with the importer's line reader and parsed with JSON.parse alone,
// (2) the real CLI `attache import FILE --json --profile` (compiled code, as users run it) into PGlite, and
// (3) into PostgreSQL (DATABASE_URL, or a throwaway local cluster with default durability). Peak RSS of the
// import process comes from a preload that reads VmHWM at exit. Prints one JSON object.
// Usage: npm run bench:ingest -- [--posts 1000000] [--db both|pglite|postgres] [--keep-file PATH]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { startCluster } from '../test/helpers/pg-cluster.js';
import { registryXHandles, writeTwarcFile } from './twarc-generator.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const posts = Number(arg('posts', '1000000'));
const which = arg('db', 'both');
const dir = mkdtempSync(path.join(tmpdir(), 'attache-bench-'));
const file = path.join(dir, 'bench.jsonl');
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const node = (args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
    env: { ...process.env, CI: 'true', ...env },
  });
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
const cli = 'bin/attache.js';

/** `attache import` into one database (env: ATTACHE_HOME or DATABASE_URL), with its peak RSS and table counts. */
function measureImport(stage: string, env: Record<string, string>, where: string[]) {
  log(`${stage}: registry import …`);
  node([cli, 'registry', 'import'], env);
  log(`${stage}: import …`);
  const rssFile = path.join(dir, `${stage}.rss`);
  const t0 = performance.now();
  const summary = JSON.parse(
    node(
      [
        '--import',
        './bench/peak-rss.mjs',
        cli,
        'import',
        file,
        '--json',
        '--profile',
        '--dataset',
        'bench',
        '--progress-every',
        '15',
      ],
      { ...env, BENCH_PEAK_RSS_FILE: rssFile },
    ),
  ) as Record<string, unknown>;
  const seconds = (performance.now() - t0) / 1000;
  const { profileSeconds, ...rest } = summary;
  const counts = lastJson(node(['--import', 'tsx', 'bench/ingest-worker.ts', ...where], env));
  return {
    posts: rest.accepted,
    seconds,
    postsPerSecond: Math.round(Number(rest.accepted) / seconds),
    peakRssMb: Number(readFileSync(rssFile, 'utf8')),
    issues: rest.issues,
    ...counts,
    profileSeconds,
  };
}

try {
  log(`generating ${posts.toLocaleString('en')} posts …`);
  const t0 = performance.now();
  const generated = await writeTwarcFile(file, { posts, seed: 42, handles: registryXHandles() });
  const generateSeconds = (performance.now() - t0) / 1000;
  log('building the compiled CLI …');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log('baseline: JSON.parse …');
  const baseline = lastJson(node(['bench/parse-baseline.mjs', file], {}));
  const result: Record<string, unknown> = {
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    file: { ...generated, mb: Math.round(generated.bytes / 1048576), generateSeconds },
    baseline,
  };
  const ratio = (r: Record<string, unknown>) => Number(r.postsPerSecond) / Number(baseline.postsPerSecond);
  if (which === 'both' || which === 'pglite') {
    const home = path.join(dir, 'pglite');
    const r = measureImport('pglite', { ATTACHE_HOME: home }, ['--home', home]);
    result.pglite = { ...r, ofBaseline: ratio(r) };
  }
  if (which === 'both' || which === 'postgres') {
    const cluster = process.env.DATABASE_URL ? null : await startCluster({ fsync: true });
    const url = process.env.DATABASE_URL ?? cluster?.url;
    if (!url) result.postgres = { skipped: 'no DATABASE_URL and no initdb/pg_ctl' };
    else {
      try {
        const r = measureImport('postgres', { DATABASE_URL: url }, ['--url', url]);
        result.postgres = { ...r, server: cluster?.version ?? 'DATABASE_URL', ofBaseline: ratio(r) };
      } finally {
        cluster?.stop();
      }
    }
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
