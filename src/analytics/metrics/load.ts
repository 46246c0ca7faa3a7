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
  windowObservations,
  type ChannelScope,
  type ScopedChannel,
} from './query.js';

export interface ChannelWithMetrics {
  channel: ScopedChannel;
  metrics: ChannelMetrics;
}

/**
 * Metrics over one window for every channel of a scope (a channel without rows in the window has zero posts
 * and unknown ratios). `channels`: the scope's channels when the caller already has them. Reads channel_daily, channel_snapshots, channels, actors and follows only.
 */
export async function scopeMetrics(
  db: Queryable,
  scope: ChannelScope,
  window: Window,
  opts: { history?: boolean; channels?: ScopedChannel[] } = {},
): Promise<ChannelWithMetrics[]> {
  const channels = opts.channels ?? (await scopedChannels(db, scope));
  if (!channels.length) return [];
  const ids = channels.map((c) => c.id);
  const [days, observed, before, platforms, follows, history] = await Promise.all([
    windowDays(db, scope, window),
    windowObservations(db, scope, window),
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
      observed: {
        first: observed.get(channel.id)?.first ?? null,
        last: observed.get(channel.id)?.last ?? null,
      },
      history: history ? (history.get(channel.id) ?? { posts: 0, firstDay: null }) : null,
      actorPlatforms: channel.actorId === null ? null : (platforms.get(channel.actorId) ?? null),
      mutualFollows: follows.get(channel.id) ?? null,
    }),
  }));
}
