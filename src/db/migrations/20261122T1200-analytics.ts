// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- Rollup columns for the account metrics and the ranking (docs/methodology.md). "Own" posts are originals,
-- replies and quotes: a repost carries the counters of someone else's post. A post is "measured" when its latest
-- observation gives at least one of likes, reposts, replies, quotes; its interactions are the sum of those given.
-- interactions and likes_reposts are sums over measured posts (0 when none is measured: read them with
-- measured_posts); original_reposts sums reposts over originals whose latest observation gives reposts.
ALTER TABLE channel_daily
  ADD COLUMN langs text[] NOT NULL DEFAULT '{}',
  ADD COLUMN measured_posts integer NOT NULL DEFAULT 0,
  ADD COLUMN interactions bigint NOT NULL DEFAULT 0,
  ADD COLUMN likes_reposts bigint NOT NULL DEFAULT 0,
  ADD COLUMN measured_originals integer NOT NULL DEFAULT 0,
  ADD COLUMN original_reposts bigint NOT NULL DEFAULT 0;

-- Fill them for data imported before this migration (same rules as rebuildChannelDaily).
UPDATE channel_daily d SET langs = a.langs, measured_posts = a.measured_posts, interactions = a.interactions,
  likes_reposts = a.likes_reposts, measured_originals = a.measured_originals, original_reposts = a.original_reposts
FROM (
  SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date AS day,
    coalesce(array_agg(DISTINCT p.lang ORDER BY p.lang) FILTER (WHERE p.lang IS NOT NULL), '{}') AS langs,
    count(*) FILTER (WHERE p.kind <> 'repost' AND num_nonnulls(m.likes, m.reposts, m.replies, m.quotes) > 0) AS measured_posts,
    coalesce(sum(coalesce(m.likes, 0) + coalesce(m.reposts, 0) + coalesce(m.replies, 0) + coalesce(m.quotes, 0))
      FILTER (WHERE p.kind <> 'repost'), 0) AS interactions,
    coalesce(sum(coalesce(m.likes, 0) + coalesce(m.reposts, 0)) FILTER (WHERE p.kind <> 'repost'), 0) AS likes_reposts,
    count(*) FILTER (WHERE p.kind = 'original' AND m.reposts IS NOT NULL) AS measured_originals,
    coalesce(sum(m.reposts) FILTER (WHERE p.kind = 'original'), 0) AS original_reposts
  FROM posts p
  LEFT JOIN LATERAL (SELECT * FROM post_metrics x WHERE x.post_id = p.id ORDER BY x.observed_at DESC LIMIT 1) m ON true
  WHERE p.channel_id IS NOT NULL
  GROUP BY 1, 2
) a
WHERE d.channel_id = a.channel_id AND d.day = a.day;

-- Star posts (src/analytics/stars): each own post with known interactions, scored against the median of the
-- same account's previous 100 own posts of the same kind. Materialised by the stars analysis, per channel.
CREATE TABLE post_scores (
  post_id bigint PRIMARY KEY,
  channel_id bigint NOT NULL,
  published_at timestamptz NOT NULL,
  kind text NOT NULL,
  interactions bigint NOT NULL,
  baseline_posts integer NOT NULL,
  baseline_median double precision,
  ratio double precision
);
CREATE INDEX post_scores_published_idx ON post_scores (published_at);
CREATE INDEX post_scores_channel_idx ON post_scores (channel_id, published_at);

-- The channel_daily rows the scores were computed from: a channel whose rows differ is scored again.
CREATE TABLE post_scores_basis (
  channel_id bigint NOT NULL,
  day date NOT NULL,
  posts integer NOT NULL,
  measured_posts integer NOT NULL,
  interactions bigint NOT NULL,
  PRIMARY KEY (channel_id, day)
);
`;
