import type { CanonicalAccount, CanonicalPost, MapIssue, PostKind } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { htmlToText, type HtmlTextOptions } from '../shared/html-text.js';
import { httpUrl } from '../shared/http-url.js';
import { accountKey, addressOf } from './address.js';
import type { MastodonAccount, MastodonMedia, MastodonStatus } from './schema.js';

/** What one response tells about itself, needed to turn instance-local ids into global ones. */
export interface ItemScope {
  observedAt: string;
  /** Instance-local status id → status `uri`, for every valid status in the same response. */
  uris: ReadonlyMap<string, string>;
  /** The instance that answered, when the response shows it (a local account's profile URL). */
  servingHost: string | null;
  issues: MapIssue[];
}

/**
 * Mastodon's sanitised HTML (`content`, `note`), shown with `white-space: pre-wrap`. It hides `invisible`
 * (the cut-off parts of a long URL, whose shown part, `ellipsis`, ends with "…") and `quote-inline` (the
 * "RE: url" fallback of a quote post, shown as a quote card instead). Only absolute http(s) links are kept.
 */
export const MASTODON_HTML: HtmlTextOptions = {
  whiteSpace: 'pre-wrap',
  hiddenClasses: ['invisible', 'quote-inline'],
  ellipsisClass: 'ellipsis',
  href: (raw) => httpUrl(raw),
};

const MEDIA_KINDS: Record<string, CanonicalPost['media'][number]['kind']> = {
  image: 'image',
  gifv: 'gif',
  video: 'video',
  audio: 'audio',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Record<string, unknown>, key: string): string | null =>
  typeof o[key] === 'string' && o[key] !== '' ? o[key] : null;
/** A counter the source did not give, or gave as a negative "hidden" value, is unknown: null, never 0. */
const counter = (n: number | null | undefined): number | null => (n == null || n < 0 ? null : n);
const size = (n: number | null | undefined): number | null => (n == null ? null : Math.round(n));

/**
 * The global id of a status known here only by its instance-local id: its `uri` when that status is in the
 * same response, else its API address on the answering instance (which resolves to the status there).
 */
export function resolveLocalId(localId: string, scope: ItemScope): string | null {
  const uri = scope.uris.get(localId);
  if (uri) return uri;
  return scope.servingHost
    ? `https://${scope.servingHost}/api/v1/statuses/${encodeURIComponent(localId)}`
    : null;
}

/** `quote` (Mastodon 4.4+: `{state, quoted_status}` or `{state, quoted_status_id}`; older forks: a Status). */
export function quotedStatus(quote: unknown): unknown {
  if (!isObject(quote)) return null;
  if (isObject(quote.quoted_status)) return quote.quoted_status;
  return 'uri' in quote && 'account' in quote ? quote : null;
}

function quoteTarget(quote: unknown, scope: ItemScope): string | null {
  const inner = quotedStatus(quote);
  if (isObject(inner)) return str(inner, 'uri');
  if (!isObject(quote)) return null;
  const localId = str(quote, 'quoted_status_id');
  return localId ? resolveLocalId(localId, scope) : null;
}

export function mapAccount(a: MastodonAccount, observedAt: string): CanonicalAccount {
  return {
    platform: 'mastodon',
    platformUserId: accountKey(a.url, a.uri),
    handle: addressOf(a.acct, a.url ?? a.uri).handle,
    displayName: a.display_name ?? null,
    observedAt,
    followers: counter(a.followers_count),
    following: counter(a.following_count),
    postCount: counter(a.statuses_count),
    bio: a.note == null ? null : htmlToText(a.note, MASTODON_HTML).text,
    location: null,
    avatarUrl: httpUrl(a.avatar),
    verified: null,
  };
}

function mapMedia(m: MastodonMedia): CanonicalPost['media'][number] {
  const original = m.meta?.original;
  return {
    kind: MEDIA_KINDS[m.type] ?? 'other',
    // The origin file's URL is the same on every instance; the attachment id is local to the answering one.
    platformMediaId: m.remote_url || m.url || m.id || null,
    url: httpUrl(m.url) ?? httpUrl(m.remote_url) ?? httpUrl(m.preview_url),
    altText: m.description || null,
    width: size(original?.width),
    height: size(original?.height),
    durationMs: original?.duration == null ? null : Math.round(original.duration * 1000),
  };
}

function editedAt(s: MastodonStatus, scope: ItemScope): string | null {
  if (!s.edited_at) return null;
  const ms = Date.parse(s.edited_at);
  if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  scope.issues.push({
    severity: 'warning',
    code: 'bad-date',
    message: `edited_at "${s.edited_at.slice(0, 40)}" is not a date; kept without it`,
    recordKey: s.uri,
  });
  return null;
}

