import type { Queryable } from '../db/database.js';

/** Milliseconds spent per database statement kind (and in total per batch): where an import's time goes. */
export type Profile = Record<string, number>;

const label = (sql: string) =>
  sql
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(SELECT|INSERT INTO|UPDATE|DELETE FROM) (\S+( \S+)?).*$/i, '$1 $2')
    .slice(0, 48);

/** Wraps a connection so that every statement adds its wall time to `profile`. */
export function profiled(q: Queryable, profile: Profile): Queryable {
  const add = async <T>(key: string, p: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await p;
    } finally {
      profile[key] = (profile[key] ?? 0) + performance.now() - t0;
    }
  };
  return {
    query: (sql, params) => add(`sql ${label(sql)}`, q.query(sql, params)),
    exec: (sql) => add(`sql ${label(sql)}`, q.exec(sql)),
    copyFrom: (table, columns, rows) => add(`copy ${table}`, q.copyFrom(table, columns, rows)),
  };
}

/** The profile in seconds, largest first (what `import --profile` prints). */
export function profileInSeconds(profile: Profile): Record<string, number> {
  return Object.fromEntries(
    Object.entries(profile)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v) / 1000]),
  );
}
