import type { Queryable } from '../../db/database.js';
import { normaliseHashtag } from '../../domain/hashtags.js';

/**
 * PostgreSQL text search configurations by ISO 639-1 language. Only those the server has are used (PostgreSQL
 * 15 lacks some that 16+ and PGlite have); any other language, or none, is searched with 'simple' (no
 * stemming, no stop words).
 */
export const TS_CONFIGS: Readonly<Record<string, string>> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english',
  et: 'estonian', fi: 'finnish', fr: 'french', de: 'german', el: 'greek', hi: 'hindi', hu: 'hungarian',
  id: 'indonesian', ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian',
  nb: 'norwegian', nn: 'norwegian', pt: 'portuguese', ro: 'romanian', ru: 'russian', sr: 'serbian',
  es: 'spanish', sv: 'swedish', ta: 'tamil', tr: 'turkish', yi: 'yiddish',
}; // prettier-ignore

/** Languages written without spaces between words: the parser sees a run as one word, so a substring also matches. */
export const UNSPACED_LANGS = ['zh', 'ja', 'ko', 'th', 'lo', 'km', 'my'] as const;

/** The primary language subtag of a post, in SQL. */
const POST_LANG = `split_part(lower(p.lang), '-', 1)`;

/** The post's configuration as a SQL expression over `posts p`, limited to the configurations that exist. */
export async function configExpression(db: Queryable): Promise<string> {
  const have = new Set(
    (await db.query<{ cfgname: string }>('SELECT cfgname FROM pg_ts_config')).map((r) => r.cfgname),
  );
  const cases = Object.entries(TS_CONFIGS)
    .filter(([, cfg]) => have.has(cfg))
    .map(([lang, cfg]) => `WHEN '${lang}' THEN '${cfg}'`)
    .join(' ');
  return `(CASE ${POST_LANG} ${cases} ELSE 'simple' END)::regconfig`;
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
 * The WHERE condition over `posts p`, `channels c`, `actors a` for postPage and its parameters (numbered from
 * $3). The text matches when the post's text vector in its language's configuration matches the query parsed
 * in the same configuration (websearch syntax: words, "phrases", -exclusions, or).
 */
export async function searchCondition(
  db: Queryable,
  f: SearchFilters,
): Promise<{ where: string; params: unknown[] }> {
  const conds: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length + 2}`;
  };
  if (f.q !== undefined) {
    const cfg = await configExpression(db);
    const q = bind(f.q);
    conds.push(
      `(to_tsvector(${cfg}, coalesce(p.text, '')) @@ websearch_to_tsquery(${cfg}, ${q}::text)
        OR (${POST_LANG} IN (${UNSPACED_LANGS.map((l) => `'${l}'`).join(', ')}) AND strpos(p.text, ${q}::text) > 0))`,
    );
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
  return { where: conds.length ? conds.join(' AND ') : 'true', params };
}
