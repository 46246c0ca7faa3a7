import type { Queryable } from '../db/database.js';
import { UserError } from '../domain/errors.js';

export interface RegistryStats {
  actors: number;
  channels: number;
  /** Sending countries and organisations with at least one actor. */
  countries: number;
  hostCountries: number;
  platforms: Record<string, number>;
  kinds: Record<string, number>;
  sources: Record<string, { entries: number; snapshotDate: string | null }>;
}

const toRecord = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

/** Counts of what the registry holds now (removed actors and channels are history, not counted). */
export async function registryStats(db: Queryable): Promise<RegistryStats> {
  const [totals] = await db.query<{ actors: number; countries: number; hosts: number; channels: number }>(
    `SELECT (SELECT count(*) FROM actors WHERE removed_on IS NULL) AS actors,
            (SELECT count(DISTINCT sending_country) FROM actors WHERE removed_on IS NULL) AS countries,
            (SELECT count(DISTINCT host_country) FROM actors WHERE removed_on IS NULL) AS hosts,
            (SELECT count(*) FROM channels WHERE link_source = 'registry' AND removed_on IS NULL) AS channels`,
  );
  const platforms = await db.query<{ k: string; n: number }>(
    `SELECT platform AS k, count(*) AS n FROM channels WHERE link_source = 'registry' AND removed_on IS NULL
     GROUP BY platform ORDER BY n DESC, platform`,
  );
  const kinds = await db.query<{ k: string; n: number }>(
    'SELECT kind AS k, count(*) AS n FROM actors WHERE removed_on IS NULL GROUP BY kind ORDER BY n DESC, kind',
  );
  const sources = await db.query<{ source: string; entries: number; snapshot_date: string | null }>(
    `SELECT source, count(*) FILTER (WHERE removed_on IS NULL) AS entries, max(snapshot_date) AS snapshot_date
     FROM registry_entries GROUP BY source ORDER BY source`,
  );
  return {
    actors: totals?.actors ?? 0,
    channels: totals?.channels ?? 0,
    countries: totals?.countries ?? 0,
    hostCountries: totals?.hosts ?? 0,
    platforms: toRecord(platforms),
    kinds: toRecord(kinds),
    sources: Object.fromEntries(
      sources.map((s) => [s.source, { entries: s.entries, snapshotDate: s.snapshot_date }]),
    ),
  };
}

export interface ActorSummary {
  id: number;
  name: string;
  kind: string;
  sending: string;
  host: string | null;
  city: string | null;
  wikidataQid: string | null;
  channels: string[];
}

const actorSummarySql = `
  SELECT a.id, a.name, a.kind, a.sending_country AS sending, a.host_country AS host, a.city, a.wikidata_qid AS "wikidataQid",
         COALESCE(ARRAY(SELECT c.platform || ':' || c.handle FROM channels c
                        WHERE c.actor_id = a.id AND c.removed_on IS NULL ORDER BY c.platform, c.handle), '{}') AS channels
  FROM actors a`;

/** Actors matching every word of the text in their name, city, countries, QID or one of their handles. */
export async function searchRegistry(db: Queryable, text: string, limit = 50): Promise<ActorSummary[]> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length) throw new UserError('search text is empty', 'usage');
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return db.query<ActorSummary>(
    `${actorSummarySql}
     LEFT JOIN countries s ON s.code = a.sending_country
     LEFT JOIN countries h ON h.code = a.host_country
     WHERE a.removed_on IS NULL AND NOT EXISTS (
       -- a word that matches nothing about the actor rules it out
       SELECT 1 FROM unnest($1::text[]) AS w(p)
       WHERE NOT COALESCE(a.name ILIKE w.p OR a.city ILIKE w.p OR a.wikidata_qid ILIKE w.p OR s.name ILIKE w.p OR h.name ILIKE w.p
                  OR a.sending_country ILIKE w.p OR a.host_country ILIKE w.p
                  OR EXISTS (SELECT 1 FROM channels c WHERE c.actor_id = a.id AND c.handle_norm ILIKE w.p), false))
     ORDER BY (a.kind = 'ministry') DESC, a.name, a.id
     LIMIT $2`,
    [patterns, limit],
  );
}

