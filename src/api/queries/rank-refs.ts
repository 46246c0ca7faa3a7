import type { Queryable } from '../../db/database.js';

/**
 * Surrogate ids behind ranking keys, for links: channels are keyed `platform:handle` (or `platform:#id` without
 * a handle) and missions by actor key in src/analytics/ranking.
 */
export async function channelIdsByKey(db: Queryable, keys: readonly string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ key: string; id: number }>(
    `SELECT c.platform || ':' || coalesce(c.handle, '#' || c.id) AS key, c.id FROM channels c
     WHERE c.actor_id IS NOT NULL AND c.platform || ':' || coalesce(c.handle, '#' || c.id) = ANY($1::text[])`,
    [[...keys]],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function actorIdsByKey(db: Queryable, keys: readonly string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ key: string; id: number }>(
    'SELECT actor_key AS key, id FROM actors WHERE actor_key = ANY($1::text[])',
    [[...keys]],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}
