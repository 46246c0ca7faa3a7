import type { Queryable } from '../../db/database.js';

/** Names of countries and organisations by code. */
export async function countryNames(db: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM countries WHERE code = ANY($1::text[])',
    [[...new Set(codes)]],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function countryExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM countries WHERE code = $1', [code])).length > 0;
}
