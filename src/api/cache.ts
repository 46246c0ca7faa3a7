import type { Queryable } from '../db/database.js';

/**
 * Results of analyses (rankings, star posts) kept per data version. Every change to the data an analysis reads
 * comes from a run (import, registry, collection), so the runs table names the version: the last run id and
 * its finish time. While a run is in progress nothing is cached (its batches land as it goes). Concurrent
 * requests for the same key share one computation; at most `size` results are kept (least recently used out).
 */
export interface ResultCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export async function dataVersion(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ last: number | null; finished: Date | null; running: number }>(
    `SELECT max(id) AS last, max(finished_at) AS finished, count(*) FILTER (WHERE status = 'running')::int AS running
     FROM ingest_runs`,
  );
  if (!row || row.running > 0) return null;
  return `${row.last ?? 0}@${row.finished?.toISOString() ?? '-'}`;
}

export function resultCache(db: Queryable, size = 200): ResultCache {
  const entries = new Map<string, Promise<unknown>>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const version = await dataVersion(db);
      if (version === null) return compute();
      const full = `${version}|${key}`;
      const hit = entries.get(full) as Promise<T> | undefined;
      if (hit) {
        entries.delete(full);
        entries.set(full, hit);
        return hit;
      }
      const pending = compute();
      entries.set(full, pending);
      pending.catch(() => entries.delete(full));
      while (entries.size > size) entries.delete(entries.keys().next().value!);
      return pending;
    },
  };
}
