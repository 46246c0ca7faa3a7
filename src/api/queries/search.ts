import type { Queryable } from '../../db/database.js';
import { normaliseHashtag } from '../../domain/hashtags.js';

/**
 * The text-search configuration of each language, as the SQL function lang_config (migration
 * 20261122T1300-text-search) maps it: configurations present in both PostgreSQL 15 and PGlite (PostgreSQL 18).
 * Any other language, and posts without one, are searched with 'simple' (no stemming, no stop words). A test
 * checks that this table and the SQL function agree.
 */
export const TS_CONFIGS: Readonly<Record<string, string>> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english',
  fi: 'finnish', fr: 'french', de: 'german', el: 'greek', hi: 'hindi', hu: 'hungarian', id: 'indonesian',
  ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', nn: 'norwegian',
  pt: 'portuguese', ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish', ta: 'tamil',
  tr: 'turkish', yi: 'yiddish',
}; // prettier-ignore

/** Every configuration lang_config can return. */
export const ALL_TS_CONFIGS: readonly string[] = [
  ...new Set([...Object.values(TS_CONFIGS), 'simple']),
].sort();

/** Languages written without spaces between words: the parser sees a run as one word, so a substring also matches. */
export const UNSPACED_LANGS = ['zh', 'ja', 'ko', 'th', 'lo', 'km', 'my'] as const;

/** Characters of the scripts of UNSPACED_LANGS: only a query holding one needs the substring match. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** The primary language subtag of a post, in SQL. */
const POST_LANG = `split_part(lower(p.lang), '-', 1)`;

/**
 * A post's text vector in its language's configuration: the stored column to_tsvector(lang_config(lang), text),
 * indexed with GIN (migration 20261122T1300-text-search).
 */
export const POST_VECTOR = 'p.search_vector';

/** The configuration of a language filter value (a primary subtag, lower case). */
export const configOfLang = (lang: string): string => TS_CONFIGS[lang] ?? 'simple';

/** A tsquery (as text) and the configurations that parse the search text into it. */
export interface QueryGroup {
  tsquery: string;
  configs: string[];
}

const GROUP_CACHE_SIZE = 500;
const parses = new WeakMap<Queryable, Map<string, QueryGroup[]>>();

/**
 * The query parsed (web-search syntax) by each configuration in play, grouped by the tsquery it gives: most
 * configurations leave a word of another script as it is, so a Russian word makes two groups (russian's stem,
 * everyone else's word). Groups whose query is empty (only stop words) match nothing and are left out.
 *
 * The parse depends on the text, the configurations and the server's dictionaries, never on the data, so the
 * last GROUP_CACHE_SIZE parses are kept per database handle: a second page, or the same search again, saves a
 * round trip.
 */
