import type { Queryable } from '../db/database.js';
import type { CanonicalPost, PostMetrics } from '../domain/canonical.js';
import { zeroCounts, type Batch, type BatchCounts, type PendingItem } from './batch.js';
import type { ChannelResolver } from './channels.js';
import { encodeRaw } from './raw.js';
import { copyPosts, type NewPost } from './copy-posts.js';
import { updateRollups } from './rollup.js';
import {
  findStoredObservations,
  findStoredPosts,
  findStoredSnapshots,
  postKey,
  snapshotKey,
} from './stored.js';

export interface WriteContext {
  runId: number;
  datasetId: number | null;
  collectorVersion: string;
  now: Date;
  resolver: ChannelResolver;
  rawCompression: 'gzip' | 'none';
  /** Send COPYs without awaiting each (a server: it loads one while the next is serialised; not PGlite). */
  deferCopies?: boolean;
  /** Append the batch's channel_daily differences (ImportOptions.rollup). */
  rollup: boolean;
}

/** Serialises writers of the canonical tables: the existence checks below then see every committed post. */
const INGEST_LOCK = 7_240_311;

/**
 * A view of `tx` whose COPYs are chained, not awaited: the writer builds the next table's rows while the server
 * loads the previous one (one statement at a time on the connection). `settle` waits for the chain and throws
 * the first error; a COPY after a failed one is not sent.
 */
function deferCopies(tx: Queryable): { tx: Queryable; settle: () => Promise<void> } {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    tx: {
      query: (sql, params) => tx.query(sql, params),
      exec: (sql) => tx.exec(sql),
      async copyFrom(table, columns, rows) {
        chain = chain.then(() => tx.copyFrom(table, columns, rows));
        chain.catch(() => undefined); // reported by settle
        await new Promise<void>((resolve) => setImmediate(resolve)); // lets the connection send it
        return 0;
      },
    },
    settle: async () => {
      await chain;
    },
  };
}

/** Reserves `n` consecutive ids of a table's identity sequence (safe under the ingest lock). */
async function allocateIds(tx: Queryable, table: string, n: number): Promise<number> {
  if (n === 0) return 0;
  const [row] = await tx.query<{ last: number }>(
    `SELECT setval(pg_get_serial_sequence($1, 'id'), nextval(pg_get_serial_sequence($1, 'id')) + $2 - 1) AS last`,
    [table, n],
  );
  return row!.last - n + 1;
}

/**
 * Writes one batch inside the caller's transaction: channels, raw payloads, new posts with their relations,
 * new metric observations and account snapshots, the daily rollup and the batch's issues. Posts already
 * stored are counted as duplicates; their newer metric observations are still appended. Returns the counts
 * per connector.
 */
