// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- A post whose author the source does not give (an API request made without author expansions) is kept
-- with no channel rather than attributed to a made-up one.
ALTER TABLE posts ALTER COLUMN channel_id DROP NOT NULL;

-- The place a post was tagged with (X places: id, name, country code), when the source gives one.
ALTER TABLE posts ADD COLUMN place jsonb;

-- A post's relations and observations, and provenance links to raw payloads, are not foreign keys: the import
-- writes them in the same transaction as their post or payload, with ids it reserved, so they cannot dangle
-- (the import tests check it); the per-row checks took about 45% of the database's bulk-insert time
-- (bench/ingest); and raw payloads, most of the bytes, must stay free to be archived or pruned apart from the
-- canonical rows. Code that deletes posts must delete their rows in these tables too (none does yet).
ALTER TABLE posts DROP CONSTRAINT posts_raw_record_id_fkey;
ALTER TABLE post_metrics DROP CONSTRAINT post_metrics_raw_record_id_fkey;
ALTER TABLE channel_snapshots DROP CONSTRAINT channel_snapshots_raw_record_id_fkey;
ALTER TABLE post_refs DROP CONSTRAINT post_refs_post_id_fkey;
ALTER TABLE post_hashtags DROP CONSTRAINT post_hashtags_post_id_fkey;
ALTER TABLE post_mentions DROP CONSTRAINT post_mentions_post_id_fkey;
ALTER TABLE post_links DROP CONSTRAINT post_links_post_id_fkey;
ALTER TABLE post_media DROP CONSTRAINT post_media_post_id_fkey;
ALTER TABLE post_metrics DROP CONSTRAINT post_metrics_post_id_fkey;
-- Posts are read by dataset through whole scans (few datasets, each large): the index only slowed inserts.
DROP INDEX posts_dataset_idx;

-- Which connector (format) each issue came from, for per-format summaries.
ALTER TABLE ingest_issues ADD COLUMN connector text;
`;
