import { describe, expect, it } from 'vitest';
import {
  followerJump,
  interactionsOf,
  isStar,
  scorePosts,
  sortedMedian,
  type ScorablePost,
} from './compute.js';

const at = (h: number) => new Date(Date.UTC(2026, 2, 1) + h * 3_600_000);
const post = (
  id: number,
  h: number,
  interactions: number | null,
  kind: ScorablePost['kind'] = 'original',
) => ({
  id,
  platformPostId: String(1000 + id),
  kind,
  publishedAt: at(h),
  interactions,
});

describe('interactions and medians', () => {
  it('sums the counters an observation gives, unknown when it gives none', () => {
    expect(interactionsOf({ likes: 3, reposts: null, replies: 2, quotes: 0 })).toBe(5);
    expect(interactionsOf({ likes: null, reposts: null, replies: null, quotes: null })).toBeNull();
  });
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(sortedMedian([1, 2, 9])).toBe(2);
    expect(sortedMedian([1, 2, 4, 9])).toBe(3);
    expect(sortedMedian([])).toBeNull();
  });
});

describe('scorePosts', () => {
  it('scores each post against the median of the previous posts of the same kind', () => {
    const scores = scorePosts([
      post(4, 4, 40), // ratio 40 / median(10, 20, 30) = 2
      post(2, 2, 20),
      post(1, 1, 10),
      post(3, 3, 30),
      post(5, 5, 7, 'reply'), // first reply: no baseline
      post(6, 6, null), // unknown: not scored, not in the baseline
      post(7, 7, 100), // 100 / median(10, 20, 30, 40) = 100 / 25
    ]);
    expect(scores.map((s) => [s.postId, s.baselinePosts, s.baselineMedian, s.ratio])).toEqual([
      [1, 0, null, null],
      [2, 1, 10, 2],
      [3, 2, 15, 2],
      [4, 3, 20, 2],
      [5, 0, null, null],
      [7, 4, 25, 4],
    ]);
  });

  it('keeps only the previous 100 posts, breaks equal times by post id, and floors the median at 1', () => {
    const many = Array.from({ length: 101 }, (_, i) => post(i + 1, i, i < 1 ? 1000 : 2));
    many.push(post(200, 200, 10));
    const last = scorePosts(many).at(-1)!;
    // The 1,000 of the first post has left the window of 100: median 2.
    expect([last.baselinePosts, last.baselineMedian, last.ratio]).toEqual([100, 2, 5]);
    const zero = scorePosts([post(1, 1, 0), post(2, 1, 0), post(3, 2, 3)]).at(-1)!;
    expect([zero.baselineMedian, zero.ratio]).toEqual([0, 3]);
    const tied = scorePosts([post(2, 1, 5), post(1, 1, 9)]);
    expect(tied.map((s) => s.postId)).toEqual([1, 2]); // '1001' before '1002'
  });

  it('flags stars above the threshold with enough previous posts', () => {
    const rule = { threshold: 3, minBaseline: 10, minInteractions: 10 };
    expect(isStar({ ratio: 3, baselinePosts: 10, interactions: 10 }, rule)).toBe(true);
    expect(isStar({ ratio: 2.99, baselinePosts: 50, interactions: 100 }, rule)).toBe(false);
    expect(isStar({ ratio: 9, baselinePosts: 9, interactions: 100 }, rule)).toBe(false);
    expect(isStar({ ratio: 3, baselinePosts: 50, interactions: 9 }, rule)).toBe(false); // 3 vs a median of 1
    expect(isStar({ ratio: null, baselinePosts: 0, interactions: 100 }, rule)).toBe(false);
  });
});

describe('followerJump', () => {
  it('compares the 48 h after the post with the usual 48 h change', () => {
    // Steady +10 a day for 20 days, then +500 between the day before the post and the day after.
    const points = Array.from({ length: 20 }, (_, d) => ({
      at: at(d * 24 - 19 * 24),
      followers: 1000 + 10 * d,
    }));
    points.push({ at: at(26), followers: 1690 }); // 26 h after the post (at hour 2)
    const j = followerJump(at(2), points);
    expect(j.before).toEqual({ at: at(0), followers: 1190 });
    expect(j.after).toEqual({ at: at(26), followers: 1690 });
    expect(j.change48h).toBeCloseTo((500 * 48) / 26, 9);
    expect(j.usual48h).toBeCloseTo(20, 9); // 190 over 19 days
    expect(j.excess).toBeCloseTo((500 * 48) / 26 - 20, 9);
  });

  it('is unknown without observations around the post', () => {
    const j = followerJump(at(100), [{ at: at(0), followers: 5 }]);
    expect(j).toEqual({ before: null, after: null, change48h: null, usual48h: null, excess: null });
  });
});
