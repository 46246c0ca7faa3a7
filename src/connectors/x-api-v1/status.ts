import type { z } from 'zod';
import type {
  AuthorRef,
  CanonicalAccount,
  CanonicalPost,
  MapOutput,
  PostKind,
} from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { unescapeXText } from '../shared/x-text.js';
import { isObject, parseTwitterDate, snowflakeTime, toCount, toId } from './fields.js';
import { statusSchema, userSchema, type Media, type Status } from './schema.js';

/**
 * The v1.1 status mapper shared by `x-api-v1` (API responses, twarc1 JSONL) and `x-archive` (tweets.js).
 * Numbers may be JSON numbers (API) or strings (archive): counters go through `toCount`, ids through `toId`,
 * so a numeric id is never trusted. Unknown fields are ignored; a malformed entity list rejects the status.
 */

export interface StatusContext {
  observedAt: string;
  /** Author of statuses without a `user`: an archive's owner, or the user a status is embedded in. */
  owner: AuthorRef | null;
  /** Archive tweets show a native retweet only as "RT @name:" text (no `retweeted_status`). */
  archive: boolean;
}

export interface StatusCollector {
  out: MapOutput;
  posts: Set<string>;
  users: Set<string>;
  /** Statuses mapped with no author at all; the caller reports them once, not per status. */
  authorless: number;
}

export const newCollector = (): StatusCollector => ({
  out: { posts: [], accounts: [], issues: [] },
  posts: new Set(),
  users: new Set(),
  authorless: 0,
});

const MEDIA_KINDS: Record<string, CanonicalPost['media'][number]['kind']> = {
  photo: 'image',
  video: 'video',
  animated_gif: 'gif',
};
const ARCHIVE_RETWEET = /^RT @\w{1,15}:/;
// A quote of a retweet of a quote is already deep; deeper nesting is not walked (refs are still kept).
const MAX_DEPTH = 3;

export function describeZod(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid record';
}

const issue = (
  col: StatusCollector,
  severity: 'error' | 'warning',
  code: string,
  message: string,
  key: string | null,
) => col.out.issues.push({ severity, code, message, recordKey: key });

/** A v1.1 user object as an account snapshot; returns the author reference, or null when unusable. */
export function collectUser(raw: unknown, observedAt: string, col: StatusCollector): AuthorRef | null {
  // `trim_user=true` responses keep only the user's id: an author, but no account snapshot.
  if (isObject(raw) && !('screen_name' in raw) && toId(raw.id_str)) {
    return { platformUserId: toId(raw.id_str), handle: null };
  }
  const r = userSchema.safeParse(raw);
  if (!r.success) {
    const key = isObject(raw) ? toId(raw.id_str) : null;
    issue(col, 'warning', 'bad-user', `user skipped: ${describeZod(r.error)}`, key);
    return null;
  }
  const u = r.data;
  const id = toId(u.id_str) ?? toId(u.id);
  if (!id && typeof u.id === 'number') {
    issue(
      col,
      'warning',
      'numeric-id',
      `user @${u.screen_name} has only a numeric id (precision lost)`,
      null,
    );
  }
  const key = id ?? `@${u.screen_name.toLowerCase()}`;
  if (!col.users.has(key)) {
    col.users.add(key);
    col.out.accounts.push({
      platform: 'x',
      platformUserId: id,
      handle: u.screen_name,
      displayName: u.name ?? null,
      observedAt,
      followers: toCount(u.followers_count),
      following: toCount(u.friends_count),
      postCount: toCount(u.statuses_count),
      bio: u.description ?? null,
      location: u.location ?? null,
      avatarUrl: u.profile_image_url_https ?? u.profile_image_url ?? null,
      verified: u.verified ?? null,
    } satisfies CanonicalAccount);
  }
  return { platformUserId: id, handle: u.screen_name };
}

/** The edit chain: v1.1 writes `edit_history` (some archives `edit_control`), archives `edit_info.{initial|edit}`. */
function editChain(t: Status): { ids: string[] | null; initial: string | null } {
  const ids = (v: unknown) => {
    const list = Array.isArray(v) ? v.map(toId).filter((x): x is string => x !== null) : [];
    return list.length ? list : null;
  };
  const history = isObject(t.edit_history)
    ? t.edit_history
    : isObject(t.edit_control)
      ? t.edit_control
      : null;
  if (history) {
    const list = ids(history.edit_tweet_ids);
    return { ids: list, initial: toId(history.initial_tweet_id) ?? list?.[0] ?? null };
  }
  if (!isObject(t.edit_info)) return { ids: null, initial: null };
  const { initial, edit } = t.edit_info;
  if (isObject(initial)) {
    const list = ids(initial.editTweetIds);
    return { ids: list, initial: list?.[0] ?? null };
  }
  if (isObject(edit)) {
    const control = isObject(edit.editControlInitial) ? edit.editControlInitial : {};
    const list = ids(control.editTweetIds);
    return { ids: list, initial: toId(edit.initialTweetId) ?? list?.[0] ?? null };
  }
  return { ids: null, initial: null };
}

function mapMedia(m: Media): CanonicalPost['media'][number] {
  return {
    kind: MEDIA_KINDS[m.type] ?? 'other',
    platformMediaId: toId(m.id_str) ?? toId(m.id),
    url: m.media_url_https ?? m.media_url ?? null,
    altText: m.ext_alt_text ?? null,
    width: toCount(m.original_info?.width) ?? toCount(m.sizes?.large?.w),
    height: toCount(m.original_info?.height) ?? toCount(m.sizes?.large?.h),
    durationMs: toCount(m.video_info?.duration_millis),
  };
}

