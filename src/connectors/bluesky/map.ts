import type { CanonicalAccount, CanonicalPost, MapIssue, MapOutput } from '../../domain/canonical.js';
import { buildAccount, buildPost, buildRepost, usableHandle } from './post.js';
import {
  AT_URI,
  POST_COLLECTION,
  REPOST_COLLECTION,
  describeZod,
  isObject,
  postEntrySchema,
  postViewSchema,
  profileSchema,
  reasonRepostSchema,
  repostEntrySchema,
  zodCode,
} from './schemas.js';
import type { Profile } from './schemas.js';

const REASON_REPOST = 'app.bsky.feed.defs#reasonRepost';
// Deeply nested thread replies are walked with a stack; this bounds the work a hostile file can ask for.
const MAX_THREAD_NODES = 100_000;

const keyOf = (v: unknown): string | null =>
  isObject(v) && (typeof v.uri === 'string' || typeof v.uri === 'number') ? String(v.uri) : null;

/** Gathers one response's records: posts and accounts once each (by URI / DID), issues in order. */
class Collector {
  readonly posts = new Map<string, CanonicalPost>();
  readonly accounts = new Map<string, CanonicalAccount>();
  readonly issues: MapIssue[] = [];
  private readonly unavailable = new Set<string>();

  constructor(readonly observedAt: string) {}

  issue(severity: MapIssue['severity'], code: string, message: string, recordKey: string | null): void {
    this.issues.push({ severity, code, message, recordKey });
  }

  readonly warn = (i: MapIssue): void => void this.issues.push(i);

  /** Keeps the first value of each field and fills its gaps from later sightings (a profile after an author). */
  account(profile: unknown, what: string): void {
    const r = profileSchema.safeParse(profile);
    if (!r.success) {
      const did = isObject(profile) && typeof profile.did === 'string' ? profile.did : null;
      this.issue('error', 'bad-account', `${what} skipped: ${describeZod(r.error)}`, did);
      return;
    }
    this.profile(r.data);
  }

  private profile(p: Profile): void {
    const next = buildAccount(p, this.observedAt);
    const prev = this.accounts.get(p.did);
    if (!prev) {
      this.accounts.set(p.did, next);
      return;
    }
    for (const k of Object.keys(next) as (keyof CanonicalAccount)[]) {
      if (prev[k] === null) Object.assign(prev, { [k]: next[k] });
    }
  }

  /** A `postView`, or a `notFoundPost` / `blockedPost` stand-in (kept as a warning). */
  postView(value: unknown): CanonicalPost | null {
    if (isObject(value) && (value.notFound === true || value.blocked === true)) {
      const uri = keyOf(value);
      if (uri !== null && this.unavailable.has(uri)) return null;
      if (uri !== null) this.unavailable.add(uri);
      const why = value.blocked === true ? 'blocked' : 'deleted or not found';
      this.issue('warning', 'post-unavailable', `a referenced post is ${why}`, uri);
      return null;
    }
    const key = keyOf(value);
    if (key !== null && this.posts.has(key)) return this.posts.get(key)!;
    if (!isObject(value) || value.uri === undefined || value.uri === null) {
      this.issue('error', 'missing-id', 'post without a uri skipped', null);
      return null;
    }
    const r = postViewSchema.safeParse(value);
    if (!r.success) {
      this.issue('error', zodCode(r.error), `post skipped: ${describeZod(r.error)}`, key);
      return null;
    }
    const [, did, , rkey] = AT_URI.exec(r.data.uri)!;
    const post = buildPost(
      {
        uri: r.data.uri,
        did: did!,
        rkey: rkey!,
        handle: usableHandle(r.data.author.handle),
        record: r.data.record,
        embedView: r.data.embed,
        counts: r.data,
      },
      this.observedAt,
      this.warn,
    );
    this.posts.set(post.platformPostId, post);
    this.profile(r.data.author);
    return post;
  }

  /** A raw repository record (`listRecords` entry or `getRecord`): no handle, no counters. */
  record(entry: unknown): 'post' | 'repost' | 'other' {
    const value = isObject(entry) && isObject(entry.value) ? entry.value : null;
    const type = value?.$type;
    const key = keyOf(entry);
    if (type === REPOST_COLLECTION) {
      const r = repostEntrySchema.safeParse(entry);
      if (!r.success) {
        this.issue('error', zodCode(r.error), `repost skipped: ${describeZod(r.error)}`, key);
        return 'repost';
      }
      const did = AT_URI.exec(r.data.uri)![1]!;
      this.add(buildRepost(did, null, r.data.value.subject.uri, r.data.value.createdAt));
      return 'repost';
    }
    if (value && type !== undefined && type !== POST_COLLECTION) return 'other';
    if (key === null || !value) {
      this.issue('error', 'missing-id', 'record without a uri or value skipped', key);
      return 'post';
    }
    const r = postEntrySchema.safeParse(entry);
    if (!r.success) {
      this.issue('error', zodCode(r.error), `post skipped: ${describeZod(r.error)}`, key);
      return 'post';
    }
    const [, did, , rkey] = AT_URI.exec(r.data.uri)!;
    const src = { uri: r.data.uri, did: did!, rkey: rkey!, handle: null, record: r.data.value };
    this.add(buildPost({ ...src, embedView: undefined, counts: null }, this.observedAt, this.warn));
    return 'post';
  }

