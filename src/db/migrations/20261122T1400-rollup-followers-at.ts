// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- channel_daily.followers is the day's last follower observation; followers_at is when that observation was
-- made. The import's pending rows carry the batch's last observation of each (channel, day) with its time, and
-- the fold keeps the later one: it no longer looks each followed day up again in channel_snapshots (that lookup
-- was most of the fold's time on a large import).
ALTER TABLE channel_daily ADD COLUMN followers_at timestamptz;
UPDATE channel_daily d SET followers_at = s.observed_at
FROM (
  SELECT DISTINCT ON (channel_id, (observed_at AT TIME ZONE 'UTC')::date)
    channel_id, (observed_at AT TIME ZONE 'UTC')::date AS day, observed_at
  FROM channel_snapshots WHERE followers IS NOT NULL
  ORDER BY channel_id, (observed_at AT TIME ZONE 'UTC')::date, observed_at DESC
) s
WHERE d.channel_id = s.channel_id AND d.day = s.day AND d.followers IS NOT NULL;

-- Pending rows of an interrupted import: their followed days get the day's last observation, as the old fold did.
ALTER TABLE channel_daily_pending ADD COLUMN followers bigint, ADD COLUMN followers_at timestamptz;
UPDATE channel_daily_pending p SET followers = s.followers, followers_at = s.observed_at
FROM (
  SELECT DISTINCT ON (channel_id, (observed_at AT TIME ZONE 'UTC')::date)
    channel_id, (observed_at AT TIME ZONE 'UTC')::date AS day, observed_at, followers
  FROM channel_snapshots WHERE followers IS NOT NULL
  ORDER BY channel_id, (observed_at AT TIME ZONE 'UTC')::date, observed_at DESC
) s
WHERE p.followers_changed AND p.channel_id = s.channel_id AND p.day = s.day;
ALTER TABLE channel_daily_pending DROP COLUMN followers_changed;
`;
