import type { Queryable } from '../../db/database.js';
import { sqlTimeKey } from '../pagination.js';

/** One metric observation of a post. */
export interface MetricsObservation {
  observedAt: Date;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  views: number | null;
  bookmarks: number | null;
}

/** A post as listed (the shape of postItemSchema, with Dates before serialisation). */
export interface PostItem {
  id: number;
  platform: string;
  platformPostId: string;
  channelId: number | null;
  handle: string | null;
  publishedAt: Date;
  kind: 'original' | 'reply' | 'quote' | 'repost';
  text: string | null;
  lang: string | null;
  url: string | null;
  hasMedia: boolean;
  deletedAt: Date | null;
  editedAt: Date | null;
  metrics: MetricsObservation | null;
  score: {
    interactions: number;
    baselinePosts: number;
    baselineMedian: number | null;
    ratio: number | null;
  } | null;
}
/** A listed post with its sort key: time text (microseconds) and, for a ranked page, its rank. */
export type PostRow = PostItem & { timeKey: string; rank: number | null };

/** A row of DECORATED_COLUMNS. */
export interface RawPost {
  id: number;
  platform: string;
  platformPostId: string;
  channelId: number | null;
  handle: string | null;
  publishedAt: Date;
  kind: PostItem['kind'];
  text: string | null;
  lang: string | null;
  url: string | null;
  hasMedia: boolean;
  deletedAt: Date | null;
  editedAt: Date | null;
  observedAt: Date | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  views: number | null;
  bookmarks: number | null;
  sInteractions: number | null;
  sBaselinePosts: number | null;
  sBaselineMedian: number | null;
  sRatio: number | null;
  timeKey: string;
}

/**
 * The posts a filter selects, newest first (published_at DESC, id DESC), at most `limit` rows, with their
 * latest metric observation and star score. `where` is a condition over `posts p` (and `channels c`, `actors
 * a` joined by the channel) using parameters from $3; $1 and $2 are the cursor key (time text, id) or NULLs.
 * The page is chosen first and decorated after, so the per-post lookups run only for the rows returned.
 */
export async function postPage(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  after: readonly [string, number] | undefined,
  limit: number,
): Promise<PostRow[]> {
  return decoratedPage(
    db,
    `SELECT p.id, p.published_at, NULL::numeric AS rank
     FROM posts p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id
     WHERE (${where}) AND ($1::timestamptz IS NULL OR (p.published_at, p.id) < ($1::timestamptz, $2::bigint))
     ORDER BY p.published_at DESC, p.id DESC
     LIMIT ${Number(limit)}`,
    [after?.[0] ?? null, after?.[1] ?? null, ...params],
  );
}

/** How many of the newest posts (after the cursor, through the filters) a text search checks before the index. */
export const RECENT_WINDOW = 5000;

/**
 * postPage for a text condition `text` (over `posts p` alone) on top of the filters `where`. A common word is
 * found by checking the newest posts in order, a rare one through the text index; the planner's guess between the
 * two is often wrong for words that go together (or never do, or an exclusion), and a wrong walk reads every
 * post. So the walk is bounded: the newest RECENT_WINDOW posts the filters select are checked first, and when
 * fewer than `limit` of them match, every match is taken from the index (materialised, so the planner cannot walk
 * again) and sorted. Either way the page is exactly the newest `limit` matches after the cursor.
 */
export async function textPostPage(
  db: Queryable,
  where: string,
  text: string,
  params: readonly unknown[],
  after: readonly [string, number] | undefined,
  limit: number,
  window = RECENT_WINDOW,
): Promise<PostRow[]> {
  const values = [after?.[0] ?? null, after?.[1] ?? null, ...params];
  const afterCursor = '($1::timestamptz IS NULL OR (p.published_at, p.id) < ($1::timestamptz, $2::bigint))';
  const recent = await decoratedPage(
    db,
    `SELECT p.id, p.published_at, NULL::numeric AS rank
     FROM (SELECT p.id, p.published_at, p.lang, p.text, p.search_vector
           FROM posts p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id
           WHERE (${where}) AND ${afterCursor}
           ORDER BY p.published_at DESC, p.id DESC
           LIMIT ${Number(window)}) p
     WHERE ${text}
     ORDER BY p.published_at DESC, p.id DESC
     LIMIT ${Number(limit)}`,
    values,
  );
  if (recent.length >= limit) return recent;
  return decoratedPage(
    db,
    `WITH matches AS MATERIALIZED (
       SELECT p.id, p.published_at
       FROM posts p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id
       WHERE (${where}) AND ${text} AND ${afterCursor}
     )
     SELECT id, published_at, NULL::numeric AS rank FROM matches
     ORDER BY published_at DESC, id DESC
     LIMIT ${Number(limit)}`,
    values,
  );
}

/**
 * Like postPage, ordered by `rank` (a numeric SQL expression over `posts p`, higher first), then newest first.
 * $1–$3 are the cursor key (rank, time text, id) or NULLs; `where` uses parameters from $4.
 */
