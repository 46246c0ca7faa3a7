import type { Queryable } from '../../db/database.js';
import type { Window } from '../window.js';
import type { FollowerPoint, PostScore, ScorablePost, StarRule } from './compute.js';

/** Channels whose rollup rows (posts, measured posts, interactions per day) differ from the scores' basis. */
export async function changedChannels(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `WITH cur AS (SELECT channel_id, day, posts, measured_posts, interactions FROM channel_daily WHERE posts > 0),
     -- Rows added or changed since the last scoring, and rows that are gone.
     diff AS ((SELECT * FROM cur EXCEPT SELECT * FROM post_scores_basis)
       UNION ALL (SELECT * FROM post_scores_basis EXCEPT SELECT * FROM cur))
     SELECT DISTINCT channel_id AS id FROM diff ORDER BY 1`,
  );
  return rows.map((r) => r.id);
}

/** Own posts (not reposts) of the channels with the counters of their latest observation. */
export async function scorablePosts(
  db: Queryable,
  channelIds: readonly number[],
): Promise<Map<number, ScorablePost[]>> {
  const rows = await db.query<{
    id: number;
    channelId: number;
    platformPostId: string;
    kind: ScorablePost['kind'];
    publishedAt: Date;
    likes: number | null;
    reposts: number | null;
    replies: number | null;
    quotes: number | null;
  }>(
    `SELECT p.id, p.channel_id AS "channelId", p.platform_post_id AS "platformPostId", p.kind,
       p.published_at AS "publishedAt", m.likes, m.reposts, m.replies, m.quotes
     FROM posts p
     LEFT JOIN LATERAL (SELECT likes, reposts, replies, quotes FROM post_metrics x WHERE x.post_id = p.id
       ORDER BY x.observed_at DESC LIMIT 1) m ON true
     WHERE p.channel_id = ANY($1::bigint[]) AND p.kind <> 'repost'`,
    [[...channelIds]],
  );
  const out = new Map<number, ScorablePost[]>();
  for (const r of rows) {
    let list = out.get(r.channelId);
    if (!list) out.set(r.channelId, (list = []));
    const known = [r.likes, r.reposts, r.replies, r.quotes].filter((v): v is number => v !== null);
    list.push({
      id: r.id,
      platformPostId: r.platformPostId,
      kind: r.kind,
      publishedAt: r.publishedAt,
      interactions: known.length ? known.reduce((a, b) => a + b, 0) : null,
    });
  }
  return out;
}

/** Replaces the scores and the basis of these channels (one transaction per call). */
export async function replaceScores(
  tx: Queryable,
  channelIds: readonly number[],
  scores: readonly (PostScore & { channelId: number })[],
): Promise<void> {
  const ids = [...channelIds];
  await tx.query('DELETE FROM post_scores WHERE channel_id = ANY($1::bigint[])', [ids]);
  await tx.query('DELETE FROM post_scores_basis WHERE channel_id = ANY($1::bigint[])', [ids]);
  await tx.copyFrom(
    'post_scores',
    [
      'post_id',
      'channel_id',
      'published_at',
      'kind',
      'interactions',
      'baseline_posts',
      'baseline_median',
      'ratio',
    ],
    scores.map((s) => [
      s.postId,
      s.channelId,
      s.publishedAt,
      s.kind,
      s.interactions,
      s.baselinePosts,
      s.baselineMedian,
      s.ratio,
    ]),
  );
  await tx.query(
    `INSERT INTO post_scores_basis (channel_id, day, posts, measured_posts, interactions)
     SELECT channel_id, day, posts, measured_posts, interactions FROM channel_daily
     WHERE channel_id = ANY($1::bigint[]) AND posts > 0`,
    [ids],
  );
}

export interface StarRow {
  postId: number;
  channelId: number;
  platform: string;
  platformPostId: string;
  url: string | null;
  handle: string | null;
  country: string | null;
  actorName: string | null;
  kind: string;
  publishedAt: Date;
  interactions: number;
  baselinePosts: number;
  baselineMedian: number;
  ratio: number;
}

/** Scored posts of the window that are stars by the rule (compute.ts isStar), most over-performing first. */
export async function starRows(
  db: Queryable,
  w: Window,
  f: StarRule & { country?: string | undefined; platform?: string | undefined },
): Promise<StarRow[]> {
  return db.query<StarRow>(
    `SELECT s.post_id AS "postId", s.channel_id AS "channelId", p.platform, p.platform_post_id AS "platformPostId",
       p.url, c.handle, a.sending_country AS country, a.name AS "actorName", s.kind, s.published_at AS "publishedAt",
       s.interactions, s.baseline_posts AS "baselinePosts", s.baseline_median AS "baselineMedian", s.ratio
     FROM post_scores s JOIN posts p ON p.id = s.post_id JOIN channels c ON c.id = s.channel_id
     LEFT JOIN actors a ON a.id = c.actor_id
     WHERE s.published_at >= $1::timestamptz AND s.published_at < $2::timestamptz
       AND s.ratio >= $3 AND s.baseline_posts >= $4 AND s.interactions >= $7
       AND ($5::text IS NULL OR a.sending_country = $5) AND ($6::text IS NULL OR p.platform = $6)
     ORDER BY s.ratio DESC, p.platform, p.platform_post_id`,
    [
      `${w.from}T00:00:00Z`,
      new Date(Date.parse(`${w.to}T00:00:00Z`) + 86_400_000).toISOString(),
      f.threshold,
      f.minBaseline,
      f.country ?? null,
      f.platform ?? null,
      f.minInteractions,
    ],
  );
}

/** Follower observations of the channels between two times. */
export async function followerPoints(
  db: Queryable,
  channelIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Map<number, FollowerPoint[]>> {
  if (!channelIds.length) return new Map();
  const rows = await db.query<{ channelId: number; at: Date; followers: number }>(
    `SELECT channel_id AS "channelId", observed_at AS at, followers FROM channel_snapshots
     WHERE channel_id = ANY($1::bigint[]) AND followers IS NOT NULL AND observed_at >= $2 AND observed_at <= $3`,
    [[...new Set(channelIds)], from, to],
  );
  const out = new Map<number, FollowerPoint[]>();
  for (const r of rows) {
    let list = out.get(r.channelId);
    if (!list) out.set(r.channelId, (list = []));
    list.push({ at: r.at, followers: r.followers });
  }
  return out;
}
