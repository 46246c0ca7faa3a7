import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoints } from '../../src/api/endpoints/index.js';
import { errorSchema } from '../../src/api/errors.js';
import { encodeCursor } from '../../src/api/pagination.js';
import { buildServer } from '../../src/api/server.js';
import { INDICATORS } from '../../src/analytics/index.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dataDir = path.join(root, 'data');
const analytics = path.join(root, 'test/fixtures/analytics');
const csvPosts = path.join(root, 'test/fixtures/csv/posts.csv');

type CsvRow = Record<string, string>;
const readCsv = (file: string) => parse<CsvRow>(readFileSync(file, 'utf8'), { columns: true, bom: true });

/** Five posts of one account at the same second (a page boundary inside a tie) and two more. */
function tieFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'attache-api-'));
  const file = path.join(dir, 'ties.csv');
  const rows = [
    'platform,post_id,author_handle,published_at,kind,text,lang',
    ...[1, 2, 3, 4, 5].map((i) => `x,99000${i},tie_account,2025-05-05T05:05:05Z,original,tie post ${i},en`),
    'x,990006,tie_account,2025-05-05T05:05:04Z,original,before the tie,en',
    'x,990007,tie_account,2025-05-06T00:00:00Z,reply,after the tie,en',
  ];
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

interface Reply {
  status: number;
  body: unknown;
}

/** The OpenAPI document's schema of an endpoint's 200 response, as a validator. */
function documentedResponse(doc: OpenApiDoc, p: string): z.ZodType {
  const schema = doc.paths[p]?.get?.responses['200']?.content['application/json']?.schema;
  expect(schema, p).toBeDefined();
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
}

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    {
      get?: {
        parameters: { name: string; in: string }[];
        responses: Record<string, { content: Record<string, { schema: unknown; example?: unknown }> }>;
      };
    }
  >;
  components: { schemas: { Error: unknown } };
}

