import { daysBetween, type Window } from '../window.js';

/** The count columns of channel_daily (see the analytics migration for the own-post ones), as day or window sums. */
export interface DayCounts {
  posts: number;
  originals: number;
  replies: number;
  quotes: number;
  reposts: number;
  mediaPosts: number;
  measuredPosts: number;
  interactions: number;
  likesReposts: number;
  measuredOriginals: number;
  originalReposts: number;
}

/** One channel_daily row. */
export interface DayRow extends DayCounts {
  day: string;
  langs: readonly string[];
  /** The day's last follower observation; null when none. */
  followers: number | null;
}

export interface FollowerObservation {
  day: string;
  followers: number;
}

/** The channel-level inputs beside the window's rollup (none depends on the window). */
export interface ChannelExtras {
  /** All posts up to the window's end and the first day with a post, for production (null: not asked). */
  history?: { posts: number; firstDay: string | null } | null;
  /** Distinct platforms of the channel's actor in the registry; null for a channel outside the registry. */
  actorPlatforms?: number | null;
  /** Mutual follows with other registry channels; null when no follow data was collected. */
  mutualFollows?: number | null;
}

/** What the window's metrics of one channel are computed from. */
export interface ChannelWindowInput extends ChannelExtras {
  window: Window;
  /** The channel's rollup rows inside the window (any order). */
  days: readonly DayRow[];
  /** The last follower observation before the window. */
  before: FollowerObservation | null;
}

/**
 * One channel's rollup over one window, reduced to what the metrics need: the sums of the day rows, the
 * distinct languages, the first and last follower observations, and the two interaction-rate sums. The
 * database computes it per channel (metrics/query.ts, `windowTotals`); `windowTotals` below is the same
 * reduction of day rows in TypeScript.
 */
export interface WindowTotals extends DayCounts {
  /** Distinct languages of the window's posts (any order). */
  langs: readonly string[];
  /** The window's first and last follower observations. */
  first: FollowerObservation | null;
  last: FollowerObservation | null;
  /** Σ interactions_d / F_d and Σ measured_d over days with F_d > 0, summed in day order (interactionRateSums). */
  rateSum: number;
  rateWeight: number;
}

/** The totals of a window with no rollup row. */
export const EMPTY_TOTALS: WindowTotals = {
  posts: 0,
  originals: 0,
  replies: 0,
  quotes: 0,
  reposts: 0,
  mediaPosts: 0,
  measuredPosts: 0,
  interactions: 0,
  likesReposts: 0,
  measuredOriginals: 0,
  originalReposts: 0,
  langs: [],
  first: null,
  last: null,
  rateSum: 0,
  rateWeight: 0,
};

export interface ChannelMetrics {
  window: Window;
  followers: number | null;
  followersDay: string | null;
  followersStart: number | null;
  followersStartDay: string | null;
  followerGrowth: number | null;
  followerGrowthRate: number | null;
  posts: number;
  originals: number;
  replies: number;
  quotes: number;
  reposts: number;
  mediaPosts: number;
  postsPerDay: number;
  production: number | null;
  contribution: number | null;
  responsiveness: number | null;
  replyShare: number | null;
  effectiveness: number | null;
  messageEfficiency: number | null;
  interactionRate: number | null;
  mediaShare: number | null;
  languages: string[];
  languageDiversity: number;
  platformBreadth: number | null;
  reciprocity: number | null;
  measuredPosts: number;
  interactions: number;
  /** The two sums behind interactionRate, so groups of channels can be pooled. */
  rateSum: number;
  rateWeight: number;
}

/** a ÷ b, or null when b is 0 (an undefined ratio is unknown, not 0). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Follower count at posting time for each day of the window: the day's last observation, else the latest
 * one before it (carried forward). Days before any observation get null.
 */
export function followersByDay(
  days: readonly DayRow[],
  before: FollowerObservation | null,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  let carried = before?.followers ?? null;
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    if (d.followers !== null) carried = d.followers;
    out.set(d.day, carried);
  }
  return out;
}

/**
 * Interaction rate (CrowdTangle): the mean, over measured own posts, of interactions ÷ followers at posting
 * time, pooled by day: Σ_d interactions_d / F_d ÷ Σ_d measured_d, over days with F_d > 0.
 */
