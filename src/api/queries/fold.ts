import type { Queryable } from '../../db/database.js';
import { foldPendingRollups } from '../../ingest/rollup-fold.js';

/**
 * A column for a statement that reads channel_daily: whether import batches' rollup differences are waiting in
 * channel_daily_pending (an interrupted or running import; docs/import.md). See readFolded.
 */
export const PENDING_ROLLUPS = `EXISTS (SELECT 1 FROM channel_daily_pending) AS "pendingRollups"`;

/**
 * Runs a read of channel_daily whose rows carry PENDING_ROLLUPS: when some differences were pending at the
 * statement's snapshot, they are folded (src/ingest/rollup-fold.ts) and the read runs again, so the answer counts
 * every committed batch, as foldPendingRollups-then-read does; when none were, the rows already do, and the usual
 * case costs one round trip instead of two. An empty result needs no fold (nothing of channel_daily was read).
 */
export async function readFolded<T extends { pendingRollups: boolean }>(
  db: Queryable,
  read: () => Promise<T[]>,
): Promise<T[]> {
  const rows = await read();
  if (!rows.some((r) => r.pendingRollups)) return rows;
  await foldPendingRollups(db);
  return read();
}