  add(post: CanonicalPost): void {
    if (!this.posts.has(post.platformPostId)) this.posts.set(post.platformPostId, post);
  }

  output(): MapOutput {
    return { posts: [...this.posts.values()], accounts: [...this.accounts.values()], issues: this.issues };
  }
}

/** `feedViewPost`s (getAuthorFeed, getTimeline, getFeed, getListFeed, getActorLikes). */
function mapFeed(c: Collector, feed: unknown[]): void {
  for (const item of feed) {
    if (!isObject(item)) {
      c.issue('error', 'bad-post', 'a feed item is not an object', null);
      continue;
    }
    const post = c.postView(item.post);
    if (isObject(item.reply)) {
      for (const k of ['root', 'parent'] as const) if (item.reply[k] != null) c.postView(item.reply[k]);
      if (item.reply.grandparentAuthor !== undefined) c.account(item.reply.grandparentAuthor, 'author');
    }
    const reason = item.reason;
    if (!isObject(reason) || reason.$type !== REASON_REPOST) continue;
    const r = reasonRepostSchema.safeParse(reason);
    if (!post || !r.success) {
      const why = r.success ? 'its original post was skipped' : describeZod(r.error);
      c.issue('error', 'bad-repost', `repost skipped: ${why}`, keyOf(item.post));
      continue;
    }
    c.account(reason.by, 'reposter');
    c.add(buildRepost(r.data.by.did, usableHandle(r.data.by.handle), post.platformPostId, r.data.indexedAt));
  }
}

/** `threadViewPost` tree: the anchor, its parent chain and every reply below it. */
function mapThread(c: Collector, thread: unknown): void {
  const stack: unknown[] = [thread];
  let seen = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (++seen > MAX_THREAD_NODES) {
      c.issue('error', 'thread-too-large', `thread cut after ${MAX_THREAD_NODES} posts`, null);
      return;
    }
    if (!isObject(node)) continue;
    if (node.notFound === true || node.blocked === true) {
      c.postView(node);
      continue;
    }
    c.postView(node.post);
    if (node.parent !== undefined) stack.push(node.parent);
    if (Array.isArray(node.replies))
      for (let i = node.replies.length - 1; i >= 0; i--) stack.push(node.replies[i]);
  }
}

function mapRecords(c: Collector, records: unknown[]): void {
  let other = 0;
  for (const entry of records) if (c.record(entry) === 'other') other++;
  if (other > 0) {
    c.issue('warning', 'unsupported-record', `${other} record(s) of other collections skipped`, null);
  }
}

function mapResponse(c: Collector, doc: Record<string, unknown>): void {
  if (Array.isArray(doc.feed)) return mapFeed(c, doc.feed);
  if (isObject(doc.thread)) return mapThread(c, doc.thread);
  if (Array.isArray(doc.posts)) {
    for (const p of doc.posts) c.postView(p);
    return;
  }
  if (Array.isArray(doc.records)) return mapRecords(c, doc.records);
  if (typeof doc.uri === 'string' && isObject(doc.author) && isObject(doc.record)) {
    c.postView(doc);
    return;
  }
  if ((typeof doc.uri === 'string' || typeof doc.uri === 'number') && isObject(doc.value)) {
    return mapRecords(c, [doc]);
  }
  const lists = ['profiles', 'actors', 'followers', 'follows', 'repostedBy'] as const;
  const list = lists.find((k) => Array.isArray(doc[k]));
  if (list || isObject(doc.subject)) {
    if (isObject(doc.subject)) c.account(doc.subject, 'subject');
    for (const p of list ? (doc[list] as unknown[]) : []) c.account(p, 'profile');
    return;
  }
  if (typeof doc.did === 'string' && typeof doc.handle === 'string') return c.account(doc, 'profile');
  if (typeof doc.did === 'string' && Object.keys(doc).length === 1) {
    c.issue('warning', 'no-records', 'a resolveHandle answer (a DID alone): nothing to import', doc.did);
    return;
  }
  const keys = Object.keys(doc).slice(0, 8).join(', ');
  c.issue('error', 'unknown-shape', `not a known Bluesky XRPC response (keys: ${keys || 'none'})`, null);
}

/**
 * One Bluesky XRPC response body (or an array of them, or one line of a JSONL file of them). Each post and
 * account is checked on its own: a bad one becomes an issue and the others are kept.
 */
export function mapBluesky(value: unknown, observedAt: string): MapOutput {
  const c = new Collector(observedAt);
  try {
    const docs = Array.isArray(value) ? value : [value];
    for (const doc of docs) {
      if (isObject(doc)) mapResponse(c, doc);
      else c.issue('error', 'bad-record', 'a response is not a JSON object', null);
    }
  } catch (error) {
    // Never expected; `map` must not throw, so an unforeseen input becomes one issue.
    const message = error instanceof Error ? error.message : String(error);
    c.issue('error', 'bad-record', `response could not be mapped: ${message}`, null);
  }
  return c.output();
}
