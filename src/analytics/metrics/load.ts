import type { Queryable } from '../../db/database.js';
import { foldPendingRollups } from '../../ingest/rollup-fold.js';
import type { Window } from '../window.js';
import { EMPTY_TOTALS, metricsFromTotals, type ChannelMetrics } from './compute.js';
import {
  actorPlatforms,
  mutualFollows,
  postHistory,
  scopedChannels,
  windowTotals,
  type ChannelScope,
  type ScopedChannel,
} from './query.js';

export interface ChannelWithMetrics {
  channel: ScopedChannel;
  metrics: ChannelMetrics;
}

/**
 * Metrics over each of `windows` for every channel of a scope, one list per window in the order given (a
 * channel without rows in a window has zero posts and unknown ratios). The database sums each channel's
 * rollup per window in one query; the channel-level inputs (platforms, follows) are read once for all
 * windows. `channels`: the scope's channels when the caller already has them. Reads channel_daily (after
 * folding the import's pending differences into it), channel_snapshots, channels, actors and follows only.
 */
export async function scopeMetricsOver(
  db: Queryable,
  scope: ChannelScope,
  windows: readonly Window[],
  opts: { history?: boolean; channels?: ScopedChannel[] } = {},
): Promise<ChannelWithMetrics[][]> {
  await foldPendingRollups(db); // every committed import batch counted
  const channels = opts.channels ?? (await scopedChannels(db, scope));
  if (!channels.length) return windows.map(() => []);
  const ids = channels.map((c) => c.id);
  const [totals, platforms, follows, histories] = await Promise.all([
    windowTotals(db, scope, windows),
    actorPlatforms(
      db,
      channels.flatMap((c) => (c.actorId === null ? [] : [c.actorId])),
    ),
    mutualFollows(db, ids),
    opts.history ? Promise.all(windows.map((w) => postHistory(db, ids, w.to))) : Promise.resolve(null),
  ]);
  return windows.map((window, i) =>
    channels.map((channel) => {
      const t = totals[i]!.get(channel.id);
      const history = histories?.[i] ?? null;
      return {
        channel,
        metrics: metricsFromTotals(window, t?.totals ?? EMPTY_TOTALS, t?.before ?? null, {
          history: history ? (history.get(channel.id) ?? { posts: 0, firstDay: null }) : null,
          actorPlatforms: channel.actorId === null ? null : (platforms.get(channel.actorId) ?? null),
          mutualFollows: follows.get(channel.id) ?? null,
        }),
      };
    }),
  );
}

/** Metrics over one window for every channel of a scope (see scopeMetricsOver). */
export async function scopeMetrics(
  db: Queryable,
  scope: ChannelScope,
  window: Window,
  opts: { history?: boolean; channels?: ScopedChannel[] } = {},
): Promise<ChannelWithMetrics[]> {
  return (await scopeMetricsOver(db, scope, [window], opts))[0]!;
}
