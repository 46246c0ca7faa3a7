import type { ScopedChannel } from '../../analytics/metrics/query.js';
import type { Queryable } from '../../db/database.js';
import { PENDING_ROLLUPS, readFolded } from './fold.js';

export interface ChannelRow {
  id: number;
  platform: string;
  handle: string | null;
  platformUserId: string | null;
  url: string | null;
  displayName: string | null;
  linkSource: string | null;
  firstSeen: string;
  removedOn: string | null;
  actor: {
    id: number;
    name: string;
    kind: string;
    sendingCountry: string;
    hostCountry: string | null;
  } | null;
}

export async function channelExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM channels WHERE id = $1', [id])).length > 0;
}

/** The latest observation of the account (profile and counters). */
export interface ChannelProfile {
  observedAt: Date;
  followers: number | null;
  following: number | null;
  postCount: number | null;
  displayName: string | null;
  bio: string | null;
  location: string | null;
  avatarUrl: string | null;
  verified: boolean | null;
}

/** One rollup day of a channel, as the channel page shows it. */
export interface ChannelDay {
  day: string;
  posts: number;
  originals: number;
  replies: number;
  quotes: number;
  reposts: number;
  measuredPosts: number;
  interactions: number;
  followers: number | null;
}

/** What the channel page reads in its first statement (channelOverview). */
export interface ChannelOverview {
  channel: ChannelRow;
  /** The channel as the account metrics take it (src/analytics/metrics/query.ts, `scopedChannels`). */
  scoped: ScopedChannel;
  profile: ChannelProfile | null;
  /** The last day of the window: `to`, else the latest day with any rollup row; null on an empty database. */
  end: string | null;
  /** The channel's rollup rows of the `seriesDays` days up to `end`, in day order. */
  days: ChannelDay[];
}

/**
 * The channel page's first read in one statement: the channel with its actor (and the parent actor the metrics
 * count a person's channel for), its latest observation, the window's end and the channel's rollup rows of the
 * `seriesDays` days up to it. Reads channel_daily, so pending rollup differences are folded first when any
 * exist (src/api/queries/fold.ts). null when there is no such channel.
 */
export async function channelOverview(
  db: Queryable,
  id: number,
  to: string | undefined,
  seriesDays: number,
): Promise<ChannelOverview | null> {
  type Row = Omit<ScopedChannel, 'id' | 'platform' | 'handle' | 'actorId'> &
    Omit<ChannelRow, 'actor'> & {
      actorId: number | null;
      observedAt: Date | null;
      followers: number | null;
      following: number | null;
      postCount: number | null;
      profileName: string | null;
      bio: string | null;
      location: string | null;
      avatarUrl: string | null;
      verified: boolean | null;
      end: string | null;
      days: ChannelDay[];
      pendingRollups: boolean;
    };
  const [row] = await readFolded(db, () =>
    db.query<Row>(
      `WITH e AS (SELECT coalesce($2::date, (SELECT max(day) FROM channel_daily)) AS day)
       SELECT c.id, c.platform, c.handle, c.platform_user_id AS "platformUserId", c.url, c.display_name AS "displayName",
         c.link_source AS "linkSource", c.first_seen AS "firstSeen", c.removed_on AS "removedOn",
         a.id AS "actorId", a.name AS "actorName", a.kind AS "actorKind", a.parent_actor_id AS "parentActorId",
         a.sending_country AS "sendingCountry", a.host_country AS "hostCountry",
         CASE WHEN a.kind = 'person' AND pa.id IS NOT NULL AND pa.host_country IS NOT DISTINCT FROM a.host_country
           THEN pa.actor_key ELSE a.actor_key END AS "missionKey",
         CASE WHEN a.kind = 'person' AND pa.id IS NOT NULL AND pa.host_country IS NOT DISTINCT FROM a.host_country
           THEN pa.name ELSE a.name END AS "missionName",
         s.observed_at AS "observedAt", s.followers, s.following, s.post_count AS "postCount",
         s.display_name AS "profileName", s.bio, s.location, s.avatar_url AS "avatarUrl", s.verified,
         e.day AS "end",
         coalesce((SELECT json_agg(json_build_object('day', d.day, 'posts', d.posts, 'originals', d.originals,
             'replies', d.replies, 'quotes', d.quotes, 'reposts', d.reposts, 'measuredPosts', d.measured_posts,
             'interactions', d.interactions, 'followers', d.followers) ORDER BY d.day)
           FROM channel_daily d
           WHERE d.channel_id = c.id AND d.day > e.day - $3::int AND d.day <= e.day), '[]'::json) AS days,
         ${PENDING_ROLLUPS}
       FROM channels c CROSS JOIN e
       LEFT JOIN actors a ON a.id = c.actor_id LEFT JOIN actors pa ON pa.id = a.parent_actor_id
       LEFT JOIN LATERAL (
         SELECT * FROM channel_snapshots x WHERE x.channel_id = c.id ORDER BY x.observed_at DESC LIMIT 1) s ON true
       WHERE c.id = $1`,
      [id, to ?? null, seriesDays],
    ),
  );
  if (!row) return null;
  const channel: ChannelRow = {
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    platformUserId: row.platformUserId,
    url: row.url,
    displayName: row.displayName,
    linkSource: row.linkSource,
    firstSeen: row.firstSeen,
    removedOn: row.removedOn,
    actor:
      row.actorId === null
        ? null
        : {
            id: row.actorId,
            name: row.actorName ?? '',
            kind: row.actorKind ?? 'other',
            sendingCountry: row.sendingCountry ?? '',
            hostCountry: row.hostCountry,
          },
  };
  return {
    channel,
    scoped: {
      id: row.id,
      platform: row.platform,
      handle: row.handle,
      actorId: row.actorId,
      actorName: row.actorName,
      actorKind: row.actorKind,
      parentActorId: row.parentActorId,
      sendingCountry: row.sendingCountry,
      hostCountry: row.hostCountry,
      missionKey: row.missionKey,
      missionName: row.missionName,
    },
    profile:
      row.observedAt === null
        ? null
        : {
            observedAt: row.observedAt,
            followers: row.followers,
            following: row.following,
            postCount: row.postCount,
            displayName: row.profileName,
            bio: row.bio,
            location: row.location,
            avatarUrl: row.avatarUrl,
            verified: row.verified,
          },
    end: row.end,
    days: row.days,
  };
}