describe.each(backends())('HTTP API on $name', (backend) => {
  let db: Database;
  let app: FastifyInstance;
  let doc: OpenApiDoc;
  const get = async (url: string): Promise<Reply> => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() };
  };
  const errorOf = async (url: string, status: number) => {
    const r = await get(url);
    expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(status);
    const parsed = errorSchema.strict().safeParse(r.body);
    expect(parsed.success, JSON.stringify(r.body)).toBe(true);
    expect(z.fromJSONSchema(doc.components.schemas.Error as never).safeParse(r.body).success).toBe(true);
    return parsed.data!.error;
  };

  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry(
      { db, dataDir, now: fixedNow },
      { source: path.join(analytics, 'registry.csv'), asOf: '2026-01-01' },
    );
    for (const f of ['posts-a.csv', 'posts-b.csv', 'update.csv'])
      await runImport(db, [path.join(analytics, f)]);
    await runImport(db, [csvPosts]);
    await runImport(db, [tieFixture()]);
    app = buildServer({ db, dataDir });
    doc = (await get('/api/openapi.json')).body as OpenApiDoc;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  describe('errors: one shape for every failure', () => {
    it('rejects bad query values with 400 and says which parameter', async () => {
      expect((await errorOf('/api/rank/countries?days=0', 400)).details).toEqual([
        { path: 'query.days', message: 'must be at least 1 day' },
      ]);
      const e = await errorOf('/api/rank/countries?window=forever&bogus=1', 400);
      expect(e.code).toBe('bad_request');
      expect(e.details.map((d) => d.path).sort()).toEqual(['query', 'query.window']);
      expect(e.details.find((d) => d.path === 'query')!.message).toContain('bogus');
      await errorOf('/api/rank/countries?window=7d&days=7', 400);
      await errorOf('/api/rank/countries?w.reach=-1', 400);
      await errorOf('/api/rank/countries?to=2026-02-30', 400);
      await errorOf('/api/rank/countries?days=1&days=2', 400);
      const zero = INDICATORS.map((i) => `w.${i}=0`).join('&');
      expect((await errorOf(`/api/rank/countries?${zero}`, 400)).message).toContain('at least one weight');
      await errorOf('/api/rank/planets', 400);
      expect((await errorOf('/api/rank/missions', 400)).message).toContain('--host');
      await errorOf('/api/search?from=2026-03-10&to=2026-03-01', 400);
      await errorOf('/api/search?limit=0', 400);
      await errorOf(`/api/search?limit=201`, 400);
      await errorOf('/api/search?kind=story', 400);
      await errorOf('/api/channels/abc', 400);
      await errorOf('/api/posts/-1', 400);
      await errorOf('/api/countries/F!', 400);
    });

    it('answers 404 for unknown things and unknown routes', async () => {
      expect((await errorOf('/api/countries/ZZ', 404)).message).toContain('ZZ');
      await errorOf('/api/channels/987654321', 404);
      await errorOf('/api/channels/987654321/posts', 404);
      await errorOf('/api/posts/987654321', 404);
      await errorOf('/api/actors/987654321', 404);
      await errorOf('/api/runs/987654321/issues', 404);
      expect((await errorOf('/api/no/such/thing', 404)).code).toBe('not_found');
      expect((await app.inject({ method: 'POST', url: '/api/health' })).statusCode).toBe(404);
    });

    it('answers 400, never 500, for malformed cursors', async () => {
      const cursors = [
        'not a cursor!',
        'abc',
        Buffer.from('{"k":"search"').toString('base64url'),
        Buffer.from('[1,2]').toString('base64url'),
        encodeCursor('runs', [5]), // another listing's cursor
        encodeCursor('search', ['yesterday', 3]),
        encodeCursor('search', ['2026-13-45T00:00:00Z', 3]),
        encodeCursor('search', ['2026-01-01T00:00:00Z', 1e300]),
        encodeCursor('search', ['2026-01-01T00:00:00Z', -1]),
      ];
      for (const c of cursors) {
        const e = await errorOf(`/api/search?cursor=${encodeURIComponent(c)}`, 400);
        expect(e.details[0]!.path).toBe('query.cursor');
      }
      await errorOf(`/api/runs?cursor=${encodeCursor('runs', ['x'])}`, 400);
      await errorOf(`/api/registry?cursor=${encodeCursor('registry', [3])}`, 400);
    });
  });

  describe('pagination', () => {
    /** Every item of a listing, page by page, with the number of pages. */
    async function walk(url: string): Promise<{ items: Record<string, unknown>[]; pages: number }> {
      const items: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const sep = url.includes('?') ? '&' : '?';
        const r = await get(cursor === null ? url : `${url}${sep}cursor=${cursor}`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const page = r.body as { items: Record<string, unknown>[]; nextCursor: string | null };
        items.push(...page.items);
        cursor = page.nextCursor;
        pages++;
        expect(pages).toBeLessThan(1000);
      } while (cursor !== null);
      return { items, pages };
    }

    it('walks every post exactly once, newest first, through ties of the same second', async () => {
      const { items, pages } = await walk('/api/search?limit=7');
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts')) as [
        { n: number },
      ];
      expect(items.length).toBe(n);
      expect(pages).toBe(Math.ceil(n / 7));
      expect(new Set(items.map((p) => p.id)).size).toBe(n);
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1]!, items[i]!];
        const order = (a.publishedAt as string).localeCompare(b.publishedAt as string);
        expect(order > 0 || (order === 0 && (a.id as number) > (b.id as number))).toBe(true);
      }
    });

    it('walks one channel’s posts two at a time, the five tied posts included once each', async () => {
      const [channel] = await db.query<{ id: number }>(
        "SELECT id FROM channels WHERE handle_norm = 'tie_account'",
      );
      const { items } = await walk(`/api/channels/${channel!.id}/posts?limit=2`);
      expect(items.map((p) => p.platformPostId)).toEqual([
        '990007',
        '990005',
        '990004',
        '990003',
        '990002',
        '990001',
        '990006',
      ]);
      const replies = await walk(`/api/channels/${channel!.id}/posts?limit=1&kind=reply`);
      expect(replies.items.map((p) => p.platformPostId)).toEqual(['990007']);
    });

    it('walks the registry, runs, issues and coverage listings without repeats or gaps', async () => {
      // One row per channel: an actor with two channels has two rows.
      const registry = [
        ...new Map(readCsv(path.join(analytics, 'registry.csv')).map((r) => [r.actor_id, r])).values(),
      ];
      const actors = await walk('/api/registry?limit=2');
      expect(actors.items.map((a) => a.name).sort()).toEqual(registry.map((r) => r.actor_name).sort());
      const fi = await walk('/api/registry?limit=1&q=finland%20tokyo');
      expect(fi.items.map((a) => a.name).sort()).toEqual(
        registry
          .filter((r) => r.sending_country === 'FI' && r.city === 'Tokyo')
          .map((r) => r.actor_name)
          .sort(),
      );
      const runs = await walk('/api/runs?limit=1');
      const ids = runs.items.map((r) => r.id as number);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(runs.items.map((r) => r.kind).sort()).toEqual([
        'import',
        'import',
        'import',
        'import',
        'import',
        'registry',
      ]);
      const [{ n: channels }] = (await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM channels',
      )) as [{ n: number }];
      const coverage = await walk('/api/coverage?limit=3');
      expect(new Set(coverage.items.map((c) => c.id)).size).toBe(channels);
      expect(coverage.items.length).toBe(channels);
      const withIssues = runs.items.find((r) => (r.issues as number) > 0);
      if (withIssues) {
        const issues = await walk(`/api/runs/${withIssues.id as number}/issues?limit=1`);
        expect(issues.items.length).toBe(withIssues.issues);
      }
    });
  });

  describe('OpenAPI document', () => {
    it('lists every endpoint with its parameters, and each example validates against its schema', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [...endpoints.map((e) => e.path), '/api/openapi.json'].sort(),
      );
      for (const e of endpoints) {
        const op = doc.paths[e.path]!.get!;
        const named = op.parameters.map((p) => `${p.in}:${p.name}`);
        for (const m of e.path.matchAll(/\{(\w+)\}/g)) expect(named).toContain(`path:${m[1]}`);
        const example = op.responses['200']!.content['application/json']!.example;
        expect(example, e.path).toEqual(e.example);
        const own = e.response.safeParse(e.example);
        expect(own.success, `${e.path}: ${JSON.stringify(own.error?.issues)}`).toBe(true);
        const documented = documentedResponse(doc, e.path).safeParse(example);
        expect(documented.success, `${e.path}: ${JSON.stringify(documented.error?.issues)}`).toBe(true);
      }
      expect(doc.paths['/api/rank/{level}']!.get!.parameters.map((p) => p.name)).toEqual(
        expect.arrayContaining(INDICATORS.map((i) => `w.${i}`)),
      );
    });

    it('every served response validates against the documented schema', async () => {
      const [post] = await db.query<{ id: number; channel_id: number }>(
        "SELECT id, channel_id FROM posts WHERE platform_post_id = '1765432109876543210'",
      );
      const [actor] = await db.query<{ id: number }>(
        "SELECT id FROM actors WHERE actor_key LIKE '%fi-emb-jp'",
      );
      const [run] = await db.query<{ id: number }>('SELECT max(id) AS id FROM ingest_runs');
      const urls: Record<string, string> = {
        '/api/health': '/api/health',
        '/api/rank/{level}': '/api/rank/missions?host=JP&window=90d',
        '/api/countries': '/api/countries',
        '/api/countries/{code}': '/api/countries/fi?window=90d&to=2026-03-31',
        '/api/actors/{id}': `/api/actors/${actor!.id}`,
        '/api/channels/{id}': `/api/channels/${post!.channel_id}?to=2026-03-31`,
        '/api/channels/{id}/posts': `/api/channels/${post!.channel_id}/posts`,
        '/api/channels/{id}/counterparts': `/api/channels/${post!.channel_id}/counterparts`,
        '/api/activity': '/api/activity?window=90d&to=2026-03-31',
        '/api/posts/{id}': `/api/posts/${post!.id}`,
        '/api/stars': '/api/stars?days=120&to=2026-03-31&threshold=1.5',
        '/api/search': '/api/search?q=diplomatie',
        '/api/registry': '/api/registry?q=japan',
        '/api/runs': '/api/runs',
        '/api/runs/{id}/issues': `/api/runs/${run!.id}/issues`,
        '/api/coverage': '/api/coverage?registry=true',
        '/api/datasets': '/api/datasets',
      };
      // An endpoint without a URL above is called with the same ids (a channel, FI, countries).
      const ids: Record<string, string> = { id: String(post!.channel_id), code: 'FI', level: 'countries' };
      for (const e of endpoints)
        urls[e.path] ??= e.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      expect(Object.keys(urls).sort()).toEqual(endpoints.map((e) => e.path).sort());
      for (const [p, url] of Object.entries(urls)) {
        const r = await get(url);
        expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(200);
        const checked = documentedResponse(doc, p).safeParse(r.body);
        expect(checked.success, `${url}: ${JSON.stringify(checked.error?.issues)}`).toBe(true);
      }
      for (const level of ['countries', 'channels']) {
        const r = await get(`/api/rank/${level}?to=2026-03-31`);
        expect(documentedResponse(doc, '/api/rank/{level}').safeParse(r.body).success).toBe(true);
      }
    });
  });

  it('serves the dashboard folder outside /api when it exists, and never a file outside it', async () => {
    const web = mkdtempSync(path.join(tmpdir(), 'attache-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Attaché</title>');
    writeFileSync(path.join(web, 'app.js'), 'console.log(1)');
    const withWeb = buildServer({ db, dataDir, config: { webDir: web } });
    try {
      const page = await withWeb.inject({ method: 'GET', url: '/' });
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<title>Attaché</title>');
      const js = await withWeb.inject({ method: 'GET', url: '/app.js' });
      expect(js.headers['content-type']).toContain('javascript');
      expect(js.body).toBe('console.log(1)');
      // Client-side routes get index.html; escapes from the folder get index.html too, never the file.
      expect((await withWeb.inject({ method: 'GET', url: '/country/FI' })).body).toContain('<title>');
      for (const url of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
        const r = await withWeb.inject({ method: 'GET', url });
        expect(r.body, url).not.toContain('"name": "attache"');
      }
      const api = await withWeb.inject({ method: 'GET', url: '/api/nothing' });
      expect(api.statusCode).toBe(404);
      expect(errorSchema.safeParse(api.json()).success).toBe(true);
      expect((await withWeb.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
        status: 'ok',
      });
    } finally {
      await withWeb.close();
    }
    const without = await app.inject({ method: 'GET', url: '/' });
    expect(without.statusCode).toBe(404);
  });

  describe('endpoints', () => {
    it('searches each post in its language: a Russian and an Arabic post, by inflected forms', async () => {
      const fixture = readCsv(csvPosts);
      const ru = fixture.find((r) => r.lang === 'ru')!;
      const ar = fixture.find((r) => r.lang === 'ar')!;
      // "брифинги" (plural) finds "Брифинг"; "اتفاق" finds "بالاتفاق" (with the article and preposition).
      expect(ru.text).toContain('Брифинг');
      expect(ar.text).toContain('بالاتفاق');
      const search = async (q: string, extra = '') =>
        (
          (await get(`/api/search?q=${encodeURIComponent(q)}${extra}`)).body as {
            items: { platformPostId: string; text: string }[];
          }
        ).items;
      expect((await search('брифинги')).map((p) => p.platformPostId)).toEqual([ru.post_id]);
      expect((await search('اتفاق')).map((p) => p.platformPostId)).toEqual([ar.post_id]);
      expect((await search('اتفاق', '&lang=ar')).map((p) => p.text)).toEqual([ar.text]);
      expect(await search('اتفاق', '&lang=ru')).toEqual([]);
      expect(await search('брифинги', '&platform=x')).toEqual([]);
      expect(await search('"официального представителя"')).toHaveLength(1);
      expect(await search('брифинг -подробности')).toEqual([]);
      const ja = fixture.find((r) => r.lang === 'ja')!;
      expect((await search('外務大臣')).map((p) => p.platformPostId)).toEqual([ja.post_id]);
      const tagged = fixture.filter((r) => /#diplomatie/i.test(r.hashtags ?? ''));
      const byTag = (await get('/api/search?hashtag=%23DIPLOMATIE')).body as {
        items: { platformPostId: string }[];
      };
      expect(byTag.items.map((p) => p.platformPostId).sort()).toEqual(tagged.map((r) => r.post_id).sort());
    });

    it('ranks with weights given in the query: activity alone orders by posts per day', async () => {
      const others = INDICATORS.filter((i) => i !== 'activity')
        .map((i) => `w.${i}=0`)
        .join('&');
      const r = (await get(`/api/rank/channels?to=2026-03-31&w.activity=1&${others}`)).body as {
        weights: { version: string; values: Record<string, number> };
        rows: {
          key: string;
          rank: number | null;
          channelId: number | null;
          indicators: { activity: number };
        }[];
      };
      expect(r.weights.version).toBe('ranking-v1+custom');
      expect(r.weights.values.activity).toBe(1);
      const activity = r.rows.map((x) => x.indicators.activity);
      expect(activity).toEqual([...activity].sort((a, b) => b - a));
      expect(r.rows.every((x) => x.channelId !== null)).toBe(true);
      // Activity is posts per day of the window; count the fixture's posts per handle independently.
      const posts = [
        ...readCsv(path.join(analytics, 'posts-a.csv')),
        ...readCsv(path.join(analytics, 'posts-b.csv')),
      ];
      const inMarch = posts.filter((p) => p.published_at! >= '2026-03-02' && p.published_at! < '2026-04-01');
      for (const row of r.rows) {
        const handle = row.key.split(':')[1]!.toLowerCase();
        const n = inMarch.filter((p) => p.author_handle!.toLowerCase() === handle).length;
        expect(row.indicators.activity).toBeCloseTo(n / 30, 10);
      }
    });

    it('trims a ranking to its first rows with limit, computed over every entity', async () => {
      const all = (await get('/api/rank/channels?to=2026-03-31')).body as { rows: { key: string }[] };
      expect(all.rows.length).toBeGreaterThan(2);
      const two = (await get('/api/rank/channels?to=2026-03-31&limit=2')).body as typeof all;
      expect(two.rows).toEqual(all.rows.slice(0, 2));
      await errorOf('/api/rank/channels?limit=0', 400);
    });

    it('sends a cached body gzipped when asked, with an ETag that answers 304', async () => {
      const url = '/api/rank/channels?to=2026-03-31';
      const plain = await app.inject({ method: 'GET', url });
      expect(plain.headers['content-encoding']).toBeUndefined();
      const etag = plain.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const zipped = await app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'br, gzip;q=0.8' },
      });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      const refused = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const other = await app.inject({
        method: 'GET',
        url: `${url}&limit=1`,
        headers: { 'if-none-match': etag },
      });
      expect(other.statusCode).toBe(200);
    });

    it('shows a country: its actors, channels by platform, missions, and the median country', async () => {
      const registry = readCsv(path.join(analytics, 'registry.csv')).filter(
        (r) => r.sending_country === 'FI',
      );
      const c = (await get('/api/countries/fi?to=2026-03-31')).body as {
        country: { code: string };
        actors: { name: string }[];
        platforms: { platform: string; channels: number }[];
        missions: { host: string; actors: number }[];
        ranking: {
          indicators: Record<string, number | null>;
          median: Record<string, number | null>;
          of: number;
        };
      };
      expect(c.country.code).toBe('FI');
      expect(c.actors.map((a) => a.name).sort()).toEqual(registry.map((r) => r.actor_name).sort());
      expect(c.platforms).toEqual([{ platform: 'x', channels: registry.length }]);
      const hosts = registry.filter((r) => r.host_country);
      expect(c.missions).toEqual([{ host: 'JP', name: 'Japan', actors: hosts.length }]);
      const ranking = (await get('/api/rank/countries?to=2026-03-31')).body as {
        rows: { key: string; indicators: Record<string, number | null> }[];
      };
      expect(c.ranking.of).toBe(ranking.rows.length);
      const reach = ranking.rows
        .map((x) => x.indicators.reach)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
      const mid =
        reach.length % 2
          ? reach[(reach.length - 1) / 2]
          : (reach[reach.length / 2 - 1]! + reach[reach.length / 2]!) / 2;
      expect(c.ranking.median.reach).toBe(mid);
      expect(c.ranking.indicators).toEqual(ranking.rows.find((x) => x.key === 'FI')!.indicators);
    });

    it('returns a post with its relations, and hostile text as-is', async () => {
      const fixture = readCsv(csvPosts);
      const fr = fixture.find((r) => r.post_id === '1765432109876543210')!;
      const [row] = await db.query<{ id: number }>('SELECT id FROM posts WHERE platform_post_id = $1', [
        fr.post_id,
      ]);
      const p = (await get(`/api/posts/${row!.id}`)).body as {
        post: { text: string; platformPostId: string };
        hashtags: { tag: string }[];
        media: unknown[];
        metricsHistory: { likes: number | null; views: number | null }[];
      };
      expect(p.post.text).toBe(fr.text);
      expect(p.post.platformPostId).toBe(fr.post_id);
      expect(p.hashtags.map((h) => h.tag)).toEqual(fr.hashtags!.split(' ').map((t) => t.replace(/^#/, '')));
      expect(p.media).toHaveLength(fr.media_urls!.split(' ').length);
      expect(p.metricsHistory.at(-1)).toMatchObject({ likes: Number(fr.likes), views: Number(fr.views) });
    });

    it('answers rankings from a cache that a new import invalidates', async () => {
      type Ranked = { rows: { key: string; indicators: { activity: number } }[] };
      const url = '/api/rank/channels?to=2026-03-31';
      const activityOf = (r: Ranked) => r.rows.find((x) => x.key === 'x:fi_mfa_test')!.indicators.activity;
      const before = activityOf((await get(url)).body as Ranked);
      expect(activityOf((await get(url)).body as Ranked)).toBe(before);
      const dir = mkdtempSync(path.join(tmpdir(), 'attache-api-'));
      const file = path.join(dir, 'one-more.csv');
      writeFileSync(
        file,
        'platform,post_id,author_handle,published_at,kind,lang\nx,880001,fi_mfa_test,2026-03-15T10:00:00Z,original,fi\n',
      );
      await runImport(db, [file]);
      expect(activityOf((await get(url)).body as Ranked)).toBeCloseTo(before + 1 / 30, 10);
    });

    it('reports health, datasets and coverage gaps', async () => {
      const h = (await get('/api/health')).body as { status: string; database: string };
      expect(h).toMatchObject({ status: 'ok', database: backend.name });
      const d = (await get('/api/datasets')).body as { items: unknown[] };
      expect(d.items).toEqual([]);
      const [channel] = await db.query<{ id: number }>(
        "SELECT id FROM channels WHERE handle_norm = 'tie_account'",
      );
      const cov = (await get('/api/coverage?platform=x&limit=200')).body as {
        items: { id: number; posts: number; missing: string[]; lastPostAt: string }[];
      };
      const tie = cov.items.find((c) => c.id === channel!.id)!;
      expect(tie.posts).toBe(7);
      expect(tie.lastPostAt).toBe('2025-05-06T00:00:00.000Z');
      expect(tie.missing).toEqual(['likes', 'reposts', 'replies', 'quotes', 'views', 'followers']);
    });
  });
});

describe('attache serve (a real process on the embedded database)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'attache-serve-'));
  const env = { ...process.env, ATTACHE_HOME: path.join(home, 'db'), DATABASE_URL: '' };
  const cli = ['--import', 'tsx', 'test/helpers/run-cli.ts', 'serve'];

  it('refuses a non-loopback host without --allow-remote, with one line saying why', () => {
    for (const host of ['0.0.0.0', 'example.org']) {
      const r = spawnSync(process.execPath, [...cli, '--host', host], {
        cwd: root,
        encoding: 'utf8',
        env,
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`refusing to listen on ${host}`);
      expect(lines[0]).toContain('no accounts or roles');
      expect(lines[0]).toContain('--allow-remote');
    }
    const port = spawnSync(process.execPath, [...cli, '--port', '99999'], {
      cwd: root,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    expect(port.status).toBe(1);
    expect(port.stderr).toContain('--port');
  });

  it('serves on loopback, prints the URL, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, '--port', '0'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${err}`)));
    });
    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; database: string };
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    const missing = await fetch(`${url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code, err).toBe(0);
    expect(out).toContain('stopped');
  });
});
