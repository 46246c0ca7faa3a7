import type { Queryable } from '../db/database.js';
import type { CanonicalPost, PostMetrics } from '../domain/canonical.js';

/** A stored post with its latest metric observation (NULLs when it has none). */
export interface StoredMetrics {
  id: number;
  channelId: number | null;
  kind: CanonicalPost['kind'];
  publishedAt: Date;
  observedAt: Date | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  views: number | null;
}

const COUNTERS = ['likes', 'reposts', 'replies', 'quotes', 'views'] as const;
type Counter = (typeof COUNTERS)[number];

interface DayRow {
  channelId: number;
  day: string;
  posts: number;
  originals: number;
  replies: number;
  quotes: number;
  reposts: number;
  media: number;
  received: Record<Counter, number | null>;
  /** Engagement of own posts (not reposts) for the metrics; see the analytics migration. */
  langs: Set<string>;
  own: Own;
  /** The batch's last follower observation of this day and its time (ISO); the fold keeps the later one. */
  followers: number | null;
  followersAt: string | null;
}

type Counts = Partial<Record<Counter, number | null>>;
interface Own {
  measured: number;
  interactions: number;
  likesReposts: number;
  measuredOriginals: number;
  originalReposts: number;
}

/** What one post adds to the own-post columns with these counters (nothing for a repost or no counters). */
function ownOf(kind: CanonicalPost['kind'], m: Counts | null): Own {
  const o = { measured: 0, interactions: 0, likesReposts: 0, measuredOriginals: 0, originalReposts: 0 };
  if (!m || kind === 'repost') return o;
  const known = [m.likes, m.reposts, m.replies, m.quotes].filter((v): v is number => typeof v === 'number');
  if (known.length) {
    o.measured = 1;
    o.interactions = known.reduce((a, b) => a + b, 0);
    o.likesReposts = (m.likes ?? 0) + (m.reposts ?? 0);
  }
  if (kind === 'original' && typeof m.reposts === 'number') {
    o.measuredOriginals = 1;
    o.originalReposts = m.reposts;
  }
  return o;
}

const OWN_KEYS = [
  'measured',
  'interactions',
  'likesReposts',
  'measuredOriginals',
  'originalReposts',
] as const;

function addOwn(r: DayRow, now: Own, before: Own | null): void {
  for (const k of OWN_KEYS) r.own[k] += now[k] - (before?.[k] ?? 0);
}

export interface RollupInput {
  newPosts: { id: number; channelId: number | null; post: CanonicalPost }[];
  stored: StoredMetrics[];
  /** Metric observations written in this batch. */
  metrics: { postId: number; metrics: PostMetrics }[];
  snapshots: { channelId: number; observedAt: string; followers: number | null }[];
}

/**
 * Maintains `channel_daily` (channel × UTC day of publication) on ingest: the batch's differences are
 * appended to `channel_daily_pending` in its transaction, and `foldPendingRollups` adds them in (at the end of
 * the import and before any read). Each post counts once, with the counters of its most recent observation:
 * a newer observation of a stored post adds its difference to the old one. A counter the latest observation
 * does not carry adds nothing (NULL is unknown, not 0). `followers` is the day's last follower observation
 * and `followers_at` its time (each batch carries its last one; the fold keeps the later). `langs` is the set of the day's post languages; the own-post
 * engagement columns (measured_posts, interactions, likes_reposts, measured_originals, original_reposts: see
 * the analytics migration) follow the same latest-observation rule, by difference. `rebuildChannelDaily`
 * computes the same from scratch.
 */
export async function updateRollups(tx: Queryable, input: RollupInput): Promise<void> {
  const latest = new Map<number, PostMetrics>();
  for (const { postId, metrics } of input.metrics) {
    const prev = latest.get(postId);
    if (!prev || metrics.observedAt > prev.observedAt) latest.set(postId, metrics);
  }
  const rows = new Map<string, DayRow>();
  const rowOf = (channelId: number, day: string): DayRow => {
    const k = `${channelId}\u0000${day}`;
    let r = rows.get(k);
    if (!r) {
      r = {
        channelId,
        day,
        posts: 0,
        originals: 0,
        replies: 0,
        quotes: 0,
        reposts: 0,
        media: 0,
        received: { likes: null, reposts: null, replies: null, quotes: null, views: null },
        langs: new Set(),
        own: { measured: 0, interactions: 0, likesReposts: 0, measuredOriginals: 0, originalReposts: 0 },
        followers: null,
        followersAt: null,
      };
      rows.set(k, r);
    }
    return r;
  };
  const addCounters = (
    r: DayRow,
    now: PostMetrics,
    before: Partial<Record<Counter, number | null>> | null,
  ) => {
    for (const c of COUNTERS) {
      const v = now[c];
      if (v === null) continue;
      r.received[c] = (r.received[c] ?? 0) + v - (before?.[c] ?? 0);
    }
  };
  for (const { id, channelId, post } of input.newPosts) {
    if (channelId === null) continue;
    const r = rowOf(channelId, post.publishedAt.slice(0, 10));
    r.posts++;
    r[
      post.kind === 'original'
        ? 'originals'
        : post.kind === 'reply'
          ? 'replies'
          : post.kind === 'quote'
            ? 'quotes'
            : 'reposts'
    ]++;
    if (post.media.length) r.media++;
    if (post.lang) r.langs.add(post.lang);
    const m = latest.get(id);
    if (m) addCounters(r, m, null);
    addOwn(r, ownOf(post.kind, m ?? null), null);
  }
  for (const s of input.stored) {
    const m = latest.get(s.id);
    if (!m || s.channelId === null) continue;
    if (s.observedAt && s.observedAt.toISOString() >= m.observedAt) continue; // older than what is counted
    const r = rowOf(s.channelId, s.publishedAt.toISOString().slice(0, 10));
    addCounters(r, m, s.observedAt ? s : null);
    addOwn(r, ownOf(s.kind, m), s.observedAt ? ownOf(s.kind, s) : null);
  }
  for (const s of input.snapshots) {
    if (s.followers === null) continue;
    const at = new Date(s.observedAt);
    const r = rowOf(s.channelId, at.toISOString().slice(0, 10));
    if (r.followersAt === null || at.getTime() >= Date.parse(r.followersAt)) {
      r.followers = s.followers;
      r.followersAt = at.toISOString();
    }
  }
  // The batch's differences, folded into channel_daily later (rollup-fold.ts): an unindexed append.
  await tx.copyFrom(
    'channel_daily_pending',
    PENDING_COLUMNS,
    [...rows.values()].map((r) => [
      r.channelId,
      r.day,
      r.posts,
      r.originals,
      r.replies,
      r.quotes,
      r.reposts,
      r.media,
      ...COUNTERS.map((c) => r.received[c]),
      [...r.langs].sort(),
      ...OWN_KEYS.map((k) => r.own[k]),
      r.followers,
      r.followersAt,
    ]),
  );
}

