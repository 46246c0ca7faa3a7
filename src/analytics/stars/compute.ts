/** Star posts: over-performance against the account's own recent posts (docs/methodology.md, "Star posts"). */

export const BASELINE_SIZE = 100;
export const DEFAULT_THRESHOLD = 3;
export const DEFAULT_MIN_BASELINE = 10;
/** Below this many interactions a post is not a star: with a median of 1, 3 interactions would be "3×". */
export const DEFAULT_MIN_INTERACTIONS = 10;
const HOUR_MS = 3_600_000;
export const JUMP_HOURS = 48;
export const USUAL_DAYS = 30;

export type ScoredKind = 'original' | 'reply' | 'quote';

export interface ScorablePost {
  id: number;
  platformPostId: string;
  kind: ScoredKind;
  publishedAt: Date;
  /** Likes + reposts + replies + quotes of the latest observation (those it gives); null when none is given. */
  interactions: number | null;
}

export interface PostScore {
  postId: number;
  kind: ScoredKind;
  publishedAt: Date;
  interactions: number;
  /** How many previous posts of the same kind (at most 100) the median is taken over. */
  baselinePosts: number;
  baselineMedian: number | null;
  /** interactions ÷ max(median, 1); null without previous posts. */
  ratio: number | null;
}

/** Interactions of one observation: the sum of the counters it gives, or null when it gives none. */
export function interactionsOf(m: {
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
}): number | null {
  const known = [m.likes, m.reposts, m.replies, m.quotes].filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/** Median of a sorted list (mean of the two middle values for an even count). */
export function sortedMedian(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function insertSorted(list: number[], v: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, v);
}

function removeSorted(list: number[], v: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 1);
}

/**
 * Scores one account's posts: each post with known interactions against the median of the previous 100
 * posts of the same kind with known interactions (in publication order, ties by platform post id). Posts
 * with unknown interactions are neither scored nor part of a baseline.
 */
export function scorePosts(posts: readonly ScorablePost[]): PostScore[] {
  const ordered = posts
    .filter((p): p is ScorablePost & { interactions: number } => p.interactions !== null)
    .sort(
      (a, b) =>
        a.publishedAt.getTime() - b.publishedAt.getTime() ||
        (a.platformPostId < b.platformPostId ? -1 : a.platformPostId > b.platformPostId ? 1 : 0),
    );
  const recent = new Map<ScoredKind, { queue: number[]; sorted: number[] }>();
  const out: PostScore[] = [];
  for (const p of ordered) {
    let base = recent.get(p.kind);
    if (!base) recent.set(p.kind, (base = { queue: [], sorted: [] }));
    const median = sortedMedian(base.sorted);
    out.push({
      postId: p.id,
      kind: p.kind,
      publishedAt: p.publishedAt,
      interactions: p.interactions,
      baselinePosts: base.queue.length,
      baselineMedian: median,
      ratio: median === null ? null : p.interactions / Math.max(median, 1),
    });
    base.queue.push(p.interactions);
    insertSorted(base.sorted, p.interactions);
    if (base.queue.length > BASELINE_SIZE) removeSorted(base.sorted, base.queue.shift()!);
  }
  return out;
}

export interface StarRule {
  threshold: number;
  minBaseline: number;
  minInteractions: number;
}

export const isStar = (s: Pick<PostScore, 'ratio' | 'baselinePosts' | 'interactions'>, rule: StarRule) =>
  s.ratio !== null &&
  s.ratio >= rule.threshold &&
  s.baselinePosts >= rule.minBaseline &&
  s.interactions >= rule.minInteractions;

export interface FollowerPoint {
  at: Date;
  followers: number;
}

export interface FollowerJump {
  /** Observations around the post: the last at or before it (within 48 h) and the last within 48 h after it. */
  before: FollowerPoint | null;
  after: FollowerPoint | null;
  /** Follower change between them, scaled to 48 h. */
  change48h: number | null;
  /** The account's usual 48 h change: its trend over the 30 days before the post, scaled to 48 h. */
  usual48h: number | null;
  /** change48h − usual48h: followers the post may have brought beyond the usual growth. */
  excess: number | null;
}

/** Follower-jump attribution of one post from the account's follower observations (any order). */
export function followerJump(publishedAt: Date, points: readonly FollowerPoint[]): FollowerJump {
  const t = publishedAt.getTime();
  const span = JUMP_HOURS * HOUR_MS;
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const before = sorted.filter((p) => p.at.getTime() <= t && p.at.getTime() >= t - span).at(-1) ?? null;
  const after = sorted.filter((p) => p.at.getTime() > t && p.at.getTime() <= t + span).at(-1) ?? null;
  const per48 = (a: FollowerPoint, b: FollowerPoint) =>
    ((b.followers - a.followers) * span) / (b.at.getTime() - a.at.getTime());
  const change48h = before && after ? per48(before, after) : null;
  const first = before
    ? sorted.find((p) => p.at.getTime() >= t - USUAL_DAYS * 24 * HOUR_MS && p.at < before.at)
    : undefined;
  const usual48h =
    before && first && before.at.getTime() - first.at.getTime() >= span ? per48(first, before) : null;
  return {
    before,
    after,
    change48h,
    usual48h,
    excess: change48h === null || usual48h === null ? null : change48h - usual48h,
  };
}
