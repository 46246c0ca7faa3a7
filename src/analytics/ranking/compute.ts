import { ratio, type ChannelMetrics } from '../metrics/compute.js';

/** Ranking indicators, in the order they are printed (docs/methodology.md, "Ranking"). */
export const INDICATORS = [
  'reach',
  'activity',
  'engagement',
  'responsiveness',
  'growth',
  'breadth',
  'languages',
  'connectedness',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export type Indicators = Record<Indicator, number | null>;

export interface Coverage {
  /** Channels in scope. */
  channels: number;
  /** Channels with at least one post in the window. */
  withPosts: number;
  /** Channels with a follower observation at or before the window's end. */
  withFollowers: number;
  /** Own posts with known interactions in the window. */
  measuredPosts: number;
}

/**
 * Indicators of a group of channels (a country, a mission) or of one channel. `breadth` is the number of
 * channels that posted in the window for a group, and the number of platforms of its actor for one channel.
 */
export function indicatorsOf(
  members: readonly ChannelMetrics[],
  level: 'group' | 'channel',
): { indicators: Indicators; coverage: Coverage } {
  const sum = (list: readonly ChannelMetrics[], f: (m: ChannelMetrics) => number) =>
    list.reduce((n, m) => n + f(m), 0);
  const days = members[0]?.window.days ?? 1;
  const withFollowers = members.filter((m) => m.followers !== null);
  const growing = members.filter(
    (m) => m.followerGrowth !== null && m.followersStart !== null && m.followersStart > 0,
  );
  const connected = members.filter((m) => m.reciprocity !== null);
  const one = members.length === 1 ? members[0]! : null;
  return {
    indicators: {
      reach: withFollowers.length ? sum(withFollowers, (m) => m.followers!) : null,
      activity: sum(members, (m) => m.posts) / days,
      engagement: ratio(
        sum(members, (m) => m.rateSum),
        sum(members, (m) => m.rateWeight),
      ),
      responsiveness: ratio(
        sum(members, (m) => m.replies),
        sum(members, (m) => m.originals),
      ),
      growth: growing.length
        ? ratio(
            sum(growing, (m) => m.followerGrowth!),
            sum(growing, (m) => m.followersStart!),
          )
        : null,
      breadth:
        level === 'channel' ? (one?.platformBreadth ?? null) : members.filter((m) => m.posts > 0).length,
      languages: new Set(members.flatMap((m) => m.languages)).size,
      connectedness: connected.length ? sum(connected, (m) => m.reciprocity!) : null,
    },
    coverage: {
      channels: members.length,
      withPosts: members.filter((m) => m.posts > 0).length,
      withFollowers: withFollowers.length,
      measuredPosts: sum(members, (m) => m.measuredPosts),
    },
  };
}

/**
 * Percentile rank in [0, 100] of each known value among the known values: 100 × (below + (equal − 1) / 2) /
 * (n − 1), so ties share the mid rank; a single known value gets 100. Ranks are taken of log1p(value), which
 * gives the same ranks as the value itself (log1p is increasing); unknown stays unknown.
 */
export function percentileRanks(values: readonly (number | null)[]): (number | null)[] {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = known.length;
  return values.map((v) => {
    if (v === null) return null;
    if (n === 1) return 100;
    let below = 0;
    while (below < n && known[below]! < v) below++;
    let equal = 0;
    while (below + equal < n && known[below + equal] === v) equal++;
    return (100 * (below + (equal - 1) / 2)) / (n - 1);
  });
}

export type Weights = Record<Indicator, number>;

export interface EntityInput {
  /** Stable key: ties and order are broken by it (country code, platform:handle, actor key). */
  key: string;
  label: string;
  indicators: Indicators;
  coverage: Coverage;
}

export interface RankedEntity extends EntityInput {
  /** 0–100; null when none of the weighted indicators is known. */
  score: number | null;
  rank: number | null;
  /** Percentile rank of each indicator (null when unknown or excluded). */
  normalised: Indicators;
  /** Points each indicator adds to the score: weight × percentile ÷ the weights of the known indicators. */
  contributions: Indicators;
  /** Indicators left out for this entity (unknown value); the others' weights were re-scaled. */
  missing: Indicator[];
  notes: string[];
}

export interface Scored {
  rows: RankedEntity[];
  /** Indicators left out for everyone (no data anywhere, or weight 0). */
  excluded: Indicator[];
  notes: string[];
}

/** Normalises, weighs and ranks entities; the result does not depend on the input order. */
export function scoreEntities(input: readonly EntityInput[], weights: Weights, noun = 'entity'): Scored {
  const entities = [...input].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const notes: string[] = [];
  const excluded: Indicator[] = [];
  const normal = new Map<Indicator, (number | null)[]>();
  for (const ind of INDICATORS) {
    const values = entities.map((e) => e.indicators[ind]);
    if (!(weights[ind] > 0)) {
      excluded.push(ind);
      continue;
    }
    if (values.every((v) => v === null)) {
      excluded.push(ind);
      notes.push(`${ind}: no data for any ${noun}; left out and the other weights re-scaled`);
      continue;
    }
    normal.set(ind, percentileRanks(values));
  }
  const rows = entities.map((e, i): RankedEntity => {
    const normalised = Object.fromEntries(
      INDICATORS.map((ind) => [ind, normal.get(ind)?.[i] ?? null]),
    ) as Indicators;
    const used = INDICATORS.filter((ind) => normalised[ind] !== null);
    const missing = INDICATORS.filter((ind) => normal.has(ind) && normalised[ind] === null);
    const total = used.reduce((n, ind) => n + weights[ind], 0);
    const contributions = Object.fromEntries(
      INDICATORS.map((ind) => [
        ind,
        normalised[ind] === null || total === 0 ? null : (weights[ind] * normalised[ind]) / total,
      ]),
    ) as Indicators;
    const score = total === 0 ? null : used.reduce((n, ind) => n + contributions[ind]!, 0);
    const rowNotes = missing.length
      ? [`${missing.join(', ')} unknown: left out, weights re-scaled over ${used.length} indicators`]
      : [];
    return { ...e, score, rank: null, normalised, contributions, missing, notes: rowNotes };
  });
  // Highest score first; equal scores in key order, so every rank is unique and reproducible.
  const ranked = rows
    .filter((r) => r.score !== null)
    .sort((a, b) => b.score! - a.score! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  ranked.forEach((r, i) => (r.rank = i + 1));
  const unranked = rows.filter((r) => r.score === null);
  return { rows: [...ranked, ...unranked], excluded, notes };
}

/** Places gained since the previous window (positive = up); null when not ranked in both. */
export function rankChange(rank: number | null, previous: number | null | undefined): number | null {
  return rank === null || previous === null || previous === undefined ? null : previous - rank;
}
