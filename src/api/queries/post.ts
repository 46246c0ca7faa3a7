import type { Queryable } from '../../db/database.js';

/** Fields of a post beyond its list item. */
export async function postExtra(db: Queryable, id: number) {
  const [row] = await db.query<{
    datasetId: number | null;
    langSource: string | null;
    conversationId: string | null;
    editHistoryIds: string[] | null;
    withheldIn: string[] | null;
    place: unknown;
    firstSeenAt: Date;
  }>(
    `SELECT dataset_id AS "datasetId", lang_source AS "langSource", conversation_id AS "conversationId",
       edit_history_ids AS "editHistoryIds", withheld_in AS "withheldIn", place, first_seen_at AS "firstSeenAt"
     FROM posts WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export async function metricsHistory(db: Queryable, id: number) {
  return db.query<{
    observedAt: Date;
    likes: number | null;
    reposts: number | null;
    replies: number | null;
    quotes: number | null;
    views: number | null;
    bookmarks: number | null;
  }>(
    `SELECT observed_at AS "observedAt", likes, reposts, replies, quotes, views, bookmarks
     FROM post_metrics WHERE post_id = $1 ORDER BY observed_at`,
    [id],
  );
}

/** What the post replies to, quotes or reposts; the target's id when the store holds it. */
export async function postRefs(db: Queryable, id: number, platform: string) {
  return db.query<{
    kind: string;
    targetPlatformPostId: string;
    targetChannelId: number | null;
    targetPostId: number | null;
  }>(
    `SELECT r.ref_kind AS kind, r.target_platform_post_id AS "targetPlatformPostId",
       r.target_channel_id AS "targetChannelId", t.id AS "targetPostId"
     FROM post_refs r LEFT JOIN posts t ON t.platform = $2 AND t.platform_post_id = r.target_platform_post_id
     WHERE r.post_id = $1 ORDER BY r.ref_kind, r.target_platform_post_id`,
    [id, platform],
  );
}

/** Stored posts that reply to, quote or repost this one (the counterparts), oldest first, at most `limit`. */
export async function referencedBy(db: Queryable, platform: string, platformPostId: string, limit: number) {
  return db.query<{
    kind: string;
    postId: number;
    channelId: number | null;
    handle: string | null;
    publishedAt: Date;
  }>(
    `SELECT r.ref_kind AS kind, p.id AS "postId", p.channel_id AS "channelId", c.handle, p.published_at AS "publishedAt"
     FROM post_refs r JOIN posts p ON p.id = r.post_id LEFT JOIN channels c ON c.id = p.channel_id
     WHERE r.target_platform_post_id = $2 AND p.platform = $1
     ORDER BY p.published_at, p.id LIMIT $3`,
    [platform, platformPostId, limit],
  );
}

export async function postRelations(db: Queryable, id: number) {
  const hashtags = await db.query<{ tag: string; tagNorm: string }>(
    'SELECT tag, tag_norm AS "tagNorm" FROM post_hashtags WHERE post_id = $1 ORDER BY position',
    [id],
  );
  const mentions = await db.query<{
    handle: string;
    platformUserId: string | null;
    targetChannelId: number | null;
  }>(
    `SELECT handle, platform_user_id AS "platformUserId", target_channel_id AS "targetChannelId"
     FROM post_mentions WHERE post_id = $1 ORDER BY position`,
    [id],
  );
  const links = await db.query<{ url: string; expandedUrl: string | null; domain: string | null }>(
    'SELECT url, expanded_url AS "expandedUrl", domain FROM post_links WHERE post_id = $1 ORDER BY position',
    [id],
  );
  const media = await db.query<{
    kind: string;
    platformMediaId: string | null;
    url: string | null;
    altText: string | null;
    width: number | null;
    height: number | null;
    durationMs: number | null;
  }>(
    `SELECT media_kind AS kind, platform_media_id AS "platformMediaId", url, alt_text AS "altText", width, height,
       duration_ms AS "durationMs"
     FROM post_media WHERE post_id = $1 ORDER BY position`,
    [id],
  );
  return { hashtags, mentions, links, media };
}
