// One benchmark stage in its own process, so that its peak RSS is its own: `parse` (the JSON.parse
// baseline) or `import` into PGlite or PostgreSQL. Prints one JSON line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectors } from '../src/connectors/index.js';
import { readLines } from '../src/connectors/shared/read-file.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { detectLanguage } from '../src/domain/language.js';
import { importFiles } from '../src/ingest/import.js';
import { createProgress } from '../src/ingest/progress.js';
import { importRegistry } from '../src/registry/import.js';
import { VERSION } from '../src/version.js';
import { tableCounts } from '../test/helpers/import.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const peakRssMb = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
};
const file = arg('file')!;
const stage = arg('stage')!;
const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../data');

if (stage === 'parse') {
  const t0 = performance.now();
  let posts = 0;
  for await (const ev of readLines(file, { from: null, maxItemBytes: 64 << 20 })) {
    if (ev.kind !== 'item') continue;
    const page = JSON.parse(ev.text) as { data?: unknown[] };
    posts += page.data?.length ?? 0;
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    JSON.stringify({
      stage,
      posts,
      seconds,
      postsPerSecond: Math.round(posts / seconds),
      peakRssMb: peakRssMb(),
    }) + '\n',
  );
} else {
  const url = arg('url');
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', home: arg('home')! });
  await migrate(db);
  if (stage === 'registry') {
    // Its own process, so that the import's peak RSS is the import's.
    await importRegistry({ db, dataDir, now: () => new Date() });
    await db.close();
    process.stdout.write(JSON.stringify({ stage, peakRssMb: peakRssMb() }) + '\n');
    process.exit(0);
  }
  const peakBeforeImportMb = peakRssMb();
  const profile: Record<string, number> = {};
  const t0 = performance.now();
  const summary = await importFiles(db, {
    profile,
    paths: [file],
    format: 'auto',
    dataset: 'bench',
    connectors,
    version: VERSION,
    now: () => new Date(),
    progress: createProgress({
      interactive: false,
      write: (l) => process.stderr.write(`${stage} ${l}\n`),
      intervalMs: 15_000,
    }),
    detectLang: detectLanguage,
    rawCompression: arg('raw') === 'none' ? 'none' : 'gzip',
  });
  const seconds = (performance.now() - t0) / 1000;
  const rows = await tableCounts(db);
  const [linked] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.actor_id IS NOT NULL AND p.dataset_id IS NOT NULL`,
  );
  const [raw] = await db.query<{ bytes: number }>(
    `SELECT sum(octet_length(payload))::bigint AS bytes FROM raw_records`,
  );
  await db.close();
  process.stdout.write(
    JSON.stringify({
      stage,
      posts: summary.accepted,
      seconds,
      postsPerSecond: Math.round(summary.accepted / seconds),
      peakRssMb: peakRssMb(),
      peakBeforeImportMb,
      issues: summary.issues,
      rows,
      postsLinkedToRegistry: linked?.n ?? 0,
      rawPayloadMb: Math.round((raw?.bytes ?? 0) / 1048576),
      profileSeconds: Object.fromEntries(
        Object.entries(profile)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, Math.round(v) / 1000]),
      ),
    }) + '\n',
  );
}
