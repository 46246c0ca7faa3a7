// The benchmark: simulate a world, import it, run the analyses and time their main calls, and compare
// Attaché's per-country daily aggregates with DuckDB's computed from the same raw X files in the same run.
// Every stage runs the compiled CLI in its own process (peak RSS per stage). Prints one JSON object.
// Usage: npm run bench -- [--posts 1000000] [--db postgres|pglite] [--days 90] [--seed 1] [--repeat 20]
//        [--api-requests 100]  (requests per client per API endpoint, 20 clients: bench/api.ts)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { startCluster } from '../test/helpers/pg-cluster.js';
import { duckdbCountryDays, type CountryDay } from './duckdb-baseline.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const posts = Number(arg('posts', '1000000'));
const backend = arg('db', 'postgres');
const days = arg('days', '90');
const seed = arg('seed', '1');
const repeat = arg('repeat', '20');
const apiRequests = arg('api-requests', '100');
if (!['postgres', 'pglite'].includes(backend)) throw new Error('--db is postgres or pglite');
const dir = mkdtempSync(path.join(tmpdir(), 'attache-bench-'));
const world = path.join(dir, 'world');
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const run = (args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
    env: { ...process.env, CI: 'true', ...env },
  });

/** One CLI command with its wall time and peak RSS (VmHWM read at exit by bench/peak-rss.mjs). */
function cli(stage: string, args: string[], env: Record<string, string>) {
  log(`${stage} …`);
  const rssFile = path.join(dir, `${stage.replace(/\W+/g, '-')}.rss`);
  const t0 = performance.now();
  const out = run(['--import', './bench/peak-rss.mjs', 'bin/attache.js', ...args], {
    ...env,
    BENCH_PEAK_RSS_FILE: rssFile,
  });
  const seconds = (performance.now() - t0) / 1000;
  return { out, seconds: Math.round(seconds * 100) / 100, peakRssMb: Number(readFileSync(rssFile, 'utf8')) };
}

const worker = (args: string[], env: Record<string, string>) =>
  JSON.parse(
    run(['--import', 'tsx', 'bench/bench-worker.ts', ...args], env)
      .trim()
      .split('\n')
      .pop()!,
  ) as Record<string, unknown>;

const firstLine = (file: string) => {
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
};
/** A twarc2 page of tweets (not of users): what DuckDB reads. twarc2 writes `__twarc` last on each line. */
const isTwarcPage = (line: string) => {
  try {
    const page = JSON.parse(line) as { __twarc?: unknown; data?: unknown };
    return page.__twarc !== undefined && Array.isArray(page.data);
  } catch {
    return false;
  }
};

function xFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.jsonl') && isTwarcPage(firstLine(p))) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Rows of both sides keyed by country and day: how many agree, and the first few that do not. */
function compare(ours: CountryDay[], theirs: CountryDay[]) {
  const key = (r: CountryDay) => `${r.country} ${r.day}`;
  const a = new Map(ours.map((r) => [key(r), r]));
  const b = new Map(theirs.map((r) => [key(r), r]));
  const differences: unknown[] = [];
  let equal = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x && y && x.posts === y.posts && x.likes === y.likes && x.reposts === y.reposts) equal++;
    else differences.push({ key: k, attache: x ?? null, duckdb: y ?? null });
  }
  return {
    rows: a.size,
    duckdbRows: b.size,
    equal,
    identical: differences.length === 0,
    differences: differences.slice(0, 5),
  };
}

let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
try {
  log('building the compiled CLI …');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  let env: Record<string, string>;
  let where: string[];
  if (backend === 'pglite') {
    const home = path.join(dir, 'home');
    env = { ATTACHE_HOME: home };
    where = ['--home', home];
  } else {
    cluster = process.env.DATABASE_URL ? null : await startCluster({ fsync: true });
    const url = process.env.DATABASE_URL ?? cluster?.url;
    if (!url) throw new Error('no DATABASE_URL and no initdb/pg_ctl for a throwaway PostgreSQL cluster');
    env = { DATABASE_URL: url };
    where = ['--url', url];
  }
  const registry = cli('registry import', ['registry', 'import', '--json'], env);
  const registryCsv = path.join(dir, 'registry-x.csv');
  worker(['--task', 'registry-csv', '--out', registryCsv, ...where], env);

  const sim = cli(
    'simulate',
    ['simulate', '--seed', seed, '--posts', String(posts), '--days', days, '--out', world, '--json'],
    env,
  );
  const simSummary = JSON.parse(sim.out) as { posts: number; bytes: number; files: number; dataDir: string };
  const imp = cli('import', ['import', simSummary.dataDir, '--json', '--profile', '--dataset', 'bench'], env);
  const impSummary = JSON.parse(imp.out) as { accepted: number; issues: number; profileSeconds: unknown };

  const scores = cli('stars (scores all posts)', ['stars', '--json'], env);
  const rankCountries = cli('rank countries', ['rank', 'countries', '--json'], env);
  const latency = worker(['--task', 'queries', '--repeat', repeat, ...where], env);
  log('API endpoints under 20 concurrent clients …');
  const api = JSON.parse(
    run(['--import', 'tsx', 'bench/api.ts', '--clients', '20', '--requests', apiRequests], env),
  ) as Record<string, unknown>;

  log('DuckDB baseline …');
  const files = xFiles(simSummary.dataDir);
  const duck = await duckdbCountryDays(files, registryCsv);
  const ours = worker(['--task', 'country-days', ...where], env) as { rows: CountryDay[] };
  const xPosts = duck.tweets;

  process.stdout.write(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
        database: backend === 'pglite' ? 'PGlite (embedded)' : (cluster?.version ?? 'DATABASE_URL'),
        world: {
          seed,
          days: Number(days),
          posts: simSummary.posts,
          files: simSummary.files,
          mb: Math.round(simSummary.bytes / 1048576),
        },
        stages: {
          registryImport: { seconds: registry.seconds, peakRssMb: registry.peakRssMb },
          simulate: {
            seconds: sim.seconds,
            postsPerSecond: Math.round(simSummary.posts / sim.seconds),
            peakRssMb: sim.peakRssMb,
          },
          import: {
            seconds: imp.seconds,
            postsPerSecond: Math.round(impSummary.accepted / imp.seconds),
            peakRssMb: imp.peakRssMb,
            accepted: impSummary.accepted,
            issues: impSummary.issues,
            profileSeconds: impSummary.profileSeconds,
          },
          starScores: {
            seconds: scores.seconds,
            postsPerSecond: Math.round(impSummary.accepted / scores.seconds),
            peakRssMb: scores.peakRssMb,
          },
          rankCountriesCli: { seconds: rankCountries.seconds, peakRssMb: rankCountries.peakRssMb },
        },
        queries: latency,
        api,
        duckdb: {
          files: files.length,
          xPosts,
          seconds: Math.round(duck.seconds * 100) / 100,
          postsPerSecond: Math.round(xPosts / duck.seconds),
          countryDays: compare(ours.rows, duck.rows),
        },
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
