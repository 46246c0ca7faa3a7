import type { Queryable } from '../db/database.js';

export interface RunCounts {
  accepted: number;
  duplicates: number;
  skipped: number;
  warned: number;
}

export async function createRun(
  db: Queryable,
  run: {
    kind: 'registry' | 'import' | 'collect';
    source: string;
    args: Record<string, unknown>;
    version: string;
    now: Date;
  },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO ingest_runs (kind, source, args, collector_version, status, started_at)
     VALUES ($1, $2, $3, $4, 'running', $5) RETURNING id`,
    [run.kind, run.source, JSON.stringify(run.args), run.version, run.now],
  );
  return rows[0]!.id;
}

export async function finishRun(
  db: Queryable,
  id: number,
  status: 'completed' | 'failed',
  counts: RunCounts,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE ingest_runs SET status = $2, finished_at = $3, accepted = $4, duplicates = $5, skipped = $6, warned = $7
     WHERE id = $1`,
    [id, status, now, counts.accepted, counts.duplicates, counts.skipped, counts.warned],
  );
}
