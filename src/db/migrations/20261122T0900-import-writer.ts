// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- A post whose author the source does not give (an API request made without author expansions) is kept
-- with no channel rather than attributed to a made-up one.
ALTER TABLE posts ALTER COLUMN channel_id DROP NOT NULL;

-- The place a post was tagged with (X places: id, name, country code), when the source gives one.
ALTER TABLE posts ADD COLUMN place jsonb;

-- Provenance links to raw payloads are not foreign keys: the import writes both in one transaction with ids it
-- reserved (they cannot dangle), the per-row checks cost a third of the bulk insert time (bench/ingest), and
-- raw payloads — most of the bytes — must stay free to be archived or pruned apart from the canonical rows.
ALTER TABLE posts DROP CONSTRAINT posts_raw_record_id_fkey;
ALTER TABLE post_metrics DROP CONSTRAINT post_metrics_raw_record_id_fkey;
ALTER TABLE channel_snapshots DROP CONSTRAINT channel_snapshots_raw_record_id_fkey;
-- Posts are read by dataset through whole scans (few datasets, each large): the index only slowed inserts.
DROP INDEX posts_dataset_idx;

-- Which connector (format) each issue came from, for per-format summaries.
ALTER TABLE ingest_issues ADD COLUMN connector text;
`;
