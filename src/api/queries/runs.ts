import type { Queryable } from '../../db/database.js';
import type { RunSummary } from '../../ingest/run-queries.js';

export interface RunRow extends RunSummary {
  datasetId: number | null;
}

/** Runs newest first (by id), before the id `before`. */
export async function runsPage(
  db: Queryable,
  f: { kind?: string | undefined; status?: string | undefined },
  before: number | undefined,
  limit: number,
): Promise<RunRow[]> {
  return db.query<RunRow>(
    `SELECT r.id, r.kind, r.source, r.dataset_id AS "datasetId", r.status, r.started_at AS "startedAt",
       r.finished_at AS "finishedAt", r.accepted, r.duplicates, r.skipped, r.warned,
       (SELECT count(*) FROM ingest_issues i WHERE i.run_id = r.id) AS issues
     FROM ingest_runs r
     WHERE ($1::bigint IS NULL OR r.id < $1) AND ($2::text IS NULL OR r.kind = $2) AND ($3::text IS NULL OR r.status = $3)
     ORDER BY r.id DESC LIMIT $4`,
    [before ?? null, f.kind ?? null, f.status ?? null, limit],
  );
}

export async function runExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM ingest_runs WHERE id = $1', [id])).length > 0;
}

export interface IssueRow {
  id: number;
  severity: string;
  code: string;
  message: string;
  connector: string | null;
  file: string | null;
  line: number | null;
  byteOffset: number | null;
  recordKey: string | null;
  createdAt: Date;
}

/** A run's issues in the order they were met (by id), after the id `after`. */
export async function issuesPage(
  db: Queryable,
  runId: number,
  f: { severity?: string | undefined; code?: string | undefined },
  after: number | undefined,
  limit: number,
): Promise<IssueRow[]> {
  return db.query<IssueRow>(
    `SELECT id, severity, code, message, connector, file, line, byte_offset AS "byteOffset", record_key AS "recordKey",
       created_at AS "createdAt"
     FROM ingest_issues
     WHERE run_id = $1 AND ($2::bigint IS NULL OR id > $2) AND ($3::text IS NULL OR severity = $3)
       AND ($4::text IS NULL OR code = $4)
     ORDER BY id LIMIT $5`,
    [runId, after ?? null, f.severity ?? null, f.code ?? null, limit],
  );
}
