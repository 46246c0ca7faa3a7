import { daysBetween, type Window } from '../window.js';

/** One channel_daily row (see the analytics migration for the own-post columns). */
export interface DayRow {
  day: string;
  posts: number;
  originals: number;
  replies: number;
  quotes: number;
  reposts: number;
  mediaPosts: number;
  langs: readonly string[];
  measuredPosts: number;
  interactions: number;
  likesReposts: number;
  measuredOriginals: number;
  originalReposts: number;
  /** The day's last follower observation; null when none. */
  followers: number | null;
}

export interface FollowerObservation {
  day: string;
  followers: number;
}

/** What the window's metrics of one channel are computed from. */
export interface ChannelWindowInput {
  window: Window;
  /** The channel's rollup rows inside the window (any order). */
  days: readonly DayRow[];
  /** The last follower observation before the window. */
  before: FollowerObservation | null;
  /**
   * The first and last follower observations inside the window, when `days` holds only some of the window's
   * rows (the query sends days with posts, each with the follower count at posting time); derived from `days`
   * when absent.
   */
  observed?: { first: FollowerObservation | null; last: FollowerObservation | null };
  /** All posts up to the window's end and the first day with a post, for production (null: not asked). */
  history?: { posts: number; firstDay: string | null } | null;
  /** Distinct platforms of the channel's actor in the registry; null for a channel outside the registry. */
  actorPlatforms?: number | null;
  /** Mutual follows with other registry channels; null when no follow data was collected. */
  mutualFollows?: number | null;
}

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

export function channelMetrics(input: ChannelWindowInput): ChannelMetrics {
  const { window, before } = input;
  // Sorted by day so that floating-point sums do not depend on the order rows arrive in.
  const days = input.days
    .filter((d) => d.day >= window.from && d.day <= window.to)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const sum = (f: (d: DayRow) => number) => days.reduce((n, d) => n + f(d), 0);
  const posts = sum((d) => d.posts);
  const originals = sum((d) => d.originals);
  const replies = sum((d) => d.replies);
  const seen = days.filter((d) => d.followers !== null) as (DayRow & { followers: number })[];
  const first = input.observed ? input.observed.first : (seen[0] ?? null);
  const last = input.observed ? input.observed.last : (seen.at(-1) ?? null);
  const end = last ? { day: last.day, followers: last.followers } : before;
  // Growth starts from the last observation before the window, else the window's first one.
  const start = before ?? (first ? { day: first.day, followers: first.followers } : null);
  const growth = end && start && end.day !== start.day ? end.followers - start.followers : null;
  const languages = [...new Set(days.flatMap((d) => d.langs))].sort();
  const measuredPosts = sum((d) => d.measuredPosts);
  const { rateSum, rateWeight } = interactionRateSums(days, before);
  const history = input.history ?? null;
  return {
    window,
    followers: end?.followers ?? null,
    followersDay: end?.day ?? null,
    followersStart: growth === null ? null : start!.followers,
    followersStartDay: growth === null ? null : start!.day,
    followerGrowth: growth,
    followerGrowthRate: growth === null ? null : ratio(growth, start!.followers),
    posts,
    originals,
    replies,
    quotes: sum((d) => d.quotes),
    reposts: sum((d) => d.reposts),
    mediaPosts: sum((d) => d.mediaPosts),
    postsPerDay: posts / window.days,
    production:
      history && history.firstDay !== null
        ? history.posts / ((daysBetween(history.firstDay, window.to) + 1) / 7)
        : null,
    contribution: ratio(originals, posts),
    responsiveness: ratio(replies, originals),
    replyShare: ratio(replies, posts),
    effectiveness: ratio(
      sum((d) => d.originalReposts),
      sum((d) => d.measuredOriginals),
    ),
    messageEfficiency: ratio(
      sum((d) => d.likesReposts),
      measuredPosts,
    ),
    interactionRate: ratio(rateSum, rateWeight),
    mediaShare: ratio(
      sum((d) => d.mediaPosts),
      posts,
    ),
    languages,
    languageDiversity: languages.length,
    platformBreadth: input.actorPlatforms ?? null,
    reciprocity: input.mutualFollows ?? null,
    measuredPosts,
    interactions: sum((d) => d.interactions),
    rateSum,
    rateWeight,
  };
}
