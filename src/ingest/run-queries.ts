import type { Queryable } from '../db/database.js';
import { UserError } from '../domain/errors.js';

export interface RunSummary {
  id: number;
  kind: string;
  source: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  accepted: number;
  duplicates: number;
  skipped: number;
  warned: number;
  issues: number;
}

const runSql = `SELECT r.id, r.kind, r.source, r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
  r.accepted, r.duplicates, r.skipped, r.warned, (SELECT count(*) FROM ingest_issues i WHERE i.run_id = r.id) AS issues
  FROM ingest_runs r`;

export async function listRuns(db: Queryable, limit = 50): Promise<RunSummary[]> {
  return db.query<RunSummary>(`${runSql} ORDER BY r.id DESC LIMIT $1`, [limit]);
}

export interface RunIssue {
  severity: string;
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  recordKey: string | null;
}

export async function showRun(
  db: Queryable,
  id: number,
  limit = 1000,
): Promise<{ run: RunSummary; args: unknown; issues: RunIssue[] }> {
  const [run] = await db.query<RunSummary>(`${runSql} WHERE r.id = $1`, [id]);
  if (!run) throw new UserError(`no run ${id} (see: attache runs list)`, 'not-found');
  const [{ args } = { args: null }] = await db.query<{ args: unknown }>(
    'SELECT args FROM ingest_runs WHERE id = $1',
    [id],
  );
  const issues = await db.query<RunIssue>(
    `SELECT severity, code, message, file, line, record_key AS "recordKey" FROM ingest_issues
     WHERE run_id = $1 ORDER BY id LIMIT $2`,
    [id, limit],
  );
  return { run, args, issues };
}
