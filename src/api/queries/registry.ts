import type { Queryable } from '../../db/database.js';

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

/**
 * Current actors matching the filters, by name then id, after the (name, id) key. `q`: every word must match
 * the name, city, QID, a country's code or name, or one of the actor's handles (case-insensitive substring).
 */
export async function registryPage(
  db: Queryable,
  f: RegistryFilters,
  after: readonly [string, number] | undefined,
  limit: number,
): Promise<RegistryActor[]> {
  const words = (f.q ?? '').trim().split(/\s+/).filter(Boolean);
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return db.query<RegistryActor>(
    `SELECT a.id, a.name, a.kind, a.sending_country AS "sendingCountry", a.host_country AS "hostCountry", a.city,
       a.wikidata_qid AS "wikidataQid",
       coalesce((SELECT json_agg(json_build_object('id', c.id, 'platform', c.platform, 'handle', c.handle)
                 ORDER BY c.platform, c.handle_norm, c.id)
                 FROM channels c WHERE c.actor_id = a.id AND c.removed_on IS NULL), '[]') AS channels
     FROM actors a
     LEFT JOIN countries s ON s.code = a.sending_country
     LEFT JOIN countries h ON h.code = a.host_country
     WHERE a.removed_on IS NULL
       AND ($1::text IS NULL OR (a.name, a.id) > ($1::text, $2::bigint))
       AND ($3::text IS NULL OR a.sending_country = $3) AND ($4::text IS NULL OR a.host_country = $4)
       AND ($5::text IS NULL OR a.kind = $5)
       AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM channels c WHERE c.actor_id = a.id AND c.platform = $6 AND c.removed_on IS NULL))
       AND NOT EXISTS (
         -- a word that matches nothing about the actor rules it out
         SELECT 1 FROM unnest($7::text[]) AS w(p)
         WHERE NOT coalesce(a.name ILIKE w.p OR a.city ILIKE w.p OR a.wikidata_qid ILIKE w.p OR s.name ILIKE w.p
                  OR h.name ILIKE w.p OR a.sending_country ILIKE w.p OR a.host_country ILIKE w.p
                  OR EXISTS (SELECT 1 FROM channels c WHERE c.actor_id = a.id AND c.handle_norm ILIKE w.p), false))
     ORDER BY a.name, a.id
     LIMIT $8`,
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
