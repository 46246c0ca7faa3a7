import type { Queryable } from '../../db/database.js';
import { addDays, type Window } from '../window.js';
import { EMPTY_TOTALS, type DayCounts, type FollowerObservation, type WindowTotals } from './compute.js';

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
 * Every scoped channel's rollup totals over each of `windows` (metrics/compute.ts, `WindowTotals`), one row
 * per channel and window, with its last follower observation before the window. Channels with neither a
 * rollup row in the window nor an earlier observation are absent (their metrics are those of no data).
 */
export async function windowTotals(
  db: Queryable,
  scope: ChannelScope,
  windows: readonly Window[],
): Promise<Map<number, { totals: WindowTotals; before: FollowerObservation | null }>[]> {
  const out = windows.map(
    () => new Map<number, { totals: WindowTotals; before: FollowerObservation | null }>(),
  );
  if (!windows.length) return out;
  const rows = await db.query<TotalsRow>(
    `WITH sc AS (SELECT c.id FROM channels c LEFT JOIN actors a ON a.id = c.actor_id WHERE ${SCOPE}),
     win AS (SELECT * FROM unnest($6::date[], $7::date[]) WITH ORDINALITY AS t(day_from, day_to, n))
     SELECT win.n::int AS n, sc.id AS "channelId", b.day AS "beforeDay", b.followers AS "beforeFollowers", t.*
     FROM win CROSS JOIN sc
     -- The channel's last follower observation before the window (one index probe).
     LEFT JOIN LATERAL (
       SELECT (x.observed_at AT TIME ZONE 'UTC')::date AS day, x.followers FROM channel_snapshots x
       WHERE x.channel_id = sc.id AND x.followers IS NOT NULL AND x.observed_at < (win.day_from::timestamp AT TIME ZONE 'UTC')
       ORDER BY x.observed_at DESC LIMIT 1) b ON true
     -- The channel's rollup rows in the window, read in day order from the primary key. obs = {day number,
     -- followers} of a row with an observation, so that max(obs) is the latest and min(obs) the earliest;
     -- followers_then = the follower count at posting time (the latest observation up to that day, else b).
     CROSS JOIN LATERAL (
       SELECT count(*) AS rows, sum(f.posts) AS posts, sum(f.originals) AS originals, sum(f.replies) AS replies,
         sum(f.quotes) AS quotes, sum(f.reposts) AS reposts, sum(f.media_posts) AS "mediaPosts",
         sum(f.measured_posts) AS "measuredPosts", sum(f.interactions) AS interactions,
         sum(f.likes_reposts) AS "likesReposts", sum(f.measured_originals) AS "measuredOriginals",
         sum(f.original_reposts) AS "originalReposts",
         -- Language codes are [a-z]{2,3} (normaliseLang); the rollup itself writes them comma-joined.
         string_agg(array_to_string(f.langs, ','), ',') FILTER (WHERE f.posts > 0 AND cardinality(f.langs) > 0) AS langs,
         min(f.obs) AS first, max(f.obs) AS last,
         -- In day order, as interactionRateSums adds them, so that the floating-point sum is the same.
         coalesce(sum(f.interactions::float8 / f.followers_then::float8 ORDER BY f.day)
           FILTER (WHERE f.measured_posts > 0 AND f.followers_then > 0), 0) AS "rateSum",
         coalesce(sum(f.measured_posts) FILTER (WHERE f.measured_posts > 0 AND f.followers_then > 0), 0) AS "rateWeight"
       FROM (
         SELECT o.*, coalesce((max(o.obs) OVER (ORDER BY o.day))[2], b.followers) AS followers_then
         FROM (
           SELECT d.day, d.posts, d.originals, d.replies, d.quotes, d.reposts, d.media_posts, d.langs,
             d.measured_posts, d.interactions, d.likes_reposts, d.measured_originals, d.original_reposts,
             CASE WHEN d.followers IS NOT NULL THEN ARRAY[(d.day - DATE '1970-01-01')::bigint, d.followers] END AS obs
           FROM channel_daily d WHERE d.channel_id = sc.id AND d.day >= win.day_from AND d.day <= win.day_to) o) f
     ) t
     WHERE t.rows > 0 OR b.followers IS NOT NULL`,
    [...scopeParams(scope), windows.map((w) => w.from), windows.map((w) => w.to)],
  );
  const day = (epochDay: number) => addDays('1970-01-01', epochDay);
  // int8 arrays arrive as strings from the server driver and as numbers from PGlite.
  const observation = (o: Pair | null) => (o ? { day: day(Number(o[0])), followers: Number(o[1]) } : null);
  for (const r of rows) {
    const totals: WindowTotals =
      r.rows === 0
        ? EMPTY_TOTALS
        : {
            posts: r.posts,
            originals: r.originals,
            replies: r.replies,
            quotes: r.quotes,
            reposts: r.reposts,
            mediaPosts: r.mediaPosts,
            measuredPosts: r.measuredPosts,
            interactions: r.interactions,
            likesReposts: r.likesReposts,
            measuredOriginals: r.measuredOriginals,
            originalReposts: r.originalReposts,
            langs: r.langs === null ? [] : r.langs.split(','),
            first: observation(r.first),
            last: observation(r.last),
            rateSum: r.rateSum,
            rateWeight: r.rateWeight,
          };
    const before = r.beforeDay === null ? null : { day: r.beforeDay, followers: r.beforeFollowers! };
    out[r.n - 1]!.set(r.channelId, { totals, before });
  }
  return out;
}

