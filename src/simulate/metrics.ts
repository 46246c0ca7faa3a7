import type { Metrics, SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { Rng } from './rng.js';

/** Engagement is complete 72 hours after posting; before that a share 1 − e^(−hours/10) of it is there. */
export const GROWTH_HOURS = 72;
/** Recollections happen this long after the start of the posts' day: every post is then at least 72 h old. */
export const RECOLLECT_AFTER = 4 * DAY_MS + 2 * HOUR_MS;

export function growth(ageMs: number): number {
  const h = ageMs / HOUR_MS;
  if (h >= GROWTH_HOURS) return 1;
  if (h <= 0) return 0;
  return 1 - Math.exp(-h / 10);
}

/** The post's counters as observed at time `t` (monotone in t; equal to the final counts from 72 h on). */
export function countsAt(post: SimPost, t: number): Metrics {
  const g = growth(t - post.at);
  const f = post.final;
  return {
    likes: Math.floor(f.likes * g),
    reposts: Math.floor(f.reposts * g),
    replies: Math.floor(f.replies * g),
    quotes: Math.floor(f.quotes * g),
    views: Math.floor(f.views * g),
  };
}

export const interactions = (m: Metrics) => m.likes + m.reposts + m.replies + m.quotes;

/**
 * Splits a number of interactions into likes, reposts, replies and quotes (72/16/8/4 %, rounded so that the
 * parts add up to the total), with views about 30 per interaction.
 */
export function splitInteractions(total: number, rng: Rng): Metrics {
  const reposts = Math.round(total * 0.16);
  const replies = Math.round(total * 0.08);
  const quotes = Math.round(total * 0.04);
  const likes = Math.max(0, total - reposts - replies - quotes);
  return { likes, reposts, replies, quotes, views: Math.round(total * rng.lognormal(30, 0.3)) };
}

export const ZERO: Metrics = { likes: 0, reposts: 0, replies: 0, quotes: 0, views: 0 };

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
