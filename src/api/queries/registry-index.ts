import type { Queryable } from '../../db/database.js';
import type { RegistryFilters } from './registry.js';

/**
 * The registry's current actors in the listing's order (name, id — as PostgreSQL sorts them), each with what the
 * filters and the word search read: the searchable fields lower-cased by PostgreSQL and joined one per line.
 * Built with one query per data version (the registry changes only through runs; src/api/cache.ts) and kept in
 * memory: some ten thousand short rows. A word search is then a substring test per actor in this process, with
 * no per-request pass over the actors, countries and channels in the database.
 */
export interface RegistryIndex {
  actors: IndexedActor[];
  /** Position of each actor in `actors`, by id. */
  position: Map<number, number>;
}

interface IndexedActor {
  id: number;
  name: string;
  kind: string;
  sendingCountry: string;
  hostCountry: string | null;
  /** Platforms of its current channels. */
  platforms: string[];
  /** lower(name, city, QID, sending and host country name and code, every handle it had), one per line. */
  haystack: string;
}

export async function loadRegistryIndex(db: Queryable): Promise<RegistryIndex> {
  const actors = await db.query<IndexedActor>(
    `WITH ch AS (
       SELECT actor_id, string_agg(handle_norm, E'\\n') AS handles,
         coalesce(array_agg(DISTINCT platform) FILTER (WHERE removed_on IS NULL), '{}') AS platforms
       FROM channels WHERE actor_id IS NOT NULL GROUP BY actor_id
     )
     SELECT a.id, a.name, a.kind, a.sending_country AS "sendingCountry", a.host_country AS "hostCountry",
       coalesce(ch.platforms, '{}') AS platforms,
       lower(concat_ws(E'\\n', a.name, a.city, a.wikidata_qid, s.name, h.name, a.sending_country, a.host_country,
         ch.handles)) AS haystack
     FROM actors a
     LEFT JOIN countries s ON s.code = a.sending_country
     LEFT JOIN countries h ON h.code = a.host_country
     LEFT JOIN ch ON ch.actor_id = a.id
     WHERE a.removed_on IS NULL
     ORDER BY a.name, a.id`,
  );
  return { actors, position: new Map(actors.map((a, i) => [a.id, i])) };
}

/**
 * Ids of the actors after the cursor key (name, id) that pass the filters, at most `limit`, in order; null when
 * the cursor's actor is not in the index (renamed or removed since: the caller asks the database instead).
 * `words` are lower-cased as PostgreSQL's lower() does (the caller's job) and must each be a substring.
 */
export function searchRegistryIndex(
  index: RegistryIndex,
  f: RegistryFilters,
  words: readonly string[],
  after: readonly [string, number] | undefined,
  limit: number,
): number[] | null {
  let start = 0;
  if (after !== undefined) {
    const at = index.position.get(after[1]);
    if (at === undefined || index.actors[at]!.name !== after[0]) return null;
    start = at + 1;
  }
  const ids: number[] = [];
  for (let i = start; i < index.actors.length && ids.length < limit; i++) {
    const a = index.actors[i]!;
    if (f.country !== undefined && a.sendingCountry !== f.country) continue;
    if (f.host !== undefined && a.hostCountry !== f.host) continue;
    if (f.kind !== undefined && a.kind !== f.kind) continue;
    if (f.platform !== undefined && !a.platforms.includes(f.platform)) continue;
    if (words.every((w) => a.haystack.includes(w))) ids.push(a.id);
  }
  return ids;
}
