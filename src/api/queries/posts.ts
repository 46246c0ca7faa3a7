import type { Queryable } from '../../db/database.js';
import { sqlTimeKey } from '../pagination.js';

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
  metrics: {
    observedAt: Date;
    likes: number | null;
    reposts: number | null;
    replies: number | null;
    quotes: number | null;
    views: number | null;
    bookmarks: number | null;
  } | null;
  score: {
    interactions: number;
    baselinePosts: number;
    baselineMedian: number | null;
    ratio: number | null;
  } | null;
}
export type PostRow = PostItem & { timeKey: string };

interface RawPost {
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
  const rows = await db.query<RawPost>(
    `WITH page AS (
       SELECT p.id FROM posts p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id
       WHERE (${where}) AND ($1::timestamptz IS NULL OR (p.published_at, p.id) < ($1::timestamptz, $2::bigint))
       ORDER BY p.published_at DESC, p.id DESC
       LIMIT ${Number(limit)}
     )
     SELECT p.id, p.platform, p.platform_post_id AS "platformPostId", p.channel_id AS "channelId", c.handle,
       p.published_at AS "publishedAt", p.kind, p.text, p.lang, p.url, p.has_media AS "hasMedia",
       p.deleted_at AS "deletedAt", p.edited_at AS "editedAt",
       m.observed_at AS "observedAt", m.likes, m.reposts, m.replies, m.quotes, m.views, m.bookmarks,
       s.interactions AS "sInteractions", s.baseline_posts AS "sBaselinePosts",
       s.baseline_median AS "sBaselineMedian", s.ratio AS "sRatio",
       ${sqlTimeKey('p.published_at')} AS "timeKey"
     FROM page JOIN posts p ON p.id = page.id
     LEFT JOIN channels c ON c.id = p.channel_id
     LEFT JOIN LATERAL (SELECT * FROM post_metrics x WHERE x.post_id = p.id ORDER BY x.observed_at DESC LIMIT 1) m ON true
     LEFT JOIN post_scores s ON s.post_id = p.id
     ORDER BY p.published_at DESC, p.id DESC`,
    [after?.[0] ?? null, after?.[1] ?? null, ...params],
  );
  return rows.map((r): PostRow => ({
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
  }));
}

/** Drops the cursor key from rows before they are sent. */
export const withoutKey = ({ timeKey: _key, ...post }: PostRow): PostItem => post;

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