/** channel_daily's count columns, in the order the batch rows below write them. */
export const KIND_COLUMNS = ['posts', 'originals', 'replies', 'quotes', 'reposts', 'media_posts'];
/** Received counters: NULL is unknown, not 0. */
export const RECEIVED_COLUMNS = COUNTERS.map((c) => `${c}_received`);
/** Own-post engagement columns (the analytics migration), in OWN_KEYS order. */
export const OWN_COLUMNS = [
  'measured_posts',
  'interactions',
  'likes_reposts',
  'measured_originals',
  'original_reposts',
];

const PENDING_COLUMNS = [
  'channel_id',
  'day',
  ...KIND_COLUMNS,
  ...RECEIVED_COLUMNS,
  'langs',
  ...OWN_COLUMNS,
  'followers',
  'followers_at',
];

/** Recomputes `channel_daily` from posts, their latest observations and snapshots (repair and tests). */
export async function rebuildChannelDaily(tx: Queryable): Promise<void> {
  await tx.exec(`
    DELETE FROM channel_daily_pending;
    DELETE FROM channel_daily;
    -- Each post with its most recent observation, grouped by channel and UTC day of publication.
    INSERT INTO channel_daily (channel_id, day, posts, originals, replies, quotes, reposts, media_posts,
      likes_received, reposts_received, replies_received, quotes_received, views_received,
      langs, measured_posts, interactions, likes_reposts, measured_originals, original_reposts)
    SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date, count(*),
      count(*) FILTER (WHERE p.kind = 'original'), count(*) FILTER (WHERE p.kind = 'reply'),
      count(*) FILTER (WHERE p.kind = 'quote'), count(*) FILTER (WHERE p.kind = 'repost'),
      count(*) FILTER (WHERE p.has_media), sum(m.likes), sum(m.reposts), sum(m.replies), sum(m.quotes), sum(m.views),
      coalesce(array_agg(DISTINCT p.lang ORDER BY p.lang) FILTER (WHERE p.lang IS NOT NULL), '{}'),
      count(*) FILTER (WHERE p.kind <> 'repost' AND num_nonnulls(m.likes, m.reposts, m.replies, m.quotes) > 0),
      coalesce(sum(coalesce(m.likes, 0) + coalesce(m.reposts, 0) + coalesce(m.replies, 0) + coalesce(m.quotes, 0))
        FILTER (WHERE p.kind <> 'repost'), 0),
      coalesce(sum(coalesce(m.likes, 0) + coalesce(m.reposts, 0)) FILTER (WHERE p.kind <> 'repost'), 0),
      count(*) FILTER (WHERE p.kind = 'original' AND m.reposts IS NOT NULL),
      coalesce(sum(m.reposts) FILTER (WHERE p.kind = 'original'), 0)
    FROM posts p
    LEFT JOIN LATERAL (SELECT * FROM post_metrics x WHERE x.post_id = p.id ORDER BY x.observed_at DESC LIMIT 1) m ON true
    WHERE p.channel_id IS NOT NULL
    GROUP BY 1, 2;
    -- The last follower count observed on each day, and when.
    INSERT INTO channel_daily (channel_id, day, followers, followers_at)
    SELECT DISTINCT ON (channel_id, (observed_at AT TIME ZONE 'UTC')::date) channel_id, (observed_at AT TIME ZONE 'UTC')::date, followers, observed_at
    FROM channel_snapshots WHERE followers IS NOT NULL
    ORDER BY channel_id, (observed_at AT TIME ZONE 'UTC')::date, observed_at DESC
    ON CONFLICT (channel_id, day) DO UPDATE SET followers = EXCLUDED.followers, followers_at = EXCLUDED.followers_at;
  `);
}
