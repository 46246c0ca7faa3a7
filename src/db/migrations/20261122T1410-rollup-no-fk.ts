// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- channel_daily's channel is not a foreign key either (see the ingest-speed migration for posts): the fold
-- writes channel ids that the import's batches found or created, and channels are never deleted. Its per-row
-- check was a quarter of the fold's time (EXPLAIN ANALYZE, 66,944 channel-days: 344 of 1,508 ms). The import
-- tests check that none dangles.
ALTER TABLE channel_daily DROP CONSTRAINT channel_daily_channel_id_fkey;
`;
