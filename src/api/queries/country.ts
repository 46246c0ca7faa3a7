import type { Queryable } from '../../db/database.js';

export interface CountryRow {
  code: string;
  name: string;
  kind: string;
  alpha3: string | null;
}

export async function countryByCode(db: Queryable, code: string): Promise<CountryRow | null> {
  const [row] = await db.query<CountryRow>('SELECT code, name, kind, alpha3 FROM countries WHERE code = $1', [
    code,
  ]);
  return row ?? null;
}

/** Current actors of a sending country, ministries first. */
export async function countryActors(db: Queryable, code: string) {
  return db.query<{
    id: number;
    name: string;
    kind: string;
    hostCountry: string | null;
    city: string | null;
    wikidataQid: string | null;
    parentActorId: number | null;
  }>(
    `SELECT id, name, kind, host_country AS "hostCountry", city, wikidata_qid AS "wikidataQid",
       parent_actor_id AS "parentActorId"
     FROM actors WHERE sending_country = $1 AND removed_on IS NULL
     ORDER BY (kind = 'ministry') DESC, host_country NULLS FIRST, name, id`,
    [code],
  );
}

/** Current registry channels of a sending country's actors. */
export async function countryChannels(db: Queryable, code: string) {
  return db.query<{
    id: number;
    platform: string;
    handle: string | null;
    displayName: string | null;
    url: string | null;
    actorId: number | null;
  }>(
    `SELECT c.id, c.platform, c.handle, c.display_name AS "displayName", c.url, c.actor_id AS "actorId"
     FROM channels c JOIN actors a ON a.id = c.actor_id
     WHERE a.sending_country = $1 AND a.removed_on IS NULL AND c.removed_on IS NULL
     ORDER BY c.platform, c.handle_norm, c.id`,
    [code],
  );
}

/** Where a country's missions are: host countries and organisations with its actor count. */
export async function missionHosts(db: Queryable, code: string) {
  return db.query<{ host: string; name: string | null; actors: number }>(
    `SELECT a.host_country AS host, h.name, count(*)::int AS actors
     FROM actors a LEFT JOIN countries h ON h.code = a.host_country
     WHERE a.sending_country = $1 AND a.host_country IS NOT NULL AND a.removed_on IS NULL
     GROUP BY a.host_country, h.name ORDER BY actors DESC, host`,
    [code],
  );
}

/** Foreign actors accredited in the country. */
export async function hostedActors(db: Queryable, code: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM actors WHERE host_country = $1 AND sending_country <> $1 AND removed_on IS NULL`,
    [code],
  );
  return row?.n ?? 0;
}

/** Daily posts and measured interactions of the country's registry channels over a window. */
export async function countryActivity(
  db: Queryable,
  code: string,
  from: string,
  to: string,
  platform?: string,
) {
  return db.query<{ day: string; posts: number; measuredPosts: number; interactions: number }>(
    `SELECT d.day, sum(d.posts)::int AS posts, sum(d.measured_posts)::int AS "measuredPosts",
       sum(d.interactions)::bigint AS interactions
     FROM channel_daily d JOIN channels c ON c.id = d.channel_id JOIN actors a ON a.id = c.actor_id
     WHERE a.sending_country = $1 AND d.day >= $2::date AND d.day <= $3::date
       AND ($4::text IS NULL OR c.platform = $4)
     GROUP BY d.day ORDER BY d.day`,
    [code, from, to, platform ?? null],
  );
}

/** Countries and organisations with their current actors (as sender and as host) and registry channels. */
export async function countryList(db: Queryable) {
  return db.query<{
    code: string;
    name: string;
    kind: string;
    actors: number;
    channels: number;
    hostedActors: number;
  }>(
    `SELECT k.code, k.name, k.kind,
       coalesce(s.actors, 0)::int AS actors, coalesce(s.channels, 0)::int AS channels,
       coalesce(h.n, 0)::int AS "hostedActors"
     FROM countries k
     LEFT JOIN (SELECT a.sending_country AS code, count(DISTINCT a.id) AS actors, count(c.id) AS channels
                FROM actors a LEFT JOIN channels c ON c.actor_id = a.id AND c.removed_on IS NULL
                WHERE a.removed_on IS NULL GROUP BY a.sending_country) s ON s.code = k.code
     LEFT JOIN (SELECT host_country AS code, count(*) AS n FROM actors
                WHERE removed_on IS NULL AND host_country IS NOT NULL AND host_country <> sending_country
                GROUP BY host_country) h ON h.code = k.code
     ORDER BY k.code`,
  );
}

/**
 * Followers per day and platform over a window: for each of the country's registry channels, its latest
 * follower observation on or before the day (carried forward from before the window), summed per platform;
 * `channels` is how many channels had an observation by then (a step can be a channel first observed).
 */
export async function countryFollowers(
  db: Queryable,
  code: string,
  from: string,
  to: string,
  platform?: string,
) {
  return db.query<{ day: string; platform: string; followers: number; channels: number }>(
    `WITH ch AS (
       SELECT c.id, c.platform FROM channels c JOIN actors a ON a.id = c.actor_id
       WHERE a.sending_country = $1 AND a.removed_on IS NULL AND c.removed_on IS NULL
         AND ($4::text IS NULL OR c.platform = $4)),
     days AS (SELECT g::date AS day FROM generate_series($2::date, $3::date, interval '1 day') g)
     SELECT days.day, ch.platform, sum(f.followers)::bigint AS followers,
       count(f.followers)::int AS channels
     FROM days CROSS JOIN ch
     JOIN LATERAL (SELECT d.followers FROM channel_daily d
                   WHERE d.channel_id = ch.id AND d.day <= days.day AND d.followers IS NOT NULL
                   ORDER BY d.day DESC LIMIT 1) f ON true
     GROUP BY days.day, ch.platform ORDER BY days.day, ch.platform`,
    [code, from, to, platform ?? null],
  );
}