export async function writeBatch(
  tx: Queryable,
  batch: Batch,
  ctx: WriteContext,
): Promise<Map<string, BatchCounts>> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
  const counts = new Map<string, BatchCounts>();
  const countsOf = (connector: string): BatchCounts => {
    let c = counts.get(connector);
    if (!c) counts.set(connector, (c = zeroCounts()));
    return c;
  };

  // Channels: authors and accounts are created when new; mention targets are only looked up.
  const authors = batch.items.flatMap((it) => [
    ...it.posts.map((p) => ({ platform: p.platform, ...p.author })),
    ...it.accounts.map((a) => ({ ...a })),
  ]);
  await ctx.resolver.ensure(tx, authors, ctx.now);
  await ctx.resolver.find(
    tx,
    batch.items.flatMap((it) =>
      it.posts.flatMap((p) =>
        p.mentions.map((m) => ({ platform: p.platform, platformUserId: m.platformUserId, handle: m.handle })),
      ),
    ),
  );

  // Which posts are new: first occurrence in the batch, and not in the store.
  const firstSeen = new Map<string, { post: CanonicalPost; item: PendingItem }>();
  const observations: { key: string; metrics: PostMetrics; item: PendingItem }[] = [];
  for (const item of batch.items) {
    for (const post of item.posts) {
      const key = postKey(post.platform, post.platformPostId);
      if (!firstSeen.has(key)) firstSeen.set(key, { post, item });
      else countsOf(item.connector).duplicates++;
      if (post.metrics) observations.push({ key, metrics: post.metrics, item });
    }
  }
  const stored = await findStoredPosts(
    tx,
    [...firstSeen.values()].map((x) => x.post),
  );
  const fresh: { post: CanonicalPost; item: PendingItem; channelId: number | null }[] = [];
  for (const [key, { post, item }] of firstSeen) {
    if (stored.has(key)) countsOf(item.connector).duplicates++;
    else {
      const channelId = ctx.resolver.lookup(post.platform, post.author.platformUserId, post.author.handle);
      fresh.push({ post, item, channelId });
      countsOf(item.connector).accepted++;
    }
  }

  // Metric observations not stored yet (a re-import of the same file adds none).
  const postIds = new Map<string, number>();
  for (const [key, s] of stored) postIds.set(key, s.id);
  const firstPostId = await allocateIds(tx, 'posts', fresh.length);
  const newPosts: NewPost[] = fresh.map((f, i) => ({ ...f, id: firstPostId + i }));
  for (const p of newPosts) postIds.set(postKey(p.post.platform, p.post.platformPostId), p.id);
  const knownObs = await findStoredObservations(
    tx,
    [...stored.values()].map((s) => s.id),
    observations,
  );
  const metricRows = new Map<string, { postId: number; m: PostMetrics; item: PendingItem }>();
  for (const o of observations) {
    const postId = postIds.get(o.key)!;
    const k = `${postId}\u0000${o.metrics.observedAt}`;
    if (knownObs.has(k) || metricRows.has(k)) continue;
    metricRows.set(k, { postId, m: o.metrics, item: o.item });
  }

  // Account snapshots not stored yet.
  const snapshotRows = new Map<
    string,
    { channelId: number; a: PendingItem['accounts'][number]; item: PendingItem }
  >();
  for (const item of batch.items) {
    for (const a of item.accounts) {
      const channelId = ctx.resolver.lookup(a.platform, a.platformUserId, a.handle);
      if (channelId === null) continue;
      const k = snapshotKey(channelId, a.observedAt);
      if (!snapshotRows.has(k)) snapshotRows.set(k, { channelId, a, item });
    }
  }
  const knownSnaps = await findStoredSnapshots(tx, [...snapshotRows.values()]);
  for (const k of knownSnaps) snapshotRows.delete(k);

  // Raw payloads: kept for every item that added something, or that failed and may be re-mapped later.
  const useful = new Set<PendingItem>(batch.items.filter((it) => it.keepRaw));
  for (const p of newPosts) useful.add(p.item);
  for (const r of metricRows.values()) useful.add(r.item);
  for (const r of snapshotRows.values()) useful.add(r.item);
  // From here on only COPYs: each is sent without waiting for the previous one's end (see deferCopies).
  const copies = ctx.deferCopies ? deferCopies(tx) : { tx, settle: () => Promise.resolve() };
  const rawItems = batch.items.filter((it) => useful.has(it));
  const firstRaw = await allocateIds(tx, 'raw_records', rawItems.length);
  const rawId = new Map<PendingItem, number>(rawItems.map((it, i) => [it, firstRaw + i]));
  await copies.tx.copyFrom(
    'raw_records',
    [
      'id',
      'run_id',
      'dataset_id',
      'connector',
      'file',
      'line',
      'byte_offset',
      'retrieved_at',
      'collector_version',
      'encoding',
      'payload',
    ],
    rawItems.map((it) => {
      const raw = it.raw ?? encodeRaw(it.bytes, it.rawEncoding, ctx.rawCompression);
      countsOf(it.connector).rawRecords++;
      return [
        rawId.get(it),
        ctx.runId,
        ctx.datasetId,
        it.connector,
        it.file,
        it.line,
        it.byteOffset,
        it.retrievedAt,
        ctx.collectorVersion,
        raw.encoding,
        raw.payload,
      ];
    }),
  );

  await copyPosts(copies.tx, newPosts, rawId, ctx);
  await copies.tx.copyFrom(
    'post_metrics',
    [
      'post_id',
      'observed_at',
      'likes',
      'reposts',
      'replies',
      'quotes',
      'views',
      'bookmarks',
      'raw_record_id',
    ],
    [...metricRows.values()].map(({ postId, m, item }) => {
      countsOf(item.connector).metrics++;
      return [
        postId,
        m.observedAt,
        m.likes,
        m.reposts,
        m.replies,
        m.quotes,
        m.views,
        m.bookmarks,
        rawId.get(item) ?? null,
      ];
    }),
  );
  await copies.tx.copyFrom(
    'channel_snapshots',
    [
      'channel_id',
      'observed_at',
      'followers',
      'following',
      'post_count',
      'display_name',
      'bio',
      'location',
      'avatar_url',
      'verified',
      'raw_record_id',
    ],
    [...snapshotRows.values()].map(({ channelId, a, item }) => {
      countsOf(item.connector).snapshots++;
      return [
        channelId,
        a.observedAt,
        a.followers,
        a.following,
        a.postCount,
        a.displayName,
        a.bio,
        a.location,
        a.avatarUrl,
        a.verified,
        rawId.get(item) ?? null,
      ];
    }),
  );

  if (ctx.rollup)
    await updateRollups(copies.tx, {
      newPosts: newPosts.map((p) => ({ id: p.id, channelId: p.channelId, post: p.post })),
      stored: [...stored.values()],
      metrics: [...metricRows.values()].map((r) => ({ postId: r.postId, metrics: r.m })),
      snapshots: [...snapshotRows.values()].map((r) => ({
        channelId: r.channelId,
        observedAt: r.a.observedAt,
        followers: r.a.followers,
      })),
    });

  await copies.tx.copyFrom(
    'ingest_issues',
    ['run_id', 'severity', 'code', 'message', 'file', 'line', 'byte_offset', 'record_key', 'connector'],
    batch.issues.map((i) => {
      const c = countsOf(i.connector ?? 'unrecognised');
      if (i.severity === 'error') c.skipped++;
      else c.warned++;
      return [
        ctx.runId,
        i.severity,
        i.code,
        i.message,
        i.file,
        i.line,
        i.byteOffset,
        i.recordKey,
        i.connector,
      ];
    }),
  );
  await copies.settle();
  return counts;
}
