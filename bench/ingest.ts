// Import benchmark: generates a twarc2 JSONL file of N posts, then measures in separate processes
// (1) the baseline — the same file read and parsed with JSON.parse alone, (2) `import` into PGlite,
// (3) `import` into PostgreSQL (DATABASE_URL, or a throwaway local cluster with default durability).
// Usage: npm run bench:ingest -- [--posts 1000000] [--db both|pglite|postgres] [--raw gzip|none]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { readCsv } from '../src/registry/sources/read-csv.js';
import { startCluster } from '../test/helpers/pg-cluster.js';
import { writeTwarcFile } from './twarc-generator.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const posts = Number(arg('posts', '1000000'));
const which = arg('db', 'both');
const raw = arg('raw', 'gzip');
const dir = mkdtempSync(path.join(tmpdir(), 'attache-bench-'));
const file = path.join(dir, 'bench.jsonl');
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

// Registry X handles as the first authors, so that imported posts link to real registry actors.
const handles = readCsv(path.resolve('data/registry/govdirectory_diplomatic_accounts.csv'), {
  required: ['platform', 'account'],
})
  .filter((r) => r.values.platform === 'X' && /^[A-Za-z0-9_]{1,15}$/.test(r.values.account ?? ''))
  .map((r) => r.values.account!);

const worker = (stage: string, extra: string[] = []) => {
  log(`${stage} …`);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/ingest-worker.ts', '--stage', stage, '--file', file, '--raw', raw, ...extra],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
};

try {
  log(`generating ${posts.toLocaleString('en')} posts …`);
  const t0 = performance.now();
  const generated = await writeTwarcFile(file, { posts, seed: 42, handles });
  const generateSeconds = (performance.now() - t0) / 1000;
  const baseline = worker('parse');
  const result: Record<string, unknown> = {
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    file: { ...generated, mb: Math.round(generated.bytes / 1048576), generateSeconds },
    rawCompression: raw,
    baseline,
  };
  const ratio = (r: Record<string, unknown>) => Number(r.postsPerSecond) / Number(baseline.postsPerSecond);
  if (which === 'both' || which === 'pglite') {
    const home = path.join(dir, 'pglite');
    worker('registry', ['--home', home]);
    const r = worker('pglite', ['--home', home]);
    result.pglite = { ...r, ofBaseline: ratio(r) };
  }
  if (which === 'both' || which === 'postgres') {
    const cluster = process.env.DATABASE_URL ? null : await startCluster({ fsync: true });
    const url = process.env.DATABASE_URL ?? cluster?.url;
    if (!url) result.postgres = { skipped: 'no DATABASE_URL and no initdb/pg_ctl' };
    else {
      try {
        worker('registry', ['--url', url]);
        const r = worker('postgres', ['--url', url]);
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