export interface ActorDetail extends ActorSummary {
  /** `wd:Q…` or `<source>:<id>`: the key the registry sources merge on. */
  actorKey: string;
  removedOn: string | null;
  website: string | null;
  firstSeen: string;
  parent: { id: number; name: string } | null;
  channelDetails: {
    id: number;
    platform: string;
    handle: string | null;
    url: string | null;
    removedOn: string | null;
    sources: { source: string; firstSeen: string; removedOn: string | null }[];
  }[];
  sources: { source: string; sourceKey: string; firstSeen: string; removedOn: string | null }[];
  changes: { date: string; source: string; entity: string; change: string; details: unknown }[];
}

/** One actor by id or Wikidata QID, or the actor of a channel by handle (`@handle`, `platform:handle`, `handle`). */
export async function showRegistry(db: Queryable, ref: string): Promise<ActorDetail[]> {
  const r = ref.trim();
  let ids: number[];
  if (/^\d+$/.test(r)) ids = [Number(r)];
  else if (/^Q\d+$/i.test(r)) {
    ids = (
      await db.query<{ id: number }>('SELECT id FROM actors WHERE wikidata_qid = $1', [r.toUpperCase()])
    ).map((x) => x.id);
  } else {
    const m = /^([a-z][a-z0-9-]*):(.+)$/.exec(r);
    const platform = m ? m[1]! : null;
    const handle = (m ? m[2]! : r).replace(/^@/, '').toLowerCase();
    ids = (
      await db.query<{ id: number }>(
        `SELECT DISTINCT actor_id AS id FROM channels WHERE handle_norm = $1 AND ($2::text IS NULL OR platform = $2) AND actor_id IS NOT NULL`,
        [handle, platform],
      )
    ).map((x) => x.id);
  }
  const out: ActorDetail[] = [];
  for (const id of ids) {
    const [a] = await db.query<
      ActorSummary & {
        removedOn: string | null;
        website: string | null;
        firstSeen: string;
        parentId: number | null;
        parentName: string | null;
        actorKey: string;
      }
    >(
      `SELECT s.*, a.removed_on AS "removedOn", a.website, a.first_seen AS "firstSeen", a.actor_key AS "actorKey", p.id AS "parentId", p.name AS "parentName"
       FROM (${actorSummarySql} WHERE a.id = $1) s JOIN actors a ON a.id = s.id LEFT JOIN actors p ON p.id = a.parent_actor_id`,
      [id],
    );
    if (!a) continue;
    const channelDetails = await db.query<ActorDetail['channelDetails'][number]>(
      `SELECT c.id, c.platform, c.handle, c.url, c.removed_on AS "removedOn",
              COALESCE((SELECT json_agg(json_build_object('source', cs.source, 'firstSeen', cs.first_seen, 'removedOn', cs.removed_on)
                                        ORDER BY cs.source, cs.source_key)
                        FROM channel_sources cs WHERE cs.channel_id = c.id), '[]') AS sources
       FROM channels c WHERE c.actor_id = $1 ORDER BY c.removed_on NULLS FIRST, c.platform, c.handle`,
      [id],
    );
    const sources = await db.query<ActorDetail['sources'][number]>(
      `SELECT source, source_key AS "sourceKey", first_seen AS "firstSeen", removed_on AS "removedOn"
       FROM registry_entries WHERE actor_key = $1 ORDER BY source`,
      [a.actorKey],
    );
    const changes = await db.query<ActorDetail['changes'][number]>(
      `SELECT change_date AS date, source, entity, change, details FROM registry_changes
       WHERE actor_id = $1 ORDER BY change_date, id`,
      [id],
    );
    const { parentId, parentName, ...rest } = a;
    out.push({
      ...rest,
      parent: parentId === null ? null : { id: parentId, name: parentName ?? '' },
      channelDetails,
      sources,
      changes,
    });
  }
  if (!out.length)
    throw new UserError(`no actor matches "${ref}" (try: attache registry search TEXT)`, 'not-found');
  return out;
}
