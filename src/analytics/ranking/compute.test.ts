import { describe, expect, it } from 'vitest';
import { channelMetrics, type DayRow } from '../metrics/compute.js';
import { windowEnding } from '../window.js';
import {
  indicatorsOf,
  INDICATORS,
  percentileRanks,
  rankChange,
  scoreEntities,
  type EntityInput,
  type Indicators,
  type Weights,
} from './compute.js';

const window = windowEnding('2026-03-10', 10);
const row = (d: string, v: Partial<DayRow>): DayRow => ({
  day: d,
  posts: 0,
  originals: 0,
  replies: 0,
  quotes: 0,
  reposts: 0,
  mediaPosts: 0,
  langs: [],
  measuredPosts: 0,
  interactions: 0,
  likesReposts: 0,
  measuredOriginals: 0,
  originalReposts: 0,
  followers: null,
  ...v,
});
const busy = channelMetrics({
  window,
  days: [
    row('2026-03-02', {
      posts: 4,
      originals: 3,
      replies: 1,
      langs: ['en', 'fr'],
      measuredPosts: 4,
      interactions: 40,
      followers: 1000,
    }),
    row('2026-03-08', { posts: 2, originals: 2, langs: ['ja'], followers: 1200 }),
  ],
  before: { day: '2026-02-20', followers: 800 },
  actorPlatforms: 2,
});
const quiet = channelMetrics({ window, days: [], before: { day: '2026-01-05', followers: 300 } });

const none: Indicators = Object.fromEntries(INDICATORS.map((i) => [i, null])) as Indicators;
const weights = (w: Partial<Weights>): Weights =>
  ({ ...Object.fromEntries(INDICATORS.map((i) => [i, 0])), ...w }) as Weights;
const coverage = { channels: 1, withPosts: 1, withFollowers: 1, measuredPosts: 1 };
const entity = (key: string, v: Partial<Indicators>): EntityInput => ({
  key,
  label: key,
  indicators: { ...none, ...v },
  coverage,
});

describe('indicatorsOf', () => {
  it('pools a country of two channels, one without posts', () => {
    const { indicators, coverage } = indicatorsOf([busy, quiet], 'group');
    expect(indicators).toEqual({
      reach: 1500, // 1,200 + 300 (the quiet channel's last count, from before the window)
      activity: 0.6, // 6 posts over 10 days
      engagement: 40 / 1000 / 4, // 40 interactions at 1,000 followers over 4 posts
      responsiveness: 1 / 5,
      growth: 400 / 800, // only the busy channel has two observations
      breadth: 1, // channels that posted
      languages: 3,
      connectedness: null, // no follow data
    });
    expect(coverage).toEqual({ channels: 2, withPosts: 1, withFollowers: 2, measuredPosts: 4 });
  });

  it('gives a country with one channel that channel’s values, and a channel its actor’s platforms as breadth', () => {
    expect(indicatorsOf([busy], 'group').indicators.breadth).toBe(1);
    expect(indicatorsOf([busy], 'channel').indicators).toMatchObject({
      reach: 1200,
      breadth: 2,
      languages: 3,
    });
    expect(indicatorsOf([quiet], 'group').indicators).toMatchObject({
      reach: 300,
      activity: 0,
      engagement: null,
      responsiveness: null,
      growth: null,
      breadth: 0,
      languages: 0,
    });
  });
});

describe('percentileRanks', () => {
  it('ranks known values with ties at the mid rank and keeps unknowns unknown', () => {
    expect(percentileRanks([10, null, 30, 20, 20])).toEqual([0, null, 100, 50, 50]);
    expect(percentileRanks([null, 7])).toEqual([null, 100]);
    expect(percentileRanks([5, 5, 5])).toEqual([50, 50, 50]);
    expect(percentileRanks([])).toEqual([]);
  });
});

describe('scoreEntities', () => {
  const w = weights({ reach: 0.6, activity: 0.4 });

  it('weighs percentiles into a 0–100 score, re-weights a missing indicator, and ranks', () => {
    const s = scoreEntities(
      [
        entity('BB', { reach: 10, activity: 3 }),
        entity('AA', { reach: 100, activity: 1 }),
        entity('CC', { reach: null, activity: 2 }),
      ],
      w,
    );
    // reach: AA 100, BB 0; activity: AA 0, CC 50, BB 100.
    expect(s.rows.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['AA', 1, 60], // 0.6 × 100 + 0.4 × 0
      ['CC', 2, 50], // reach unknown: activity alone, 0.4 × 50 / 0.4
      ['BB', 3, 40], // 0.6 × 0 + 0.4 × 100
    ]);
    const cc = s.rows[1]!;
    expect(cc.missing).toEqual(['reach']);
    expect(cc.contributions).toMatchObject({ reach: null, activity: 50 });
    expect(cc.notes).toEqual(['reach unknown: left out, weights re-scaled over 1 indicators']);
    expect(s.rows[0]!.contributions).toMatchObject({ reach: 60, activity: 0 });
    expect(s.notes).toEqual([]);
  });

  it('leaves out an indicator nobody has, with a note, and re-scales the rest', () => {
    const s = scoreEntities(
      [entity('AA', { reach: 1 }), entity('BB', { reach: 2 })],
      weights({ reach: 0.5, connectedness: 0.5 }),
      'country',
    );
    expect(s.notes).toEqual([
      'connectedness: no data for any country; left out and the other weights re-scaled',
    ]);
    expect(s.excluded).toContain('connectedness');
    expect(s.rows.map((r) => [r.key, r.score, r.missing])).toEqual([
      ['BB', 100, []],
      ['AA', 0, []],
    ]);
  });

  it('breaks ties by key and does not depend on the input order', () => {
    const list = [
      entity('FR', { reach: 5, activity: 5 }),
      entity('DE', { reach: 5, activity: 5 }),
      entity('JP', { reach: 1, activity: 9 }),
      entity('SE', {}),
    ];
    const a = scoreEntities(list, w);
    const b = scoreEntities([...list].reverse(), w);
    expect(b).toEqual(a);
    // DE and FR tie (reach 75, activity 25 percentile → 55); SE has no known indicator: unranked, last.
    expect(a.rows.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['DE', 1, 55],
      ['FR', 2, 55],
      ['JP', 3, 40],
      ['SE', null, null],
    ]);
  });

  it('rank change is places gained since the previous window', () => {
    expect(rankChange(2, 5)).toBe(3);
    expect(rankChange(4, 1)).toBe(-3);
    expect(rankChange(1, null)).toBeNull();
    expect(rankChange(null, 2)).toBeNull();
  });
});
