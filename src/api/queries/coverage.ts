import type { Queryable } from '../../db/database.js';
import { PENDING_ROLLUPS } from './fold.js';

export const COVERAGE_METRICS = ['likes', 'reposts', 'replies', 'quotes', 'views', 'followers'] as const;

export interface CoverageRow {
  id: number;
  platform: string;
  handle: string | null;
  actorId: number | null;
  actorName: string | null;
  country: string | null;
  posts: number;
  lastPostAt: Date | null;
  lastSnapshotAt: Date | null;
  lastFollowersAt: Date | null;
  /** Of the days with posts, how many give each counter (from the rollup). */
  daysWithPosts: number;
  likesDays: number;
  repostsDays: number;
  repliesDays: number;
  quotesDays: number;
  viewsDays: number;
  /** Whether rollup differences were pending (src/api/queries/fold.ts). */
  pendingRollups: boolean;
}

/**
 * Per channel, by id after `after`: its last post, its last observation, and from the daily rollup how many
 * posting days gave each counter. Each lookup is one index probe per channel of the page.
 */
export async function coveragePage(
  db: Queryable,
  f: { platform?: string | undefined; country?: string | undefined; registry?: boolean | undefined },
  after: number | undefined,
  limit: number,
): Promise<CoverageRow[]> {
  return db.query<CoverageRow>(
    `SELECT c.id, c.platform, c.handle, c.actor_id AS "actorId", a.name AS "actorName", a.sending_country AS country,
       coalesce(d.posts, 0)::bigint AS posts,
       (SELECT max(p.published_at) FROM posts p WHERE p.channel_id = c.id) AS "lastPostAt",
       (SELECT max(s.observed_at) FROM channel_snapshots s WHERE s.channel_id = c.id) AS "lastSnapshotAt",
       (SELECT max(s.observed_at) FROM channel_snapshots s WHERE s.channel_id = c.id AND s.followers IS NOT NULL)
         AS "lastFollowersAt",
       coalesce(d.days, 0)::int AS "daysWithPosts", coalesce(d.likes, 0)::int AS "likesDays",
       coalesce(d.reposts, 0)::int AS "repostsDays", coalesce(d.replies, 0)::int AS "repliesDays",
       coalesce(d.quotes, 0)::int AS "quotesDays", coalesce(d.views, 0)::int AS "viewsDays", ${PENDING_ROLLUPS}
     FROM channels c LEFT JOIN actors a ON a.id = c.actor_id
     LEFT JOIN LATERAL (
       SELECT sum(x.posts) AS posts, count(*) AS days, count(x.likes_received) AS likes,
         count(x.reposts_received) AS reposts, count(x.replies_received) AS replies,
         count(x.quotes_received) AS quotes, count(x.views_received) AS views
       FROM channel_daily x WHERE x.channel_id = c.id AND x.posts > 0) d ON true
     WHERE ($1::bigint IS NULL OR c.id > $1) AND ($2::text IS NULL OR c.platform = $2)
       AND ($3::text IS NULL OR a.sending_country = $3) AND (NOT $4::boolean OR c.actor_id IS NOT NULL)
     ORDER BY c.id LIMIT $5`,
    [after ?? null, f.platform ?? null, f.country ?? null, f.registry ?? false, limit],
  );
}