export async function rankedPostPage(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  rank: string,
  after: readonly [number, string, number] | undefined,
  limit: number,
): Promise<(PostRow & { rank: number })[]> {
  const rows = await decoratedPage(
    db,
    `SELECT p.id, p.published_at, ${rank} AS rank
     FROM posts p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id
     WHERE (${where})
       AND ($1::numeric IS NULL OR (${rank}, p.published_at, p.id) < ($1::numeric, $2::timestamptz, $3::bigint))
     ORDER BY 3 DESC, p.published_at DESC, p.id DESC
     LIMIT ${Number(limit)}`,
    [after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, ...params],
  );
  return rows.map((r) => ({ ...r, rank: r.rank ?? 0 }));
}

/**
 * What a listed post shows, as columns over `posts p` with its latest metric observation `m` and star score `s`
 * (joined by DECORATION_JOINS); RawPost is the row.
 */
export const DECORATED_COLUMNS = `p.id, p.platform, p.platform_post_id AS "platformPostId", p.channel_id AS "channelId",
  c.handle, p.published_at AS "publishedAt", p.kind, p.text, p.lang, p.url, p.has_media AS "hasMedia",
  p.deleted_at AS "deletedAt", p.edited_at AS "editedAt",
  m.observed_at AS "observedAt", m.likes, m.reposts, m.replies, m.quotes, m.views, m.bookmarks,
  s.interactions AS "sInteractions", s.baseline_posts AS "sBaselinePosts",
  s.baseline_median AS "sBaselineMedian", s.ratio AS "sRatio",
  ${sqlTimeKey('p.published_at')} AS "timeKey"`;

/** The joins DECORATED_COLUMNS reads: the post's channel `c`, latest metrics `m` and star score `s`. */
export const DECORATION_JOINS = `LEFT JOIN channels c ON c.id = p.channel_id
  LEFT JOIN LATERAL (SELECT * FROM post_metrics x WHERE x.post_id = p.id ORDER BY x.observed_at DESC LIMIT 1) m ON true
  LEFT JOIN post_scores s ON s.post_id = p.id`;

/** The rows of `page` (id, published_at, rank), in the page's order, with what a listed post shows. */
async function decoratedPage(db: Queryable, page: string, params: readonly unknown[]): Promise<PostRow[]> {
  const rows = await db.query<RawPost & { rank: number | null }>(
    `WITH page AS (${page})
     SELECT ${DECORATED_COLUMNS}, page.rank
     FROM page JOIN posts p ON p.id = page.id
     ${DECORATION_JOINS}
     ORDER BY page.rank DESC NULLS LAST, page.published_at DESC, page.id DESC`,
    params,
  );
  return rows.map((r) => toPostRow(r, r.rank));
}

/**
 * The rows of `page` (id, published_at, rank) decorated as DECORATED_COLUMNS, as one JSON array in the page's
 * order: for a page read inside another statement. `page` must not use the aliases p, c, m, s, x outside its
 * own subqueries. fromJsonRows turns the array back into rows as the driver gives them.
 */
export const decoratedPageJson = (page: string) =>
  `(SELECT coalesce(json_agg(d ORDER BY d.ord), '[]'::json) FROM (
     SELECT ${DECORATED_COLUMNS}, page.rank,
       row_number() OVER (ORDER BY page.rank DESC NULLS LAST, page.published_at DESC, page.id DESC) AS ord
     FROM (${page}) page JOIN posts p ON p.id = page.id
     ${DECORATION_JOINS}) d)`;

/** A decoratedPageJson array as PostRows: its timestamps (ISO 8601 text in JSON) as Dates, as the driver gives. */
export function fromJsonRows(rows: (RawPost & { rank: number | null })[]): PostRow[] {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) =>
    toPostRow(
      {
        ...r,
        publishedAt: date(r.publishedAt)!,
        deletedAt: date(r.deletedAt),
        editedAt: date(r.editedAt),
        observedAt: date(r.observedAt),
      },
      r.rank,
    ),
  );
}

/** A DECORATED_COLUMNS row as a listed post (with its sort key). */
export function toPostRow(r: RawPost, rank: number | null = null): PostRow {
  return {
    id: r.id,
    platform: r.platform,
    platformPostId: r.platformPostId,
    channelId: r.channelId,
    handle: r.handle,
    publishedAt: r.publishedAt,
    kind: r.kind,
    text: r.text,
    lang: r.lang,
    url: r.url,
    hasMedia: r.hasMedia,
    deletedAt: r.deletedAt,
    editedAt: r.editedAt,
    metrics:
      r.observedAt === null
        ? null
        : {
            observedAt: r.observedAt,
            likes: r.likes,
            reposts: r.reposts,
            replies: r.replies,
            quotes: r.quotes,
            views: r.views,
            bookmarks: r.bookmarks,
          },
    score:
      r.sInteractions === null
        ? null
        : {
            interactions: r.sInteractions,
            baselinePosts: r.sBaselinePosts ?? 0,
            baselineMedian: r.sBaselineMedian,
            ratio: r.sRatio,
          },
    timeKey: r.timeKey,
    rank,
  };
}

/** Drops the cursor key from rows before they are sent. */
export const withoutKey = ({ timeKey: _key, rank: _rank, ...post }: PostRow): PostItem => post;

/** Text and language of some posts, by id. */
export async function postTexts(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, { text: string | null; lang: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; text: string | null; lang: string | null }>(
    'SELECT id, text, lang FROM posts WHERE id = ANY($1::bigint[])',
    [[...ids]],
  );
  return new Map(rows.map((p) => [p.id, { text: p.text, lang: p.lang }]));
}