function kindAndRefs(s: MastodonStatus, scope: ItemScope): { kind: PostKind; refs: CanonicalPost['refs'] } {
  const refs: CanonicalPost['refs'] = [];
  if (isObject(s.reblog)) {
    const target = str(s.reblog, 'uri');
    if (target) refs.push({ kind: 'repost', targetId: target });
    return { kind: 'repost', refs };
  }
  let kind: PostKind = 'original';
  // A reply whose parent is gone (deleted, or unknown to the instance) keeps in_reply_to_account_id only.
  if (s.in_reply_to_id || s.in_reply_to_account_id) kind = 'reply';
  if (s.in_reply_to_id) {
    const target = resolveLocalId(s.in_reply_to_id, scope);
    if (target) refs.push({ kind: 'reply', targetId: target });
    else
      scope.issues.push({
        severity: 'warning',
        code: 'reply-target-unknown',
        message: `reply to local status ${s.in_reply_to_id} of an instance this response does not name`,
        recordKey: s.uri,
      });
  }
  if (isObject(s.quote)) {
    if (kind === 'original') kind = 'quote';
    const target = quoteTarget(s.quote, scope);
    if (target) refs.push({ kind: 'quote', targetId: target });
  }
  return { kind, refs };
}

export function mapStatus(s: MastodonStatus, scope: ItemScope): CanonicalPost {
  const { kind, refs } = kindAndRefs(s, scope);
  const repost = kind === 'repost';
  // A boost's own content is empty and its counters always 0 (interactions go to the boosted status).
  const body = repost ? null : htmlToText(s.content ?? '', MASTODON_HTML);
  const warning = s.spoiler_text?.trim();
  const text = body === null ? null : warning ? [warning, body.text].filter(Boolean).join('\n\n') : body.text;

  const written = new Map<string, string>();
  for (const link of body?.links ?? []) {
    if (link.role !== 'hashtag') continue;
    const tag = link.text.startsWith('#') ? link.text.slice(1) : link.text;
    const norm = normaliseHashtag(tag);
    if (!written.has(norm)) written.set(norm, tag);
  }
  const hashtags = new Map<string, CanonicalPost['hashtags'][number]>();
  for (const t of s.tags ?? []) {
    const norm = normaliseHashtag(t.name);
    // The tags array holds the instance's spelling; the content shows the author's.
    if (!hashtags.has(norm)) hashtags.set(norm, { tag: written.get(norm) ?? t.name, norm });
  }

  const mentions = new Map<string, CanonicalPost['mentions'][number]>();
  const mentionUrls = new Set<string>();
  for (const m of s.mentions ?? []) {
    const { handle, norm } = addressOf(m.acct, m.url);
    const href = httpUrl(m.url);
    if (href) mentionUrls.add(href);
    if (!mentions.has(norm)) mentions.set(norm, { handle, norm, platformUserId: accountKey(m.url, null) });
  }

  const links = new Map<string, CanonicalPost['links'][number]>();
  const addLink = (url: string | null): void => {
    if (url && !links.has(url)) links.set(url, { url, expandedUrl: null, domain: domainOf(url) });
  };
  for (const link of body?.links ?? []) {
    if (link.role === 'link' && !mentionUrls.has(link.href)) addLink(link.href);
  }
  addLink(httpUrl(s.card?.url));

  const counts = [s.favourites_count, s.reblogs_count, s.replies_count, s.quotes_count].map(counter);
  const [likes, reposts, replies, quotes] = counts;
  return {
    platform: 'mastodon',
    platformPostId: s.uri,
    author: {
      platformUserId: accountKey(s.account.url, s.account.uri),
      handle: addressOf(s.account.acct, s.account.url ?? s.account.uri).handle,
    },
    publishedAt: new Date(s.created_at).toISOString(),
    kind,
    text,
    lang: s.language || null,
    url: httpUrl(s.url),
    conversationId: null,
    editHistoryIds: null,
    editedAt: editedAt(s, scope),
    deletedAt: null,
    withheldIn: null,
    refs,
    hashtags: [...hashtags.values()],
    mentions: [...mentions.values()],
    links: [...links.values()],
    media: (s.media_attachments ?? []).map(mapMedia),
    metrics:
      repost || counts.every((c) => c === null)
        ? null
        : {
            observedAt: scope.observedAt,
            likes: likes ?? null,
            reposts: reposts ?? null,
            replies: replies ?? null,
            quotes: quotes ?? null,
            views: null,
            bookmarks: null,
          },
  };
}
