import type { Queryable } from '../../db/database.js';
import { actorPlatformsSql, mutualFollowsSql, postHistorySql } from '../../analytics/metrics/query.js';
import { PENDING_ROLLUPS, readFolded } from './fold.js';
import { decoratedPageJson, fromJsonRows, type PostRow, type RawPost } from './posts.js';

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
  /**
   * The channel-level inputs of its account metrics, as src/analytics/metrics/query.ts reads them for one channel
   * (`actorPlatforms`, `mutualFollows`, `postHistory` up to `end`): the ChannelExtras of metricsFromTotals.
   */
  extras: {
    actorPlatforms: number | null;
    mutualFollows: number | null;
    history: { posts: number; firstDay: string | null };
  };
  profile: ChannelProfile | null;
  /** The last day of the window: `to`, else the latest day with any rollup row; null on an empty database. */
  end: string | null;
  /** The channel's rollup rows of the `seriesDays` days up to `end`, in day order. */
  days: ChannelDay[];
  /** Its newest `firstPosts` posts (the first page of postPage, newest first). */
  posts: PostRow[];
}

/**
 * The channel page's first read in one statement: the channel with its actor, its latest observation, its
 * `firstPosts` newest posts (as postPage decorates them), the window's end, the channel's rollup rows of the
 * `seriesDays` days up to it, and the channel-level inputs of its
 * account metrics (src/analytics/metrics/query.ts's SQL for one channel; a test checks that the page's metrics
 * are those of scopeMetrics). Reads channel_daily, so pending rollup differences are folded first when any
 * exist (src/api/queries/fold.ts). null when there is no such channel.
 */
export async function channelOverview(
  db: Queryable,
  id: number,
  to: string | undefined,
  seriesDays: number,
  firstPosts: number,
): Promise<ChannelOverview | null> {
  type Row = Omit<ChannelRow, 'actor'> & {
    actorId: number | null;
    actorName: string | null;
    actorKind: string | null;
    sendingCountry: string | null;
    hostCountry: string | null;
    actorPlatforms: number | null;
    mutualFollows: number | null;
    historyPosts: number;
    historyFirstDay: string | null;
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
    posts: (RawPost & { rank: number | null })[];
    pendingRollups: boolean;
  };
  const [row] = await readFolded(db, () =>
    db.query<Row>(
      `WITH e AS (SELECT coalesce($2::date, (SELECT max(day) FROM channel_daily)) AS day)
       SELECT c.id, c.platform, c.handle, c.platform_user_id AS "platformUserId", c.url, c.display_name AS "displayName",
         c.link_source AS "linkSource", c.first_seen AS "firstSeen", c.removed_on AS "removedOn",
         a.id AS "actorId", a.name AS "actorName", a.kind AS "actorKind",
         a.sending_country AS "sendingCountry", a.host_country AS "hostCountry",
         -- the channel-level metric inputs, as src/analytics/metrics/query.ts computes them
         CASE WHEN c.actor_id IS NOT NULL THEN ${actorPlatformsSql('c.actor_id')} END AS "actorPlatforms",
         ${mutualFollowsSql('c.id')} AS "mutualFollows",
         -- postHistory: posts up to the window's end and the first day with one
         h.posts AS "historyPosts", h.first AS "historyFirstDay",
         s.observed_at AS "observedAt", s.followers, s.following, s.post_count AS "postCount",
         s.display_name AS "profileName", s.bio, s.location, s.avatar_url AS "avatarUrl", s.verified,
         e.day AS "end",
         coalesce((SELECT json_agg(json_build_object('day', d.day, 'posts', d.posts, 'originals', d.originals,
             'replies', d.replies, 'quotes', d.quotes, 'reposts', d.reposts, 'measuredPosts', d.measured_posts,
             'interactions', d.interactions, 'followers', d.followers) ORDER BY d.day)
           FROM channel_daily d
           WHERE d.channel_id = c.id AND d.day > e.day - $3::int AND d.day <= e.day), '[]'::json) AS days,
         ${decoratedPageJson(
           `SELECT q.id, q.published_at, NULL::numeric AS rank FROM posts q WHERE q.channel_id = $1
            ORDER BY q.published_at DESC, q.id DESC LIMIT ${Number(firstPosts)}`,
         )} AS posts,
         ${PENDING_ROLLUPS}
       FROM channels c CROSS JOIN e
       LEFT JOIN actors a ON a.id = c.actor_id
       CROSS JOIN LATERAL (${postHistorySql('c.id', 'e.day')}) h
       LEFT JOIN LATERAL (
         SELECT * FROM channel_snapshots x WHERE x.channel_id = c.id ORDER BY x.observed_at DESC LIMIT 1) s ON true
       WHERE c.id = $1`,
      [id, to ?? null, seriesDays],
      { prepared: true }, // a large statement on every channel page: planned once per connection, not per request
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
    extras: {
      actorPlatforms: row.actorPlatforms,
      mutualFollows: row.mutualFollows,
      history: { posts: row.historyPosts, firstDay: row.historyFirstDay },
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
    posts: fromJsonRows(row.posts),
  };
}
