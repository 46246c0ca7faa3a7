import { describe, expect, it } from 'vitest';
import { windowEnding } from '../window.js';
import { channelMetrics, followersByDay, type DayRow } from './compute.js';

const day = (d: string, v: Partial<DayRow>): DayRow => ({
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

const window = windowEnding('2026-03-10', 10); // 2026-03-01 … 2026-03-10
const days = [
  day('2026-03-05', {
    posts: 2,
    originals: 1,
    quotes: 1,
    langs: ['en'],
    measuredPosts: 2,
    interactions: 30,
    likesReposts: 20,
    measuredOriginals: 1,
    originalReposts: 5,
    followers: 1100,
  }),
  day('2026-03-02', {
    posts: 4,
    originals: 2,
    replies: 1,
    reposts: 1,
    mediaPosts: 1,
    langs: ['en', 'fr'],
    measuredPosts: 3,
    interactions: 60,
    likesReposts: 40,
    measuredOriginals: 2,
    originalReposts: 10,
  }),
  day('2026-03-09', { followers: 1200 }),
  day('2026-02-28', { posts: 5, originals: 5 }), // outside the window: ignored
];

describe('channelMetrics', () => {
  it('computes every formula of a channel with posts, by hand', () => {
    const m = channelMetrics({
      window,
      days,
      before: { day: '2026-02-25', followers: 1000 },
      history: { posts: 20, firstDay: '2026-02-08' },
      actorPlatforms: 3,
      mutualFollows: null,
    });
    expect(m).toMatchObject({
      followers: 1200,
      followersDay: '2026-03-09',
      followersStart: 1000,
      followersStartDay: '2026-02-25',
      followerGrowth: 200,
      posts: 6,
      originals: 3,
      replies: 1,
      quotes: 1,
      reposts: 1,
      mediaPosts: 1,
      languages: ['en', 'fr'],
      languageDiversity: 2,
      platformBreadth: 3,
      reciprocity: null,
      measuredPosts: 5,
      interactions: 90,
    });
    expect(m.followerGrowthRate).toBeCloseTo(0.2, 12);
    expect(m.postsPerDay).toBeCloseTo(0.6, 12);
    // 20 posts over 2026-02-08 … 2026-03-10: 31 days = 31/7 weeks.
    expect(m.production).toBeCloseTo(20 / (31 / 7), 12);
    expect(m.contribution).toBeCloseTo(3 / 6, 12);
    expect(m.responsiveness).toBeCloseTo(1 / 3, 12);
    expect(m.replyShare).toBeCloseTo(1 / 6, 12);
    expect(m.effectiveness).toBeCloseTo(15 / 3, 12);
    expect(m.messageEfficiency).toBeCloseTo(60 / 5, 12);
    expect(m.mediaShare).toBeCloseTo(1 / 6, 12);
    // 03-02: 60 interactions at 1,000 followers (carried from before the window); 03-05: 30 at 1,100; 5 posts.
    expect(m.interactionRate).toBeCloseTo((60 / 1000 + 30 / 1100) / 5, 12);
  });

  it('gives zero posts and unknown ratios for a channel with no posts (missing is not zero)', () => {
    const m = channelMetrics({ window, days: [], before: null });
    expect(m).toMatchObject({
      posts: 0,
      postsPerDay: 0,
      followers: null,
      followerGrowth: null,
      followerGrowthRate: null,
      production: null,
      contribution: null,
      responsiveness: null,
      replyShare: null,
      effectiveness: null,
      messageEfficiency: null,
      interactionRate: null,
      mediaShare: null,
      languages: [],
      languageDiversity: 0,
      platformBreadth: null,
      reciprocity: null,
    });
  });

  it('keeps the latest follower count from before the window but no growth without two observations', () => {
    const m = channelMetrics({ window, days: [], before: { day: '2026-01-01', followers: 50 } });
    expect(m).toMatchObject({ followers: 50, followersDay: '2026-01-01', followerGrowth: null });
    const one = channelMetrics({ window, days: [day('2026-03-03', { followers: 70 })], before: null });
    expect(one).toMatchObject({ followers: 70, followerGrowth: null, followerGrowthRate: null });
    const two = channelMetrics({
      window,
      days: [day('2026-03-03', { followers: 0 }), day('2026-03-06', { followers: 9 })],
      before: null,
    });
    // Growth from 0 followers is +9, its rate undefined.
    expect(two).toMatchObject({
      followerGrowth: 9,
      followerGrowthRate: null,
      followersStartDay: '2026-03-03',
    });
  });

  it('leaves interaction rate unknown when followers are unknown at posting time, and reciprocity as given', () => {
    const m = channelMetrics({
      window,
      days: [
        day('2026-03-02', { posts: 1, originals: 1, measuredPosts: 1, interactions: 10 }),
        day('2026-03-04', { followers: 100 }),
        day('2026-03-06', { posts: 1, originals: 1, measuredPosts: 1, interactions: 4 }),
      ],
      before: null,
      mutualFollows: 0,
    });
    // Only 03-06 counts: 4 / 100 over one post. Reciprocity 0 is a known zero (follow data was collected).
    expect(m.interactionRate).toBeCloseTo(0.04, 12);
    expect(m.reciprocity).toBe(0);
    expect(m.effectiveness).toBeNull(); // no original with a known repost count
  });

  it('does not depend on the order of the rows', () => {
    const a = channelMetrics({ window, days, before: { day: '2026-02-25', followers: 1000 } });
    const b = channelMetrics({
      window,
      days: [...days].reverse(),
      before: { day: '2026-02-25', followers: 1000 },
    });
    expect(b).toEqual(a);
  });

  it('carries the follower count forward day by day', () => {
    const f = followersByDay(
      [day('2026-03-03', {}), day('2026-03-01', { followers: 5 }), day('2026-03-04', { followers: 8 })],
      null,
    );
    expect([...f]).toEqual([
      ['2026-03-01', 5],
      ['2026-03-03', 5],
      ['2026-03-04', 8],
    ]);
  });
});
