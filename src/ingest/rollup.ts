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
 * Maintains `channel_daily` (channel × UTC day of publication) on ingest. Each post counts once, with the
 * counters of its most recent observation: a newer observation of a stored post adds its difference to
 * the old one. A counter the latest observation does not carry adds nothing (NULL is unknown, not 0).
 * `followers` is the day's last follower observation. `langs` is the set of the day's post languages; the
 * own-post engagement columns (measured_posts, interactions, likes_reposts, measured_originals,
 * original_reposts: see the analytics migration) follow the same latest-observation rule, by difference.
 * `rebuildChannelDaily` computes the same from scratch.
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
  const list = [...rows.values()];
  if (list.length) {
    const col = (f: (r: DayRow) => unknown) => list.map(f);
    const sum = (c: string) =>
      `${c} = CASE WHEN EXCLUDED.${c} IS NULL THEN channel_daily.${c} ELSE COALESCE(channel_daily.${c}, 0) + EXCLUDED.${c} END`;
    const own = (k: (typeof OWN_KEYS)[number]) => col((r) => r.own[k]);
    const add = (c: string) => `${c} = channel_daily.${c} + EXCLUDED.${c}`;
    await tx.query(
      `INSERT INTO channel_daily (channel_id, day, posts, originals, replies, quotes, reposts, media_posts,
         likes_received, reposts_received, replies_received, quotes_received, views_received,
         langs, measured_posts, interactions, likes_reposts, measured_originals, original_reposts)
       SELECT a.c, a.d, a.p, a.o, a.r, a.q, a.rp, a.m, a.l, a.rr, a.rq, a.qr, a.v,
         string_to_array(a.langs, ','), a.mp, a.i, a.lr, a.mo, a.orp
       FROM unnest($1::bigint[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
         $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[],
         $14::text[], $15::int[], $16::bigint[], $17::bigint[], $18::int[], $19::bigint[])
         AS a(c, d, p, o, r, q, rp, m, l, rr, rq, qr, v, langs, mp, i, lr, mo, orp)
       ON CONFLICT (channel_id, day) DO UPDATE SET
         langs = CASE WHEN cardinality(EXCLUDED.langs) = 0 THEN channel_daily.langs
           ELSE ARRAY(SELECT DISTINCT x FROM unnest(channel_daily.langs || EXCLUDED.langs) AS x ORDER BY x) END,
         ${['measured_posts', 'interactions', 'likes_reposts', 'measured_originals', 'original_reposts'].map(add).join(', ')},
         posts = channel_daily.posts + EXCLUDED.posts, originals = channel_daily.originals + EXCLUDED.originals,
         replies = channel_daily.replies + EXCLUDED.replies, quotes = channel_daily.quotes + EXCLUDED.quotes,
         reposts = channel_daily.reposts + EXCLUDED.reposts, media_posts = channel_daily.media_posts + EXCLUDED.media_posts,
         ${COUNTERS.map((c) => sum(`${c}_received`)).join(', ')}`,
      [
        col((r) => r.channelId),
        col((r) => r.day),
        col((r) => r.posts),
        col((r) => r.originals),
        col((r) => r.replies),
        col((r) => r.quotes),
        col((r) => r.reposts),
        col((r) => r.media),
        ...COUNTERS.map((c) => col((r) => r.received[c])),
        col((r) => [...r.langs].sort().join(',')),
        own('measured'),
        own('interactions'),
        own('likesReposts'),
        own('measuredOriginals'),
        own('originalReposts'),
      ],
    );
  }
  const days = new Map<string, [number, string]>();
  for (const s of input.snapshots) {
    if (s.followers !== null)
      days.set(`${s.channelId}\u0000${s.observedAt.slice(0, 10)}`, [s.channelId, s.observedAt.slice(0, 10)]);
  }
  if (days.size) {
    const pairs = [...days.values()];
    await tx.query(
      `INSERT INTO channel_daily (channel_id, day, followers)
       SELECT DISTINCT ON (s.channel_id, a.day) s.channel_id, a.day, s.followers
       FROM unnest($1::bigint[], $2::date[]) AS a(channel_id, day)
       JOIN channel_snapshots s ON s.channel_id = a.channel_id
        AND s.observed_at >= (a.day::timestamp AT TIME ZONE 'UTC') AND s.observed_at < ((a.day + 1)::timestamp AT TIME ZONE 'UTC')
       WHERE s.followers IS NOT NULL
       ORDER BY s.channel_id, a.day, s.observed_at DESC
       ON CONFLICT (channel_id, day) DO UPDATE SET followers = EXCLUDED.followers`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
}

/** Recomputes `channel_daily` from posts, their latest observations and snapshots (repair and tests). */
export async function rebuildChannelDaily(tx: Queryable): Promise<void> {
  await tx.exec(`
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
    -- The last follower count observed on each day.
    INSERT INTO channel_daily (channel_id, day, followers)
    SELECT DISTINCT ON (channel_id, (observed_at AT TIME ZONE 'UTC')::date) channel_id, (observed_at AT TIME ZONE 'UTC')::date, followers
    FROM channel_snapshots WHERE followers IS NOT NULL
    ORDER BY channel_id, (observed_at AT TIME ZONE 'UTC')::date, observed_at DESC
    ON CONFLICT (channel_id, day) DO UPDATE SET followers = EXCLUDED.followers;
  `);
}
