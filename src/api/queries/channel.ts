import type { Queryable } from '../../db/database.js';

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

export async function channelById(db: Queryable, id: number): Promise<ChannelRow | null> {
  const [row] = await db.query<
    Omit<ChannelRow, 'actor'> & {
      actorId: number | null;
      actorName: string | null;
      actorKind: string | null;
      sendingCountry: string | null;
      hostCountry: string | null;
    }
  >(
    `SELECT c.id, c.platform, c.handle, c.platform_user_id AS "platformUserId", c.url, c.display_name AS "displayName",
       c.link_source AS "linkSource", c.first_seen AS "firstSeen", c.removed_on AS "removedOn",
       a.id AS "actorId", a.name AS "actorName", a.kind AS "actorKind", a.sending_country AS "sendingCountry",
       a.host_country AS "hostCountry"
     FROM channels c LEFT JOIN actors a ON a.id = c.actor_id WHERE c.id = $1`,
    [id],
  );
  if (!row) return null;
  const { actorId, actorName, actorKind, sendingCountry, hostCountry, ...channel } = row;
  return {
    ...channel,
    actor:
      actorId === null
        ? null
        : {
            id: actorId,
            name: actorName ?? '',
            kind: actorKind ?? 'other',
            sendingCountry: sendingCountry ?? '',
            hostCountry,
          },
  };
}

export async function channelExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM channels WHERE id = $1', [id])).length > 0;
}

/** The latest observation of the account (profile and counters). */
export async function latestSnapshot(db: Queryable, id: number) {
  const [row] = await db.query<{
    observedAt: Date;
    followers: number | null;
    following: number | null;
    postCount: number | null;
    displayName: string | null;
    bio: string | null;
    location: string | null;
    avatarUrl: string | null;
    verified: boolean | null;
  }>(
    `SELECT observed_at AS "observedAt", followers, following, post_count AS "postCount", display_name AS "displayName",
       bio, location, avatar_url AS "avatarUrl", verified
     FROM channel_snapshots WHERE channel_id = $1 ORDER BY observed_at DESC LIMIT 1`,
    [id],
  );
  return row ?? null;
}

/** The channel's rollup rows between two days: activity and the day's last follower count. */
export async function channelDays(db: Queryable, id: number, from: string, to: string) {
  return db.query<{
    day: string;
    posts: number;
    originals: number;
    replies: number;
    quotes: number;
    reposts: number;
    measuredPosts: number;
    interactions: number;
    followers: number | null;
  }>(
    `SELECT day, posts, originals, replies, quotes, reposts, measured_posts AS "measuredPosts", interactions, followers
     FROM channel_daily WHERE channel_id = $1 AND day >= $2::date AND day <= $3::date ORDER BY day`,
    [id, from, to],
  );
}
