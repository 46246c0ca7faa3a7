import type { Queryable } from '../../db/database.js';

/** Every dataset with its runs and the records they accepted (counted from the runs, not by scanning posts). */
export async function datasetList(db: Queryable) {
  return db.query<{
    id: number;
    name: string;
    description: string | null;
    synthetic: boolean;
    createdAt: Date;
    runs: number;
    accepted: number;
    lastRunAt: Date | null;
  }>(
    `SELECT d.id, d.name, d.description, d.synthetic, d.created_at AS "createdAt",
       count(r.id)::int AS runs, coalesce(sum(r.accepted), 0)::bigint AS accepted, max(r.started_at) AS "lastRunAt"
     FROM datasets d LEFT JOIN ingest_runs r ON r.dataset_id = d.id
     GROUP BY d.id ORDER BY d.id`,
  );
}
