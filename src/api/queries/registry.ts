import type { Queryable } from '../../db/database.js';
import { searchRegistryIndex, type RegistryIndex } from './registry-index.js';

export interface RegistryFilters {
  q?: string | undefined;
  country?: string | undefined;
  host?: string | undefined;
  kind?: string | undefined;
  platform?: string | undefined;
}

export interface RegistryActor {
  id: number;
  name: string;
  kind: string;
  sendingCountry: string;
  hostCountry: string | null;
  city: string | null;
  wikidataQid: string | null;
  channels: { id: number; platform: string; handle: string | null }[];
}

/** The actor's current channels as a JSON array, over `actors a`. */
const CHANNELS_JSON = `coalesce((SELECT json_agg(json_build_object('id', c.id, 'platform', c.platform, 'handle', c.handle)
                 ORDER BY c.platform, c.handle_norm, c.id)
                 FROM channels c WHERE c.actor_id = a.id AND c.removed_on IS NULL), '[]')`;

/**
 * Current actors matching the filters, by name then id, after the (name, id) key. `q`: every word must match
 * the name, city, QID, a country's code or name, or one of the actor's handles (case-insensitive substring).
 * With the registry index (registry-index.ts) the actors are chosen in memory and only the page is read;
 * without it, or for a cursor the index does not know, the database does both (registryPageSql).
 */
export async function registryPage(
  db: Queryable,
  f: RegistryFilters,
  after: readonly [string, number] | undefined,
  limit: number,
  index?: RegistryIndex,
): Promise<RegistryActor[]> {
  const words = (f.q ?? '').trim().split(/\s+/).filter(Boolean);
  if (index !== undefined) {
    // Lower-cased as ILIKE does (PostgreSQL's lower()); for ASCII that is plain toLowerCase.
    const lowered = words.every((w) => /^[ -~]*$/.test(w))
      ? words.map((w) => w.toLowerCase())
      : (await db.query<{ w: string }>('SELECT lower(w) AS w FROM unnest($1::text[]) AS w', [words])).map(
          (r) => r.w,
        );
    const ids = searchRegistryIndex(index, f, lowered, after, limit);
    if (ids !== null) return actorsByIds(db, ids);
  }
  return registryPageSql(db, f, words, after, limit);
}

/** Actors by id with their current channels, by name then id. */
async function actorsByIds(db: Queryable, ids: readonly number[]): Promise<RegistryActor[]> {
  if (!ids.length) return [];
  return db.query<RegistryActor>(
    `SELECT a.id, a.name, a.kind, a.sending_country AS "sendingCountry", a.host_country AS "hostCountry", a.city,
       a.wikidata_qid AS "wikidataQid", ${CHANNELS_JSON} AS channels
     FROM actors a WHERE a.id = ANY($1::bigint[])
     ORDER BY a.name, a.id`,
    [[...ids]],
  );
}

/**
 * registryPage in the database alone. Each actor's searchable fields are joined into one text, one field per line, and every word's pattern must
 * match it (ILIKE ALL): a word holds no whitespace, so it cannot match across two fields. The registry has some
 * ten thousand actors, so this is one pass over them with the handles aggregated once per query (a hash join),
 * not a sub-query per actor and word.
 */
async function registryPageSql(
  db: Queryable,
  f: RegistryFilters,
  words: readonly string[],
  after: readonly [string, number] | undefined,
  limit: number,
): Promise<RegistryActor[]> {
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return db.query<RegistryActor>(
    `WITH handles AS (
       -- every handle the actor ever had a channel with, as the substring test did before (removed ones too)
       SELECT actor_id, string_agg(handle_norm, E'\\n') AS handles FROM channels
       WHERE actor_id IS NOT NULL AND handle_norm IS NOT NULL AND cardinality($7::text[]) > 0 GROUP BY actor_id
     ), page AS (
       SELECT a.id FROM actors a
       LEFT JOIN countries s ON s.code = a.sending_country
       LEFT JOIN countries h ON h.code = a.host_country
       LEFT JOIN handles ch ON ch.actor_id = a.id
       WHERE a.removed_on IS NULL
         AND ($1::text IS NULL OR (a.name, a.id) > ($1::text, $2::bigint))
         AND ($3::text IS NULL OR a.sending_country = $3) AND ($4::text IS NULL OR a.host_country = $4)
         AND ($5::text IS NULL OR a.kind = $5)
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM channels c WHERE c.actor_id = a.id AND c.platform = $6 AND c.removed_on IS NULL))
         AND concat_ws(E'\\n', a.name, a.city, a.wikidata_qid, s.name, h.name, a.sending_country, a.host_country,
               ch.handles) ILIKE ALL ($7::text[])
       ORDER BY a.name, a.id
       LIMIT $8
     )
     SELECT a.id, a.name, a.kind, a.sending_country AS "sendingCountry", a.host_country AS "hostCountry", a.city,
       a.wikidata_qid AS "wikidataQid", ${CHANNELS_JSON} AS channels
     FROM page JOIN actors a ON a.id = page.id
     ORDER BY a.name, a.id`,
    [
      after?.[0] ?? null,
      after?.[1] ?? null,
      f.country ?? null,
      f.host ?? null,
      f.kind ?? null,
      f.platform ?? null,
      patterns,
      limit,
    ],
  );
}
