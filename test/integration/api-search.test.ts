import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { textPostPage } from '../../src/api/queries/posts.js';
import { searchCondition, TS_CONFIGS } from '../../src/api/queries/search.js';
import type { Database } from '../../src/db/database.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dataDir = path.join(root, 'data');

/** Posts whose words and languages the search must tell apart; ids are `s<n>`, newest last. */
const POSTS: { id: string; lang: string; text: string }[] = [
  // Russian: nominative "Посольство", "брифинг"; the queries use other cases.
  { id: 's1', lang: 'ru', text: 'Посольство провело брифинг для журналистов' },
  // Arabic: "السفارة" (the embassy) with the article; the query is the bare noun.
  { id: 's2', lang: 'ar', text: 'افتتحت السفارة معرضا للكتب في العاصمة' },
  // Estonian has no configuration on PostgreSQL 15: 'simple', no stemming.
  { id: 's3', lang: 'et', text: 'Tallinna saatkond avas näituse' },
  // The same English words in an English post (stemmed) and in a language without a configuration (not).
  { id: 's4', lang: 'en', text: 'Embassies opened their doors' },
  { id: 's5', lang: 'sw', text: 'Embassies opened their doors' },
  // Relevance: the word three times, once; and one more post for the walk.
  { id: 's6', lang: 'en', text: 'Climate talks: climate finance and climate adaptation' },
  { id: 's7', lang: 'en', text: 'A reception on climate' },
  { id: 's8', lang: 'en', text: 'Climate week opens today' },
  // An English exclusion must hold in the English post's own configuration.
  { id: 's9', lang: 'en', text: 'Renewable energy forum' },
  { id: 's10', lang: 'en', text: 'Renewable futures forum' },
];

function fixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'attache-search-'));
  const file = path.join(dir, 'search.csv');
  const rows = POSTS.map(
    (p, i) =>
      `x,${p.id},search_account,2025-06-0${1 + Math.floor(i / 5)}T10:${String(10 + i).padStart(2, '0')}:00Z,original,"${p.text}",${p.lang}`,
  );
  writeFileSync(file, `platform,post_id,author_handle,published_at,kind,text,lang\n${rows.join('\n')}\n`);
  return file;
}

interface Page {
  items: { platformPostId: string }[];
  nextCursor: string | null;
}

describe.each(backends())('text search on $name', (backend) => {
  let db: Database;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json<Page>() };
  };
  const ids = async (q: string, extra = '') => {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items.map((p) => p.platformPostId);
  };
  /** Every id of a listing, page by page. */
  const walk = async (url: string) => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await get(cursor === null ? url : `${url}&cursor=${cursor}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      out.push(...r.body.items.map((p) => p.platformPostId));
      cursor = r.body.nextCursor;
    } while (cursor !== null && out.length < 100);
    return out;
  };

  beforeAll(async () => {
    db = await backend.fresh();
    await runImport(db, [fixture()]);
    app = buildServer({ db, dataDir });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('maps each language to its configuration as the API assumes, and any other to simple', async () => {
    const langs = [...Object.keys(TS_CONFIGS), 'et', 'sw', 'xx', 'EN-gb', 'pt-BR'];
    const rows = await db.query<{ lang: string; cfg: string }>(
      'SELECT l AS lang, lang_config(l)::text AS cfg FROM unnest($1::text[]) AS l',
      [langs],
    );
    const expected = (l: string) => TS_CONFIGS[l.toLowerCase().split('-')[0]!] ?? 'simple';
    expect(Object.fromEntries(rows.map((r) => [r.lang, r.cfg]))).toEqual(
      Object.fromEntries(langs.map((l) => [l, expected(l)])),
    );
    expect(expected('EN-gb')).toBe('english');
    const [none] = await db.query<{ cfg: string }>('SELECT lang_config(NULL)::text AS cfg');
    expect(none?.cfg).toBe('simple');
  });

  it('finds a Russian post by inflected forms of its words', async () => {
    expect(await ids('посольства')).toEqual(['s1']); // genitive of "посольство"
    expect(await ids('брифингах журналисту')).toEqual(['s1']); // prepositional plural, dative
    expect(await ids('посольства', '&lang=ru')).toEqual(['s1']);
    expect(await ids('посольства', '&lang=en')).toEqual([]);
  });

  it('finds an Arabic post by the bare noun, its plural, and with a preposition', async () => {
    expect(await ids('سفارة')).toEqual(['s2']);
    expect(await ids('السفارات')).toEqual(['s2']);
    expect(await ids('بالسفارة', '&lang=ar')).toEqual(['s2']);
  });

  it('searches a language without a configuration with simple: exact words, no stemming', async () => {
    expect(await ids('saatkond')).toEqual(['s3']);
    expect(await ids('saatkonna')).toEqual([]); // the genitive: Estonian is not stemmed
    // "embassy" finds the English post (stemmed: embassies → embassi) but not the same text in Swahili.
    expect(await ids('embassy')).toEqual(['s4']);
    expect((await ids('embassies')).sort()).toEqual(['s4', 's5']);
  });

  it('applies an exclusion in each post’s own configuration', async () => {
    // "-energies" stems to the English "energi": the English post with "energy" is excluded.
    expect(await ids('renewable -energies')).toEqual(['s10']);
    expect((await ids('renewable')).sort()).toEqual(['s10', 's9']);
  });

  it('orders by relevance on request, and pages through it exactly once', async () => {
    const ranked = await ids('climate', '&sort=relevance');
    expect(ranked[0]).toBe('s6'); // three occurrences
    expect(ranked.slice(1)).toEqual(['s8', 's7']); // equal rank (one occurrence each): newest first
    expect(await walk('/api/search?q=climate&sort=relevance&limit=1')).toEqual(ranked);
    expect(await ids('climate')).toEqual(['s8', 's7', 's6']); // default: newest first
    expect(await walk('/api/search?q=climate&limit=2')).toEqual(['s8', 's7', 's6']);
  });

  it('refuses relevance without q, and a cursor of the other order', async () => {
    expect((await get('/api/search?sort=relevance')).status).toBe(400);
    const newest = await get('/api/search?q=climate&limit=1');
    const cursor = newest.body.nextCursor!;
    expect((await get(`/api/search?q=climate&sort=relevance&cursor=${cursor}`)).status).toBe(400);
  });

  it('gives the same pages when the newest posts hold too few matches and the index is read', async () => {
    const { where, text, params } = await searchCondition(db, { q: 'climate OR forum' });
    const page = async (window: number, after?: readonly [string, number]) =>
      (await textPostPage(db, where, text!, params, after, 2, window)).map((r) => [r.timeKey, r.id] as const);
    for (const window of [1, 3, 5000]) {
      const all: number[] = [];
      let after: readonly [string, number] | undefined;
      for (;;) {
        const rows = await page(window, after);
        all.push(...rows.map((r) => r[1]));
        if (rows.length < 2) break;
        after = rows.at(-1);
      }
      const expected = await db.query<{ id: number }>(
        `SELECT id FROM posts WHERE platform_post_id = ANY($1::text[]) ORDER BY published_at DESC, id DESC`,
        [['s6', 's7', 's8', 's9', 's10']],
      );
      expect(all, `window ${window}`).toEqual(expected.map((r) => r.id));
    }
  });
});
