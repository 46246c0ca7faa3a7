import type { Queryable } from '../db/database.js';
import type { CanonicalPost, PostMetrics } from '../domain/canonical.js';
import type { StoredMetrics } from './rollup.js';

// What the store already holds of a batch: the writer adds only what is new.

export const postKey = (platform: string, id: string) => `${platform}\u0000${id}`;
/**
 * At most one account observation per channel and UTC hour is stored, the first met: twarc2 pages repeat
 * each author's profile on every page, seconds apart. An hour is finer than any follower analysis needs.
 */
export const snapshotKey = (channelId: number, observedAt: string) =>
  `${channelId}\u0000${observedAt.slice(0, 13)}`;

export async function findStoredPosts(
  tx: Queryable,
  posts: readonly CanonicalPost[],
): Promise<Map<string, StoredMetrics>> {
  const byPlatform = new Map<string, string[]>();
  for (const p of posts) {
    let ids = byPlatform.get(p.platform);
    if (!ids) byPlatform.set(p.platform, (ids = []));
    ids.push(p.platformPostId);
  }
  const out = new Map<string, StoredMetrics>();
  for (const [platform, ids] of byPlatform) {
    // Each stored post with its latest observation: the rollup adds only the change a newer one brings.
    const rows = await tx.query<StoredMetrics & { platformPostId: string }>(
      `SELECT p.id, p.platform_post_id AS "platformPostId", p.channel_id AS "channelId", p.kind, p.published_at AS "publishedAt",
              m.observed_at AS "observedAt", m.likes, m.reposts, m.replies, m.quotes, m.views
       FROM posts p
       LEFT JOIN LATERAL (SELECT * FROM post_metrics x WHERE x.post_id = p.id ORDER BY x.observed_at DESC LIMIT 1) m ON true
       WHERE p.platform = $1 AND p.platform_post_id = ANY($2::text[])`,
      [platform, ids],
    );
    for (const r of rows) out.set(postKey(platform, r.platformPostId), r);
  }
  return out;
}

export async function findStoredObservations(
  tx: Queryable,
  postIds: readonly number[],
  observations: readonly { metrics: PostMetrics }[],
): Promise<Set<string>> {
  if (!postIds.length || !observations.length) return new Set();
  const times = [...new Set(observations.map((o) => o.metrics.observedAt))];
  const rows = await tx.query<{ postId: number; observedAt: Date }>(
    `SELECT post_id AS "postId", observed_at AS "observedAt" FROM post_metrics
     WHERE post_id = ANY($1::bigint[]) AND observed_at = ANY($2::timestamptz[])`,
    [postIds, times],
  );
  return new Set(rows.map((r) => `${r.postId}\u0000${r.observedAt.toISOString()}`));
}

/** Keys (channel, UTC hour) of the batch's snapshots that the store already holds an observation for. */
export async function findStoredSnapshots(
  tx: Queryable,
  rows: readonly { channelId: number; a: { observedAt: string } }[],
): Promise<string[]> {
  if (!rows.length) return [];
  const times = rows.map((r) => r.a.observedAt).sort();
  const found = await tx.query<{ channelId: number; observedAt: Date }>(
    `SELECT channel_id AS "channelId", observed_at AS "observedAt" FROM channel_snapshots
     WHERE channel_id = ANY($1::bigint[]) AND observed_at >= $2 AND observed_at < $3`,
    [
      [...new Set(rows.map((r) => r.channelId))],
      `${times[0]!.slice(0, 13)}:00:00Z`,
      new Date(Date.parse(`${times.at(-1)!.slice(0, 13)}:00:00Z`) + 3_600_000),
    ],
  );
  return found.map((r) => snapshotKey(r.channelId, r.observedAt.toISOString()));
}
