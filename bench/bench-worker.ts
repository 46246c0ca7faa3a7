// Tasks of `npm run bench` that read the benchmark's database in their own process. Prints one JSON line.
//   --task registry-csv --out FILE   the registry's X handles with their sending country (DuckDB's input)
//   --task country-days              Attaché's per-country daily X aggregates, from channel_daily
//   --task queries --repeat N        latency of the analyses' main calls (p50/p95 over N calls each)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelMetricsFor, defaultWeightsPath, loadWeights, rank, stars } from '../src/analytics/index.js';
import { openDatabase, type Database } from '../src/db/database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const url = arg('url');
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', home: arg('home')! });
const print = (v: unknown) => process.stdout.write(JSON.stringify(v) + '\n');

async function registryCsv(out: string) {
  const rows = await db.query<{ handle: string; country: string }>(
    `SELECT c.handle_norm AS handle, a.sending_country AS country FROM channels c JOIN actors a ON a.id = c.actor_id
     WHERE c.platform = 'x' AND c.link_source = 'registry' AND c.removed_on IS NULL AND c.handle_norm IS NOT NULL
     ORDER BY 1`,
  );
  writeFileSync(out, 'handle,country\n' + rows.map((r) => `${r.handle},${r.country}`).join('\n') + '\n');
  print({ handles: rows.length });
}

async function countryDays() {
  const rows = await db.query<{
    country: string;
    day: string;
    posts: number;
    likes: number;
    reposts: number;
  }>(
    `SELECT a.sending_country AS country, to_char(d.day, 'YYYY-MM-DD') AS day, sum(d.posts)::int AS posts,
            coalesce(sum(d.likes_received), 0)::bigint AS likes, coalesce(sum(d.reposts_received), 0)::bigint AS reposts
     FROM channel_daily d JOIN channels c ON c.id = d.channel_id JOIN actors a ON a.id = c.actor_id
     WHERE c.platform = 'x' GROUP BY 1, 2 HAVING sum(d.posts) > 0 ORDER BY 1, 2`,
  );
  print({ rows: rows.map((r) => ({ ...r, likes: Number(r.likes), reposts: Number(r.reposts) })) });
}

async function timed(n: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  return { calls: n, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

async function queries(n: number, database: Database) {
  const weights = loadWeights(defaultWeightsPath(path.resolve('data')));
  const [top] = await database.query<{ handle: string }>(
    `SELECT c.platform || ':' || c.handle AS handle FROM channel_daily d JOIN channels c ON c.id = d.channel_id
     WHERE c.actor_id IS NOT NULL GROUP BY 1 ORDER BY sum(d.posts) DESC, 1 LIMIT 1`,
  );
  print({
    'rank countries (30 days)': await timed(n, () =>
      rank(database, { level: 'countries', days: 30, weights }),
    ),
    'rank channels (30 days)': await timed(n, () => rank(database, { level: 'channels', days: 30, weights })),
    'stars (7 days)': await timed(n, () => stars(database, { days: 7 })),
    'metrics of the busiest channel': top
      ? await timed(n, () => channelMetricsFor(database, { channel: top.handle, days: 30 }))
      : null,
  });
}

try {
  const task = arg('task');
  if (task === 'registry-csv') await registryCsv(arg('out')!);
  else if (task === 'country-days') await countryDays();
  else if (task === 'queries') await queries(Number(arg('repeat') ?? '20'), db);
  else throw new Error(`unknown task ${task}`);
} finally {
  await db.close();
}
