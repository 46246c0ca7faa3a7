import type { Queryable } from '../../db/database.js';
import type { Window } from '../window.js';
import type { DayRow, FollowerObservation } from './compute.js';

/** Which channels an analysis covers. Every filter is optional. */
export interface ChannelScope {
  platform?: string | undefined;
  /** Only channels of actors accredited in this host country or organisation. */
  host?: string | undefined;
  /** Only channels of actors of this sending country. */
  country?: string | undefined;
  /** Only channels linked to a registry actor. */
  registryOnly?: boolean;
  channelIds?: readonly number[] | undefined;
}

export interface ScopedChannel {
  id: number;
  platform: string;
  handle: string | null;
  actorId: number | null;
  actorName: string | null;
  actorKind: string | null;
  parentActorId: number | null;
  sendingCountry: string | null;
  hostCountry: string | null;
  /** The mission a channel counts for: a person's own mission (parent actor in the same host), else its actor. */
  missionKey: string | null;
  missionName: string | null;
}

// The scope as a WHERE clause over channels c LEFT JOIN actors a, with parameters $1..$5.
const SCOPE = `($1::text IS NULL OR c.platform = $1) AND ($2::text IS NULL OR a.host_country = $2)
  AND ($3::text IS NULL OR a.sending_country = $3) AND (NOT $4::boolean OR c.actor_id IS NOT NULL)
  AND ($5::bigint[] IS NULL OR c.id = ANY($5::bigint[]))`;

const CHANNEL_COLUMNS = `c.id, c.platform, c.handle, c.actor_id AS "actorId", a.name AS "actorName",
  a.kind AS "actorKind", a.parent_actor_id AS "parentActorId", a.sending_country AS "sendingCountry",
  a.host_country AS "hostCountry",
  CASE WHEN a.kind = 'person' AND pa.id IS NOT NULL AND pa.host_country IS NOT DISTINCT FROM a.host_country THEN pa.actor_key ELSE a.actor_key END AS "missionKey",
  CASE WHEN a.kind = 'person' AND pa.id IS NOT NULL AND pa.host_country IS NOT DISTINCT FROM a.host_country THEN pa.name ELSE a.name END AS "missionName"`;

const scopeParams = (s: ChannelScope) => [
  s.platform ?? null,
  s.host ?? null,
  s.country ?? null,
  s.registryOnly ?? false,
  s.channelIds ? [...s.channelIds] : null,
];

const dayStart = (day: string) => `${day}T00:00:00Z`;

export async function scopedChannels(db: Queryable, scope: ChannelScope): Promise<ScopedChannel[]> {
  return db.query<ScopedChannel>(
    `SELECT ${CHANNEL_COLUMNS}
     FROM channels c LEFT JOIN actors a ON a.id = c.actor_id LEFT JOIN actors pa ON pa.id = a.parent_actor_id
     WHERE ${SCOPE}
     ORDER BY c.platform, c.handle_norm, c.platform_user_id, c.id`,
    scopeParams(scope),
  );
}

/**
 * The scope's rollup rows with posts inside the window, each with `followers` = the follower count at posting
 * time as far as the window knows it (the day's last observation, else the latest earlier one in the window;
 * null before the window's first). Days with only a follower observation are not sent (most rows of a
 * collection that observes accounts daily): windowObservations gives their first and last.
 */
export async function windowDays(
  db: Queryable,
  scope: ChannelScope,
  w: Window,
): Promise<Map<number, DayRow[]>> {
  const rows = await db.query<DayRow & { channelId: number }>(
    `WITH w AS (
       SELECT d.*, count(d.followers) OVER (PARTITION BY d.channel_id ORDER BY d.day) AS grp
       FROM channel_daily d JOIN channels c ON c.id = d.channel_id LEFT JOIN actors a ON a.id = c.actor_id
       WHERE ${SCOPE} AND d.day >= $6::date AND d.day <= $7::date),
     -- grp numbers the runs of days that share the same latest observation: its count is the carried value.
     f AS (SELECT w.*, max(w.followers) OVER (PARTITION BY w.channel_id, w.grp) AS followers_at FROM w)
     SELECT channel_id AS "channelId", day, posts, originals, replies, quotes, reposts, media_posts AS "mediaPosts",
       langs, measured_posts AS "measuredPosts", interactions, likes_reposts AS "likesReposts",
       measured_originals AS "measuredOriginals", original_reposts AS "originalReposts", followers_at AS followers
     FROM f WHERE posts > 0`,
    [...scopeParams(scope), w.from, w.to],
  );
  const out = new Map<number, DayRow[]>();
  for (const { channelId, ...r } of rows) {
    let list = out.get(channelId);
    if (!list) out.set(channelId, (list = []));
    list.push(r);
  }
  return out;
}