export function interactionRateSums(
  days: readonly DayRow[],
  before: FollowerObservation | null,
): { rateSum: number; rateWeight: number } {
  const f = followersByDay(days, before);
  let rateSum = 0;
  let rateWeight = 0;
  for (const d of days) {
    const followers = f.get(d.day) ?? null;
    if (d.measuredPosts === 0 || followers === null || followers <= 0) continue;
    rateSum += d.interactions / followers;
    rateWeight += d.measuredPosts;
  }
  return { rateSum, rateWeight };
}

/** Reduces a channel's day rows inside the window to its totals (rows outside the window are ignored). */
export function windowTotals(
  window: Window,
  rows: readonly DayRow[],
  before: FollowerObservation | null,
): WindowTotals {
  // Sorted by day so that floating-point sums do not depend on the order rows arrive in.
  const days = rows
    .filter((d) => d.day >= window.from && d.day <= window.to)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const sum = (f: (d: DayRow) => number) => days.reduce((n, d) => n + f(d), 0);
  const seen = days.filter((d) => d.followers !== null) as (DayRow & { followers: number })[];
  const observation = (d: (typeof seen)[number] | undefined) =>
    d ? { day: d.day, followers: d.followers } : null;
  return {
    posts: sum((d) => d.posts),
    originals: sum((d) => d.originals),
    replies: sum((d) => d.replies),
    quotes: sum((d) => d.quotes),
    reposts: sum((d) => d.reposts),
    mediaPosts: sum((d) => d.mediaPosts),
    measuredPosts: sum((d) => d.measuredPosts),
    interactions: sum((d) => d.interactions),
    likesReposts: sum((d) => d.likesReposts),
    measuredOriginals: sum((d) => d.measuredOriginals),
    originalReposts: sum((d) => d.originalReposts),
    langs: [...new Set(days.flatMap((d) => d.langs))],
    first: observation(seen[0]),
    last: observation(seen.at(-1)),
    ...interactionRateSums(days, before),
  };
}

/** Every metric of one channel over a window, from its totals (docs/methodology.md, "Account metrics"). */
export function metricsFromTotals(
  window: Window,
  t: WindowTotals,
  before: FollowerObservation | null,
  extras: ChannelExtras = {},
): ChannelMetrics {
  const end = t.last ?? before;
  // Growth starts from the last observation before the window, else the window's first one.
  const start = before ?? t.first;
  const growth = end && start && end.day !== start.day ? end.followers - start.followers : null;
  const languages = [...new Set(t.langs)].sort();
  const history = extras.history ?? null;
  return {
    window,
    followers: end?.followers ?? null,
    followersDay: end?.day ?? null,
    followersStart: growth === null ? null : start!.followers,
    followersStartDay: growth === null ? null : start!.day,
    followerGrowth: growth,
    followerGrowthRate: growth === null ? null : ratio(growth, start!.followers),
    posts: t.posts,
    originals: t.originals,
    replies: t.replies,
    quotes: t.quotes,
    reposts: t.reposts,
    mediaPosts: t.mediaPosts,
    postsPerDay: t.posts / window.days,
    production:
      history && history.firstDay !== null
        ? history.posts / ((daysBetween(history.firstDay, window.to) + 1) / 7)
        : null,
    contribution: ratio(t.originals, t.posts),
    responsiveness: ratio(t.replies, t.originals),
    replyShare: ratio(t.replies, t.posts),
    effectiveness: ratio(t.originalReposts, t.measuredOriginals),
    messageEfficiency: ratio(t.likesReposts, t.measuredPosts),
    interactionRate: ratio(t.rateSum, t.rateWeight),
    mediaShare: ratio(t.mediaPosts, t.posts),
    languages,
    languageDiversity: languages.length,
    platformBreadth: extras.actorPlatforms ?? null,
    reciprocity: extras.mutualFollows ?? null,
    measuredPosts: t.measuredPosts,
    interactions: t.interactions,
    rateSum: t.rateSum,
    rateWeight: t.rateWeight,
  };
}

/** Every metric of one channel over a window, from its day rows. */
export function channelMetrics(input: ChannelWindowInput): ChannelMetrics {
  const { window, before } = input;
  return metricsFromTotals(window, windowTotals(window, input.days, before), before, input);
}