export async function queryGroups(
  db: Queryable,
  q: string,
  configs: readonly string[],
): Promise<QueryGroup[]> {
  const key = `${configs.join(',')}\n${q}`;
  let parsed = parses.get(db);
  if (!parsed) {
    parsed = new Map<string, QueryGroup[]>();
    parses.set(db, parsed);
  }
  const hit = parsed.get(key);
  if (hit) {
    parsed.delete(key);
    parsed.set(key, hit);
    return hit;
  }
  const rows = await db.query<QueryGroup>(
    `SELECT t.q AS tsquery, array_agg(t.cfg ORDER BY t.cfg) AS configs
     FROM (SELECT c AS cfg, websearch_to_tsquery(c::regconfig, $1::text)::text AS q FROM unnest($2::text[]) AS c) t
     WHERE t.q <> '' GROUP BY t.q ORDER BY min(t.cfg)`,
    [q, [...configs]],
  );
  parsed.set(key, rows);
  while (parsed.size > GROUP_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  return rows;
}

export interface SearchFilters {
  q?: string | undefined;
  country?: string | undefined;
  platform?: string | undefined;
  lang?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hashtag?: string | undefined;
  kind?: string | undefined;
}

/**
 * The WHERE conditions over `posts p`, `channels c`, `actors a` for postPage and its parameters (numbered after
 * `offset`): `where` of the filters and, with `q`, `text` of the text (over `p` alone) and `relevance` of a post
 * (ts_rank of its vector against the query in its configuration, 6 decimals).
 *
 * The text matches when the post's vector in its language's configuration (POST_VECTOR) matches the query
 * parsed in that same configuration (web-search syntax: words, "phrases", -exclusions, or). The query is parsed
 * here once per configuration and grouped (queryGroups), so each group is one constant tsquery the GIN index
 * can look up, restricted to the posts of that group's configurations:
 * `(lang_config(p.lang) = ANY(cfgs) AND POST_VECTOR @@ tsquery) OR …`. With a `lang` filter there is one group.
 * A query in a script written without spaces (Chinese, Japanese, …) also matches as a substring of the posts in
 * those languages.
 */
export async function searchCondition(
  db: Queryable,
  f: SearchFilters,
  /** How many parameters come before the condition's (the cursor key's). */
  offset = 2,
): Promise<{ where: string; text: string | null; params: unknown[]; relevance: string | null }> {
  const conds: string[] = [];
  let text: string | null = null;
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length + offset}`;
  };
  let relevance: string | null = null;
  if (f.q !== undefined) {
    const configs = f.lang !== undefined ? [configOfLang(f.lang)] : ALL_TS_CONFIGS;
    const groups = await queryGroups(db, f.q, configs);
    const arms: string[] = [];
    const cases: string[] = [];
    for (const g of groups) {
      const tsq = `${bind(g.tsquery)}::tsquery`;
      // With a lang filter, or one group for every configuration, every post left is the group's.
      const all = f.lang !== undefined || g.configs.length === configs.length;
      const mine = all ? 'true' : `lang_config(p.lang) = ANY(${bind(g.configs)}::regconfig[])`;
      arms.push(`(${mine} AND ${POST_VECTOR} @@ ${tsq})`);
      cases.push(`WHEN ${mine} THEN ${tsq}`);
    }
    if (UNSPACED_SCRIPT.test(f.q)) {
      const langs = UNSPACED_LANGS.map((l) => `'${l}'`).join(', ');
      arms.push(`(${POST_LANG} IN (${langs}) AND strpos(p.text, ${bind(f.q)}::text) > 0)`);
    }
    text = arms.length ? `(${arms.join(' OR ')})` : 'false';
    // A substring-only match has no lexeme to rank: it ranks 0, after every lexical match.
    // Rounded, so the cursor holds the exact key (a float would not survive the trip through JSON text).
    relevance = cases.length
      ? `round(coalesce(ts_rank(${POST_VECTOR}, CASE ${cases.join(' ')} END), 0)::numeric, 6)`
      : '0::numeric';
  }
  if (f.country !== undefined) conds.push(`a.sending_country = ${bind(f.country)}::text`);
  if (f.platform !== undefined) conds.push(`p.platform = ${bind(f.platform)}::text`);
  if (f.lang !== undefined) conds.push(`${POST_LANG} = ${bind(f.lang)}::text`);
  if (f.from !== undefined) conds.push(`p.published_at >= ${bind(`${f.from}T00:00:00Z`)}::timestamptz`);
  if (f.to !== undefined) {
    const end = new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString();
    conds.push(`p.published_at < ${bind(end)}::timestamptz`);
  }
  if (f.hashtag !== undefined) {
    conds.push(
      `EXISTS (SELECT 1 FROM post_hashtags h WHERE h.post_id = p.id AND h.tag_norm = ${bind(normaliseHashtag(f.hashtag))}::text)`,
    );
  }
  if (f.kind !== undefined) conds.push(`p.kind = ${bind(f.kind)}::text`);
  return { where: conds.length ? conds.join(' AND ') : 'true', text, params, relevance };
}