type Pair = [number | string, number | string];

interface TotalsRow extends DayCounts {
  n: number;
  channelId: number;
  /** Rollup rows in the window; the sums are null when 0. */
  rows: number;
  /** The days' languages, comma-joined (with repeats); null when no post in the window has one. */
  langs: string | null;
  /** {day number since 1970-01-01, followers}: the window's first and last observations. */
  first: Pair | null;
  last: Pair | null;
  beforeDay: string | null;
  beforeFollowers: number | null;
  rateSum: number;
  rateWeight: number;
}

/*
 * The channel-level inputs of the account metrics, each as SQL for one channel, so that the batch reads below and
 * a one-channel statement (the API's channel page) compute them the same way.
 */

/** A row source (for LATERAL): `posts` up to day `to` and the `first` day with a post, of `channel` (SQL). */
export const postHistorySql = (channel: string, to: string) =>
  `SELECT coalesce(sum(d.posts), 0)::bigint AS posts, min(d.day) AS first FROM channel_daily d
   WHERE d.channel_id = ${channel} AND d.day <= ${to} AND d.posts > 0`;

/** A scalar: distinct platforms of the channels of `actor` (SQL) in the registry. */
export const actorPlatformsSql = (actor: string) =>
  `(SELECT count(DISTINCT x.platform)::int FROM channels x WHERE x.actor_id = ${actor})`;

/**
 * A scalar: mutual follows of `channel` (SQL) with registry channels. NULL when the channel has no observed
 * follow edge at all (no data, not 0): follow lists are not collected yet.
 */
export const mutualFollowsSql = (channel: string) =>
  `(SELECT CASE WHEN count(*) > 0 THEN
       count(*) FILTER (WHERE g.source_channel_id IS NOT NULL AND t.actor_id IS NOT NULL)::int END
    FROM follows f JOIN channels t ON t.id = f.target_channel_id
    LEFT JOIN follows g ON g.source_channel_id = f.target_channel_id AND g.target_channel_id = f.source_channel_id
    WHERE f.source_channel_id = ${channel})`;

/** Posts up to `to` and the first day with a post, per channel (for production). */
export async function postHistory(
  db: Queryable,
  channelIds: readonly number[],
  to: string,
): Promise<Map<number, { posts: number; firstDay: string | null }>> {
  const rows = await db.query<{ id: number; posts: number; firstDay: string | null }>(
    `SELECT c.id, h.posts, h.first AS "firstDay"
     FROM unnest($1::bigint[]) AS c(id) CROSS JOIN LATERAL (${postHistorySql('c.id', '$2::date')}) h`,
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
    `SELECT a.id, ${actorPlatformsSql('a.id')} AS n FROM unnest($1::bigint[]) AS a(id)`,
    [[...new Set(actorIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Mutual follows of each channel with other registry channels; a channel without follow data is absent. */
export async function mutualFollows(
  db: Queryable,
  channelIds: readonly number[],
): Promise<Map<number, number>> {
  if (!channelIds.length) return new Map();
  const rows = await db.query<{ id: number; n: number | null }>(
    `SELECT c.id, ${mutualFollowsSql('c.id')} AS n FROM unnest($1::bigint[]) AS c(id)`,
    [[...channelIds]],
  );
  return new Map(rows.flatMap((r) => (r.n === null ? [] : [[r.id, r.n] as const])));
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
