import type { Queryable } from '../db/database.js';

/** The tables each batch looks its records up in (src/ingest/stored.ts). */
const LOOKED_UP = ['posts', 'post_metrics', 'channel_snapshots'];

/**
 * Keeps the planner's statistics of the looked-up tables current while one import grows them many times over:
 * called with the run's posts so far after each committed batch, it runs ANALYZE at `first` posts and again each
 * time the count has doubled (10,000, 20,000, 40,000 …: eight times in a million). Without it the batches'
 * existence check was planned from statistics taken when `posts` held a few thousand rows (autovacuum's analyze
 * lags on a busy server and does not run in PGlite): it then read every post of the platform through the index's
 * first column and filtered by id, 150–300 ms per batch, 10–15 s per million posts in some runs (auto_explain,
 * 2026-11-22), instead of probing the ids.
 */
export function statisticsKeeper(db: Queryable, first = 10_000): (postsSoFar: number) => Promise<void> {
  let next = first;
  return async (postsSoFar) => {
    if (postsSoFar < next) return;
    next = postsSoFar * 2;
    await db.query(`ANALYZE ${LOOKED_UP.join(', ')}`);
  };
}
