import type { Queryable } from '../db/database.js';

export interface PostStats {
  posts: number;
  channels: number;
  registryChannels: number;
  byPlatform: Record<string, number>;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  byDataset: Record<string, number>;
  first: string | null;
  last: string | null;
}

const asRecord = (rows: { k: string | null; n: number }[], none: string) =>
  Object.fromEntries(rows.map((r) => [r.k ?? none, r.n]));

/** Counts of stored posts by platform, kind, language and dataset. */
export async function postStats(db: Queryable): Promise<PostStats> {
  const by = (sql: string) => db.query<{ k: string | null; n: number }>(sql);
  const [totals] = await db.query<{ posts: number; first: Date | null; last: Date | null }>(
    'SELECT count(*) AS posts, min(published_at) AS first, max(published_at) AS last FROM posts',
  );
  const [ch] = await db.query<{ channels: number; registry: number }>(
    `SELECT count(DISTINCT p.channel_id) AS channels, count(DISTINCT p.channel_id) FILTER (WHERE c.actor_id IS NOT NULL) AS registry
     FROM posts p JOIN channels c ON c.id = p.channel_id`,
  );
  return {
    posts: totals?.posts ?? 0,
    channels: ch?.channels ?? 0,
    registryChannels: ch?.registry ?? 0,
    byPlatform: asRecord(
      await by('SELECT platform AS k, count(*) AS n FROM posts GROUP BY 1 ORDER BY 2 DESC, 1'),
      'none',
    ),
    byKind: asRecord(
      await by('SELECT kind AS k, count(*) AS n FROM posts GROUP BY 1 ORDER BY 2 DESC, 1'),
      'none',
    ),
    byLanguage: asRecord(
      await by('SELECT lang AS k, count(*) AS n FROM posts GROUP BY 1 ORDER BY 2 DESC, 1'),
      'unknown',
    ),
    byDataset: asRecord(
      await by(
        'SELECT d.name AS k, count(*) AS n FROM posts p LEFT JOIN datasets d ON d.id = p.dataset_id GROUP BY 1 ORDER BY 2 DESC, 1',
      ),
      'none',
    ),
    first: totals?.first ? totals.first.toISOString() : null,
    last: totals?.last ? totals.last.toISOString() : null,
  };
}