/** The first and last follower observations of each scoped channel inside the window. */
export async function windowObservations(
  db: Queryable,
  scope: ChannelScope,
  w: Window,
): Promise<Map<number, { first: FollowerObservation; last: FollowerObservation }>> {
  const rows = await db.query<{ id: number; firstDay: string; first: number; lastDay: string; last: number }>(
    `SELECT d.channel_id AS id,
       min(d.day) AS "firstDay", (array_agg(d.followers ORDER BY d.day))[1] AS first,
       max(d.day) AS "lastDay", (array_agg(d.followers ORDER BY d.day DESC))[1] AS last
     FROM channel_daily d JOIN channels c ON c.id = d.channel_id LEFT JOIN actors a ON a.id = c.actor_id
     WHERE ${SCOPE} AND d.day >= $6::date AND d.day <= $7::date AND d.followers IS NOT NULL
     GROUP BY d.channel_id`,
    [...scopeParams(scope), w.from, w.to],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { first: { day: r.firstDay, followers: r.first }, last: { day: r.lastDay, followers: r.last } },
    ]),
  );
}

/** Each scoped channel's last follower observation before the window starts (one index probe per channel). */
export async function followersBefore(
  db: Queryable,
  scope: ChannelScope,
  w: Window,
): Promise<Map<number, FollowerObservation>> {
  const rows = await db.query<{ id: number; observedAt: Date; followers: number }>(
    `SELECT c.id, s.observed_at AS "observedAt", s.followers
     FROM channels c LEFT JOIN actors a ON a.id = c.actor_id
     CROSS JOIN LATERAL (SELECT observed_at, followers FROM channel_snapshots x
       WHERE x.channel_id = c.id AND x.followers IS NOT NULL AND x.observed_at < $6::timestamptz
       ORDER BY x.observed_at DESC LIMIT 1) s
     WHERE ${SCOPE}`,
    [...scopeParams(scope), dayStart(w.from)],
  );
  return new Map(
    rows.map((r) => [r.id, { day: r.observedAt.toISOString().slice(0, 10), followers: r.followers }]),
  );
}

/** Posts up to `to` and the first day with a post, per channel (for production). */
export async function postHistory(
  db: Queryable,
  channelIds: readonly number[],
  to: string,
): Promise<Map<number, { posts: number; firstDay: string | null }>> {
  const rows = await db.query<{ id: number; posts: number; firstDay: string | null }>(
    `SELECT channel_id AS id, sum(posts)::bigint AS posts, min(day) AS "firstDay" FROM channel_daily
     WHERE channel_id = ANY($1::bigint[]) AND day <= $2::date AND posts > 0 GROUP BY channel_id`,
    [[...channelIds], to],
  );
  return new Map(rows.map((r) => [r.id, { posts: r.posts, firstDay: r.firstDay }]));
}

/** Distinct platforms of each actor's channels in the registry. */
export async function actorPlatforms(
  db: Queryable,
  actorIds: readonly number[],
): Promise<Map<number, number>> {
  if (!actorIds.length) return new Map();
  const rows = await db.query<{ id: number; n: number }>(
    `SELECT actor_id AS id, count(DISTINCT platform)::int AS n FROM channels
     WHERE actor_id = ANY($1::bigint[]) GROUP BY actor_id`,
    [[...new Set(actorIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * Mutual follows of each channel with other registry channels. A channel with no observed follow edge at all
 * is absent (no data, not 0): follow lists are not collected yet.
 */
export async function mutualFollows(
  db: Queryable,
  channelIds: readonly number[],
): Promise<Map<number, number>> {
  if (!channelIds.length) return new Map();
  const rows = await db.query<{ id: number; n: number }>(
    `SELECT f.source_channel_id AS id,
       count(*) FILTER (WHERE g.source_channel_id IS NOT NULL AND t.actor_id IS NOT NULL)::int AS n
     FROM follows f JOIN channels t ON t.id = f.target_channel_id
     LEFT JOIN follows g ON g.source_channel_id = f.target_channel_id AND g.target_channel_id = f.source_channel_id
     WHERE f.source_channel_id = ANY($1::bigint[]) GROUP BY f.source_channel_id`,
    [[...channelIds]],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** A channel by `platform:handle` or a bare handle (every platform). */
export async function findChannels(db: Queryable, ref: string): Promise<ScopedChannel[]> {
  const i = ref.indexOf(':');
  const platform = i > 0 && !ref.startsWith('at:') ? ref.slice(0, i).toLowerCase() : null;
  const handle = (platform === null ? ref : ref.slice(i + 1)).replace(/^@/, '').toLowerCase();
  return db.query<ScopedChannel>(
    `SELECT ${CHANNEL_COLUMNS}
     FROM channels c LEFT JOIN actors a ON a.id = c.actor_id LEFT JOIN actors pa ON pa.id = a.parent_actor_id
     WHERE ($1::text IS NULL OR c.platform = $1) AND (c.handle_norm = $2 OR c.platform_user_id = $3)
     ORDER BY c.platform, c.id`,
    [platform, handle, platform === null ? ref : ref.slice(i + 1)],
  );
}