function kindOf(refs: CanonicalPost['refs'], archiveRetweet: boolean): PostKind {
  if (archiveRetweet || refs.some((r) => r.kind === 'repost')) return 'repost';
  if (refs.some((r) => r.kind === 'reply')) return 'reply';
  if (refs.some((r) => r.kind === 'quote')) return 'quote';
  return 'original';
}

/**
 * Maps one status (and the retweeted/quoted statuses inside it, each as its own post) into `col`.
 * Returns the status id when it was mapped (or already seen), null when it became an issue.
 */
export function collectStatus(
  raw: unknown,
  ctx: StatusContext,
  col: StatusCollector,
  depth = 0,
): string | null {
  if (!isObject(raw)) {
    issue(col, 'error', 'bad-status', 'a status is not a JSON object', null);
    return null;
  }
  const id = toId(raw.id_str) ?? toId(raw.id);
  if (!id) {
    if (typeof raw.id === 'number') {
      issue(
        col,
        'error',
        'numeric-id',
        `status ${raw.id} has only a numeric id (precision lost): skipped`,
        null,
      );
    } else issue(col, 'error', 'missing-id', 'status without an id_str skipped', null);
    return null;
  }
  if (col.posts.has(id)) return id;
  const r = statusSchema.safeParse(raw);
  if (!r.success) {
    issue(col, 'error', 'bad-status', `status skipped: ${describeZod(r.error)}`, id);
    return null;
  }
  const t = r.data;
  let publishedAt = t.created_at ? parseTwitterDate(t.created_at) : null;
  if (!publishedAt) {
    publishedAt = snowflakeTime(id);
    if (!publishedAt) {
      issue(
        col,
        'error',
        'bad-date',
        `status skipped: unreadable created_at ${JSON.stringify(t.created_at)}`,
        id,
      );
      return null;
    }
    issue(col, 'warning', 'bad-date', 'created_at missing or unreadable: time taken from the id', id);
  }
  col.posts.add(id);

  let author = ctx.owner;
  if (t.user !== undefined && t.user !== null) author = collectUser(t.user, ctx.observedAt, col);
  if (!author) col.authorless++;

  const ext = t.truncated === true && t.extended_tweet ? t.extended_tweet : null;
  const written = ext?.full_text ?? t.full_text ?? t.text ?? null;
  const text = written === null ? null : unescapeXText(written);
  const entities = ext?.entities ?? t.entities;
  const media = (ext?.extended_entities ?? t.extended_entities)?.media ?? entities?.media ?? [];

  const refs: CanonicalPost['refs'] = [];
  const nested: unknown[] = [];
  if (isObject(t.retweeted_status)) {
    const target = toId(t.retweeted_status.id_str) ?? toId(t.retweeted_status.id);
    if (target) refs.push({ kind: 'repost', targetId: target });
    nested.push(t.retweeted_status);
  }
  const replyTo = toId(t.in_reply_to_status_id_str) ?? toId(t.in_reply_to_status_id);
  if (replyTo) refs.push({ kind: 'reply', targetId: replyTo });
  const quoted = isObject(t.quoted_status) ? t.quoted_status : null;
  const quotedId = toId(t.quoted_status_id_str) ?? (quoted ? (toId(quoted.id_str) ?? toId(quoted.id)) : null);
  if (quotedId) refs.push({ kind: 'quote', targetId: quotedId });
  if (quoted) nested.push(quoted);

  const archiveRetweet = ctx.archive && refs.length === 0 && text !== null && ARCHIVE_RETWEET.test(text);
  const chain = editChain(t);
  const likes = toCount(t.favorite_count);
  const reposts = toCount(t.retweet_count);
  const replies = toCount(t.reply_count);
  const quotes = toCount(t.quote_count);
  const handle = author?.handle ?? null;
  const deletedAt = t.deleted_at ? parseTwitterDate(t.deleted_at) : null;
  const withheld = t.withheld_in_countries?.length ? t.withheld_in_countries : null;

  col.out.posts.push({
    platform: 'x',
    platformPostId: id,
    author: author ?? { platformUserId: null, handle: null },
    publishedAt,
    kind: kindOf(refs, archiveRetweet),
    text,
    lang: t.lang && t.lang !== 'und' ? t.lang : null,
    url: handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/web/status/${id}`,
    conversationId: null,
    editHistoryIds: chain.ids,
    // The chain gives no edit time; a version that is not the first of its chain was edited when posted.
    editedAt: chain.initial && chain.initial !== id ? publishedAt : null,
    deletedAt,
    withheldIn: withheld,
    refs,
    hashtags: (entities?.hashtags ?? []).map((h) => ({ tag: h.text, norm: normaliseHashtag(h.text) })),
    mentions: (entities?.user_mentions ?? []).map((m) => ({
      handle: m.screen_name,
      norm: m.screen_name.toLowerCase(),
      platformUserId: toId(m.id_str) ?? toId(m.id),
    })),
    links: (entities?.urls ?? []).map((u) => {
      const expanded = u.unwound?.url ?? u.expanded_url ?? null;
      return { url: u.url, expandedUrl: expanded, domain: domainOf(expanded ?? u.url) };
    }),
    media: media.map(mapMedia),
    metrics:
      likes === null && reposts === null && replies === null && quotes === null
        ? null
        : { observedAt: ctx.observedAt, likes, reposts, replies, quotes, views: null, bookmarks: null },
  });

  if (depth < MAX_DEPTH) {
    // Embedded statuses carry their own `user`; they never inherit the outer owner.
    for (const n of nested) collectStatus(n, { ...ctx, owner: null }, col, depth + 1);
  }
  return id;
}
