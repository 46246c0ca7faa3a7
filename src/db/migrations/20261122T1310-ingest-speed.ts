// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- What each import batch adds to channel_daily, written (COPY, no index) in the batch's own transaction and
-- folded into channel_daily at the end of the import and before channel_daily is read (src/ingest/rollup-fold.ts).
-- Upserting every (channel, day) of every batch into the indexed rollup added a third to the import's time.
-- Columns as in channel_daily, as differences; followers_changed marks a (channel, day) with a new follower
-- observation, whose day value the fold takes again from channel_snapshots.
CREATE TABLE channel_daily_pending (
  channel_id bigint NOT NULL,
  day date NOT NULL,
  posts integer NOT NULL,
  originals integer NOT NULL,
  replies integer NOT NULL,
  quotes integer NOT NULL,
  reposts integer NOT NULL,
  media_posts integer NOT NULL,
  likes_received bigint,
  reposts_received bigint,
  replies_received bigint,
  quotes_received bigint,
  views_received bigint,
  langs text[] NOT NULL,
  measured_posts integer NOT NULL,
  interactions bigint NOT NULL,
  likes_reposts bigint NOT NULL,
  measured_originals integer NOT NULL,
  original_reposts bigint NOT NULL,
  followers_changed boolean NOT NULL
);

-- A post's channel and dataset are not foreign keys either (see the import-writer migration): the import writes
-- posts with channel ids its resolver found or created in the same transaction, and the per-row checks cost
-- about a third of the posts COPY's index maintenance (bench/ingest). The import tests check none dangles.
ALTER TABLE posts DROP CONSTRAINT posts_channel_id_fkey;
ALTER TABLE posts DROP CONSTRAINT posts_dataset_id_fkey;
`;
