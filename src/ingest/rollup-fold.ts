import type { Database, Queryable } from '../db/database.js';
import { KIND_COLUMNS, OWN_COLUMNS, RECEIVED_COLUMNS } from './rollup.js';

/** Sums of counts; received counters stay NULL (unknown) until some difference is known. */
const ADDED = [...KIND_COLUMNS, ...OWN_COLUMNS];

/**
 * One statement adding the pending differences to `channel_daily`. `take` = 'delete' takes every committed row
 * out (DELETE … RETURNING): statement-atomic, so callers need no transaction; two folds at once each take the
 * rows the other did not (a deleted row is skipped by the second DELETE), so every difference is added exactly
 * once. `take` = 'read' reads them, for a caller that holds the table's lock and empties it after (TRUNCATE:
 * deleting a million rows one by one costs more than the rest of the fold's reading).
 * `langs` are unions of sets; `followers` is the value of the day's latest observation (`followers_at`), from
 * whichever side (pending or stored) has the later one.
 */
const fold = (take: 'delete' | 'read') => `
WITH moved AS (${take === 'delete' ? 'DELETE FROM channel_daily_pending RETURNING *' : 'SELECT * FROM channel_daily_pending'}),
sums AS (
  SELECT channel_id, day, ${[...ADDED, ...RECEIVED_COLUMNS].map((c) => `sum(${c}) AS ${c}`).join(', ')},
    -- the latest follower observation among the differences (NULL when none carries one)
    (array_agg(followers ORDER BY followers_at DESC) FILTER (WHERE followers_at IS NOT NULL))[1] AS followers,
    max(followers_at) AS followers_at,
    -- a (channel, day) of one batch (most): its sorted set as it is; else the sets' codes (letters, see
    -- normaliseLang) joined with commas, one pass groups everything
    count(*) AS n, min(langs) AS one_langs, string_agg(array_to_string(langs, ','), ',') AS langs
  FROM moved GROUP BY 1, 2)
INSERT INTO channel_daily (channel_id, day, ${[...ADDED, ...RECEIVED_COLUMNS].join(', ')}, langs, followers, followers_at)
SELECT s.channel_id, s.day, ${[...ADDED, ...RECEIVED_COLUMNS].map((c) => `s.${c}`).join(', ')},
  CASE WHEN s.n = 1 THEN s.one_langs
    ELSE ARRAY(SELECT DISTINCT x FROM unnest(string_to_array(s.langs, ',')) AS x WHERE x <> '' ORDER BY x) END,
  s.followers, s.followers_at
FROM sums s
ON CONFLICT (channel_id, day) DO UPDATE SET
  ${ADDED.map((c) => `${c} = channel_daily.${c} + EXCLUDED.${c}`).join(', ')},
  ${RECEIVED_COLUMNS.map(
    (c) =>
      `${c} = CASE WHEN EXCLUDED.${c} IS NULL THEN channel_daily.${c} ELSE coalesce(channel_daily.${c}, 0) + EXCLUDED.${c} END`,
  ).join(', ')},
  langs = CASE WHEN EXCLUDED.langs <@ channel_daily.langs THEN channel_daily.langs
    ELSE ARRAY(SELECT DISTINCT x FROM unnest(channel_daily.langs || EXCLUDED.langs) AS x ORDER BY x) END,
  followers = CASE WHEN EXCLUDED.followers_at >= channel_daily.followers_at OR channel_daily.followers_at IS NULL
    THEN coalesce(EXCLUDED.followers, channel_daily.followers) ELSE channel_daily.followers END,
  followers_at = greatest(channel_daily.followers_at, EXCLUDED.followers_at)`;
const FOLD_DELETE = fold('delete');
const FOLD_READ = fold('read');

/**
 * Adds the import batches' pending differences to `channel_daily`. Whatever reads channel_daily calls this
 * first (the analyses do), so that a read sees every committed batch, including those of an import that was
 * interrupted and not run again. When nothing is pending (the import empties the table at its end) it is one
 * read, not a write.
 */
export async function foldPendingRollups(db: Queryable): Promise<void> {
  // Reads are frequent and pending rows rare (an interrupted or running import): look before writing.
  const [pending] = await db.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM channel_daily_pending) AS any',
  );
  if (pending?.any) await db.query(FOLD_DELETE);
}

/**
 * The end of an import: folds and empties `channel_daily_pending` (TRUNCATE frees the deleted rows' space at
 * once). The table lock comes first, so a concurrent fold or batch waits for it rather than deadlocking.
 */
export async function finishPendingRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('LOCK TABLE channel_daily_pending IN ACCESS EXCLUSIVE MODE');
    // A run's differences are grouped in memory; one statement is not worth compiling (PostgreSQL's JIT).
    await tx.query(`SET LOCAL work_mem = '128MB'`);
    await tx.query('SET LOCAL jit = off');
    await tx.query(FOLD_READ);
    await tx.query('TRUNCATE channel_daily_pending');
  });
}
