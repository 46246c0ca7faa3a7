import type { Queryable } from '../../db/database.js';
import type { Window } from '../window.js';
import { channelMetrics, type ChannelMetrics } from './compute.js';
import {
  actorPlatforms,
  followersBefore,
  mutualFollows,
  postHistory,
  scopedChannels,
  windowDays,
  type ChannelScope,
  type ScopedChannel,
} from './query.js';

export interface ChannelWithMetrics {
  channel: ScopedChannel;
  metrics: ChannelMetrics;
}

/**
 * Metrics over one window for every channel of a scope (a channel without rows in the window has zero posts
 * and unknown ratios). Reads channel_daily, channel_snapshots, channels, actors and follows only.
 */
export async function scopeMetrics(
  db: Queryable,
  scope: ChannelScope,
  window: Window,
  opts: { history?: boolean } = {},
): Promise<ChannelWithMetrics[]> {
  const channels = await scopedChannels(db, scope);
  if (!channels.length) return [];
  const ids = channels.map((c) => c.id);
  const [days, before, platforms, follows, history] = await Promise.all([
    windowDays(db, scope, window),
    followersBefore(db, scope, window),
    actorPlatforms(
      db,
      channels.flatMap((c) => (c.actorId === null ? [] : [c.actorId])),
    ),
    mutualFollows(db, ids),
    opts.history ? postHistory(db, ids, window.to) : Promise.resolve(null),
  ]);
  return channels.map((channel) => ({
    channel,
    metrics: channelMetrics({
      window,
      days: days.get(channel.id) ?? [],
      before: before.get(channel.id) ?? null,
      history: history ? (history.get(channel.id) ?? { posts: 0, firstDay: null }) : null,
      actorPlatforms: channel.actorId === null ? null : (platforms.get(channel.actorId) ?? null),
      mutualFollows: follows.get(channel.id) ?? null,
    }),
  }));
}
