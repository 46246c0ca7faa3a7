import type { Queryable } from '../../db/database.js';
import {
  DECORATED_COLUMNS,
  DECORATION_JOINS,
  toPostRow,
  withoutKey,
  type MetricsObservation,
  type PostItem,
  type RawPost,
} from './posts.js';

/** One post with everything its page shows (the shape of GET /api/posts/{id}, Dates before serialisation). */
export interface PostDetail {
  post: PostItem & {
    datasetId: number | null;
    langSource: string | null;
    conversationId: string | null;
    editHistoryIds: string[] | null;
    withheldIn: string[] | null;
    place: unknown;
    firstSeenAt: Date;
  };
  channel: {
    id: number;
    platform: string;
    handle: string | null;
    displayName: string | null;
    url: string | null;
    actorId: number | null;
  } | null;
  /** Every metric observation, oldest first. */
  metricsHistory: MetricsObservation[];
  /** What the post replies to, quotes or reposts; the target's id when the store holds it. */
  refs: {
    kind: string;
    targetPlatformPostId: string;
    targetChannelId: number | null;
    targetPostId: number | null;
  }[];
  /** Stored posts that reply to, quote or repost this one (the counterparts), oldest first. */
  referencedBy: {
    kind: string;
    postId: number;
    channelId: number | null;
    handle: string | null;
    publishedAt: Date;
  }[];
  hashtags: { tag: string; tagNorm: string }[];
  mentions: { handle: string; platformUserId: string | null; targetChannelId: number | null }[];
  links: { url: string; expandedUrl: string | null; domain: string | null }[];
  media: {
    kind: string;
    platformMediaId: string | null;
    url: string | null;
    altText: string | null;
    width: number | null;
    height: number | null;
    durationMs: number | null;
  }[];
}

/** A list read as one JSON array in the row (`[]` when empty), in the order given. */
const list = (select: string, from: string, order: string) =>
  `coalesce((SELECT json_agg(json_build_object(${select}) ORDER BY ${order}) FROM ${from}), '[]'::json)`;

/** A JSON timestamp (ISO 8601 with the session's offset) as the Date the driver gives for a column. */
const toDate = (text: string) => new Date(text);

type Row = RawPost & {
  datasetId: number | null;
  langSource: string | null;
  conversationId: string | null;
  editHistoryIds: string[] | null;
  withheldIn: string[] | null;
  place: unknown;
  firstSeenAt: Date;
  cId: number | null;
  cPlatform: string | null;
  cDisplayName: string | null;
  cUrl: string | null;
  actorId: number | null;
  metricsHistory: (Omit<MetricsObservation, 'observedAt'> & { observedAt: string })[];
  refs: PostDetail['refs'];
  referencedBy: (Omit<PostDetail['referencedBy'][number], 'publishedAt'> & { publishedAt: string })[];
  hashtags: PostDetail['hashtags'];
  mentions: PostDetail['mentions'];
  links: PostDetail['links'];
  media: PostDetail['media'];
};

/**
 * A post and all its relations in one statement (one round trip): the listed post (latest metrics, star score),
 * the fields beyond it, its channel, and each list (metric history, refs, counterparts, hashtags, mentions,
 * links, media) aggregated as a JSON array in the row. null when there is no such post.
 */
export async function postDetail(
  db: Queryable,
  id: number,
  referencedByLimit: number,
): Promise<PostDetail | null> {
  const [row] = await db.query<Row>(
    `SELECT ${DECORATED_COLUMNS},
       p.dataset_id AS "datasetId", p.lang_source AS "langSource", p.conversation_id AS "conversationId",
       p.edit_history_ids AS "editHistoryIds", p.withheld_in AS "withheldIn", p.place, p.first_seen_at AS "firstSeenAt",
       c.id AS "cId", c.platform AS "cPlatform", c.display_name AS "cDisplayName", c.url AS "cUrl", a.id AS "actorId",
       ${list(
         `'observedAt', h.observed_at, 'likes', h.likes, 'reposts', h.reposts, 'replies', h.replies,
          'quotes', h.quotes, 'views', h.views, 'bookmarks', h.bookmarks`,
         'post_metrics h WHERE h.post_id = p.id',
         'h.observed_at',
       )} AS "metricsHistory",
       ${list(
         `'kind', r.ref_kind, 'targetPlatformPostId', r.target_platform_post_id,
          'targetChannelId', r.target_channel_id, 'targetPostId', t.id`,
         `post_refs r LEFT JOIN posts t ON t.platform = p.platform AND t.platform_post_id = r.target_platform_post_id
          WHERE r.post_id = p.id`,
         'r.ref_kind, r.target_platform_post_id',
       )} AS refs,
       ${list(
         `'kind', b.kind, 'postId', b.id, 'channelId', b.channel_id, 'handle', b.handle, 'publishedAt', b.published_at`,
         `(SELECT r.ref_kind AS kind, q.id, q.channel_id, qc.handle, q.published_at
           FROM post_refs r JOIN posts q ON q.id = r.post_id LEFT JOIN channels qc ON qc.id = q.channel_id
           WHERE r.target_platform_post_id = p.platform_post_id AND q.platform = p.platform
           ORDER BY q.published_at, q.id LIMIT $2) b`,
         'b.published_at, b.id',
       )} AS "referencedBy",
       ${list(`'tag', x.tag, 'tagNorm', x.tag_norm`, 'post_hashtags x WHERE x.post_id = p.id', 'x.position')} AS hashtags,
       ${list(
         `'handle', x.handle, 'platformUserId', x.platform_user_id, 'targetChannelId', x.target_channel_id`,
         'post_mentions x WHERE x.post_id = p.id',
         'x.position',
       )} AS mentions,
       ${list(
         `'url', x.url, 'expandedUrl', x.expanded_url, 'domain', x.domain`,
         'post_links x WHERE x.post_id = p.id',
         'x.position',
       )} AS links,
       ${list(
         `'kind', x.media_kind, 'platformMediaId', x.platform_media_id, 'url', x.url, 'altText', x.alt_text,
          'width', x.width, 'height', x.height, 'durationMs', x.duration_ms`,
         'post_media x WHERE x.post_id = p.id',
         'x.position',
       )} AS media
     FROM posts p ${DECORATION_JOINS}
     LEFT JOIN actors a ON a.id = c.actor_id
     WHERE p.id = $1`,
    [id, referencedByLimit],
  );
  if (!row) return null;
  return {
    post: {
      ...withoutKey(toPostRow(row)),
      datasetId: row.datasetId,
      langSource: row.langSource,
      conversationId: row.conversationId,
      editHistoryIds: row.editHistoryIds,
      withheldIn: row.withheldIn,
      place: row.place,
      firstSeenAt: row.firstSeenAt,
    },
    channel:
      row.cId === null
        ? null
        : {
            id: row.cId,
            platform: row.cPlatform!,
            handle: row.handle,
            displayName: row.cDisplayName,
            url: row.cUrl,
            actorId: row.actorId,
          },
    metricsHistory: row.metricsHistory.map((m) => ({ ...m, observedAt: toDate(m.observedAt) })),
    refs: row.refs,
    referencedBy: row.referencedBy.map((r) => ({ ...r, publishedAt: toDate(r.publishedAt) })),
    hashtags: row.hashtags,
    mentions: row.mentions,
    links: row.links,
    media: row.media,
  };
}
