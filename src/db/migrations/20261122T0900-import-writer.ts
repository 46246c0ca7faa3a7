// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- A post whose author the source does not give (an API request made without author expansions) is kept
-- with no channel rather than attributed to a made-up one.
ALTER TABLE posts ALTER COLUMN channel_id DROP NOT NULL;

-- The place a post was tagged with (X places: id, name, country code), when the source gives one.
ALTER TABLE posts ADD COLUMN place jsonb;

-- Which connector (format) each issue came from, for per-format summaries.
ALTER TABLE ingest_issues ADD COLUMN connector text;
`;
