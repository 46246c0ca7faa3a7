// API latency under load: serves the database given by the environment (DATABASE_URL, else the embedded one in
// ATTACHE_HOME) on 127.0.0.1 in this process and measures p50/p95/p99 of the main endpoints with 20 concurrent
// clients (a request loop each, keep-alive, in a worker thread) on loopback. Prints one JSON object. Not part of npm test.
// Usage: ATTACHE_HOME=… | DATABASE_URL=… node --import tsx bench/api.ts [--clients 20] [--requests 400]
//   [--only 'rank channels,search text'] (measure only these endpoints, by name)
//   [--client http|fetch] (http: node:http with a keep-alive agent, the default; fetch: undici's fetch, which costs
//   the client thread about 3 ms of CPU per request and saturates it, see docs/benchmarks.md "API latency")
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildServer } from '../src/api/server.js';
import { readConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const clients = Number(arg('clients', '20'));
const requests = Number(arg('requests', '400'));
const client = arg('client', 'http');
if (client !== 'http' && client !== 'fetch') throw new Error(`--client ${client}: http or fetch`);
const log = (s: string) => process.stderr.write(`[bench:api] ${s}\n`);

const config = readConfig(process.env, {
  cwd: process.cwd(),
  dataDir: fileURLToPath(new URL('../data', import.meta.url)),
  stderrIsTTY: false,
});
const db = await openDatabase(
  config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', home: config.home },
);
await migrate(db);
const app = buildServer({ db, dataDir: config.dataDir, config: { log } });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const one = async <T>(sql: string) => (await db.query<T>(sql))[0];
const counts = await one<{ posts: number; channels: number }>(
  'SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM channels) AS channels',
);
// Ids for the detail endpoints: the busiest registry channel, its latest post, its country.
const channel = await one<{ id: number; country: string }>(
  `SELECT c.id, a.sending_country AS country FROM channels c JOIN actors a ON a.id = c.actor_id
   JOIN LATERAL (SELECT sum(posts) AS n FROM channel_daily d WHERE d.channel_id = c.id) d ON true
   ORDER BY d.n DESC NULLS LAST LIMIT 1`,
);
const post = channel
  ? await one<{ id: number }>(
      `SELECT id FROM posts WHERE channel_id = ${Number(channel.id)} ORDER BY published_at DESC LIMIT 1`,
    )
  : undefined;
const host = await one<{ host: string }>(
  `SELECT host_country AS host FROM actors WHERE host_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
// The first word (letters only, 5 or more) of the first English post imported: the same word on every run over the
// same data, whatever the table's physical order (a rewrite such as a new stored column changes it).
const word = await one<{ w: string }>(
  `SELECT split_part(text, ' ', 1) AS w FROM posts
   WHERE lang = 'en' AND split_part(text, ' ', 1) ~ '^[[:alpha:]]{5,}$' ORDER BY id LIMIT 1`,
);
const rankSecond = (await (await fetch(`${base}/api/search?limit=50`)).json()) as {
  nextCursor: string | null;
};

const targets: Record<string, string> = {
  health: '/api/health',
  'rank countries': '/api/rank/countries',
  'rank countries (custom weights)': '/api/rank/countries?w.reach=1&w.engagement=0.5',
  'rank channels': '/api/rank/channels?window=7d',
  'rank channels (top 100)': '/api/rank/channels?window=7d&limit=100',
  // what the dashboard's rankings page asks (src/web)
  'rank channels (top 500)': '/api/rank/channels?window=7d&limit=500',
  ...(host ? { 'rank missions': `/api/rank/missions?host=${host.host}` } : {}),
  ...(channel
    ? {
        country: `/api/countries/${channel.country}`,
        channel: `/api/channels/${channel.id}`,
        'channel posts': `/api/channels/${channel.id}/posts`,
      }
    : {}),
  ...(post ? { post: `/api/posts/${post.id}` } : {}),
  stars: '/api/stars',
  'search (filters only)': '/api/search?platform=x',
  ...(rankSecond.nextCursor ? { 'search page 2': `/api/search?cursor=${rankSecond.nextCursor}` } : {}),
  ...(word
    ? {
        'search text': `/api/search?q=${encodeURIComponent(word.w)}&lang=en`,
        'search text (every language)': `/api/search?q=${encodeURIComponent(word.w)}`,
      }
    : {}),
  registry: '/api/registry?q=embassy',
  runs: '/api/runs',
  coverage: '/api/coverage',
  datasets: '/api/datasets',
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const round = (n: number) => Math.round(n * 10) / 10;

// The clients run in a worker thread, so their CPU (requests, reading bodies) does not share the server's event loop.
// Every client asks for gzip and reads (and decompresses) the whole body, as a browser does. `busy` is the share of
// the run the client thread was not idle (event-loop utilisation): near 1, the client, not the server, sets the pace.
const CLIENTS = `
const { parentPort, workerData: w } = require('node:worker_threads');
const http = require('node:http');
const zlib = require('node:zlib');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.clients });
const viaHttp = (url) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      if (res.headers['content-encoding'] === 'gzip') zlib.gunzipSync(body);
      resolve(res.statusCode);
    });
    res.on('error', reject);
  }).on('error', reject);
});
const viaFetch = async (url) => { const r = await fetch(url); await r.arrayBuffer(); return r.status; };
const get = w.client === 'fetch' ? viaFetch : viaHttp;
(async () => {
  await get(w.url); // warm: plan caches, star scores, the data-version caches
  const times = [];
  const statuses = {};
  let next = 0;
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: w.clients }, async () => {
    while (next++ < w.requests) {
      const t = performance.now();
      const status = await get(w.url);
      times.push(performance.now() - t);
      statuses[status] = (statuses[status] || 0) + 1;
    }
  }));
  const busy = performance.eventLoopUtilization(elu0).utilization;
  parentPort.postMessage({ times, statuses, seconds: (performance.now() - t0) / 1000, busy });
  agent.destroy();
})();
`;

async function measure(url: string) {
  const serverElu = performance.eventLoopUtilization();
  const { times, statuses, seconds, busy } = await new Promise<{
    times: number[];
    statuses: Record<string, number>;
    seconds: number;
    busy: number;
  }>((resolve, reject) => {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: { url: base + url, clients, requests, client },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const serverBusy = performance.eventLoopUtilization(serverElu).utilization;
  times.sort((a, b) => a - b);
  return {
    url,
    requests: times.length,
    statuses,
    p50Ms: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    p99Ms: round(quantile(times, 0.99)),
    maxMs: round(times.at(-1)!),
    perSecond: round(times.length / seconds),
    clientBusy: Math.round(busy * 100) / 100,
    // the server's event loop (this thread: routing, handlers, JSON, the database driver)
    serverBusy: Math.round(serverBusy * 100) / 100,
  };
}

const only = arg('only', '')
  .split(',')
  .map((n) => n.trim())
  .filter(Boolean);
const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const [name, url] of Object.entries(targets)) {
  if (only.length && !only.includes(name)) continue;
  log(`${name} …`);
  results[name] = await measure(url);
}
await app.close();
await db.close();
process.stdout.write(
  `${JSON.stringify(
    {
      database: db.kind,
      posts: counts?.posts ?? 0,
      channels: counts?.channels ?? 0,
      clients,
      client,
      requestsPerEndpoint: requests,
      node: process.version,
      endpoints: results,
    },
    null,
    2,
  )}\n`,
);
