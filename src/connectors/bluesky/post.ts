import type { CanonicalAccount, CanonicalPost, MapIssue, PostKind } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { embedParts } from './embeds.js';
import type { PostRecord, Profile } from './schemas.js';
import { facetSchema, isObject, linkFeature, mentionFeature, tagFeature, toIso } from './schemas.js';

const TAG = 'app.bsky.richtext.facet#tag';
const MENTION = 'app.bsky.richtext.facet#mention';
const LINK = 'app.bsky.richtext.facet#link';
// A handle that is safe to put in a bsky.app URL; anything else falls back to the DID.
const URL_HANDLE = /^[a-z0-9][a-z0-9.-]{0,252}$/i;

type Warn = (issue: MapIssue) => void;

/** The handle to show, or null when the AppView could not verify it (`handle.invalid`). */
export function usableHandle(handle: string | null | undefined): string | null {
  return handle && handle !== 'handle.invalid' ? handle : null;
}

export function postUrl(did: string, handle: string | null, rkey: string): string {
  const who = handle && URL_HANDLE.test(handle) ? handle : did;
  return `https://bsky.app/profile/${who}/post/${rkey}`;
}

interface Facets {
  hashtags: CanonicalPost['hashtags'];
  mentions: CanonicalPost['mentions'];
  links: string[];
}

/**
 * Facets point into the text by UTF-8 byte offsets, not JS string indices: text is sliced as bytes. Tags and
 * links carry their value in the feature; a mention's handle exists only in the text, so a mention whose
 * offsets do not cover an `@handle` keeps its DID as the handle (with a warning).
 */
function readFacets(raw: unknown, text: string, key: string, warn: Warn): Facets {
  const out: Facets = { hashtags: [], mentions: [], links: [] };
  if (!Array.isArray(raw) || raw.length === 0) return out;
  let bytes: Buffer | null = null;
  let bad = 0;
  for (const f of raw) {
    const facet = facetSchema.safeParse(f);
    if (!facet.success) {
      bad++;
      continue;
    }
    const { byteStart, byteEnd } = facet.data.index;
    bytes ??= Buffer.from(text, 'utf8');
    const inRange = byteStart < byteEnd && byteEnd <= bytes.length;
    if (!inRange) bad++;
    for (const feature of facet.data.features) {
      const type = isObject(feature) ? feature.$type : null;
      if (type === TAG) {
        const t = tagFeature.safeParse(feature);
        if (t.success) out.hashtags.push({ tag: t.data.tag, norm: normaliseHashtag(t.data.tag) });
        else bad++;
      } else if (type === LINK) {
        const l = linkFeature.safeParse(feature);
        if (l.success) out.links.push(l.data.uri);
        else bad++;
      } else if (type === MENTION) {
        const m = mentionFeature.safeParse(feature);
        if (!m.success) {
          bad++;
          continue;
        }
        const slice = inRange ? bytes.subarray(byteStart, byteEnd).toString('utf8') : '';
        const handle = slice.startsWith('@') && !slice.includes('\ufffd') ? slice.slice(1).trim() : '';
        if (!handle && inRange) bad++;
        const h = handle || m.data.did;
        out.mentions.push({ handle: h, norm: h.toLowerCase(), platformUserId: m.data.did });
      }
    }
  }
  if (bad > 0) {
    warn({
      severity: 'warning',
      code: 'bad-facet',
      message: `${bad} facet(s) malformed or pointing outside the text; the post is kept`,
      recordKey: key,
    });
  }
  return out;
}

export interface PostSource {
  uri: string;
  did: string;
  rkey: string;
  handle: string | null;
  record: PostRecord;
  /** The PostView's `embed` (view form), absent for raw records. */
  embedView: unknown;
  counts: {
    replyCount?: number | null | undefined;
    repostCount?: number | null | undefined;
    likeCount?: number | null | undefined;
    quoteCount?: number | null | undefined;
    bookmarkCount?: number | null | undefined;
  } | null;
}

export function buildPost(src: PostSource, observedAt: string, warn: Warn): CanonicalPost {
  const { record, uri } = src;
  const text = record.text ?? '';
  const facets = readFacets(record.facets, text, uri, warn);
  const embed = embedParts(record.embed, src.embedView);
  const refs: CanonicalPost['refs'] = [];
  const parent = record.reply?.parent?.uri ?? record.reply?.root?.uri;
  if (record.reply && parent) refs.push({ kind: 'reply', targetId: parent });
  if (embed.quoteUri) refs.push({ kind: 'quote', targetId: embed.quoteUri });
  const kind: PostKind = record.reply ? 'reply' : embed.quoteUri ? 'quote' : 'original';
  // A link card usually repeats a link facet: one row per distinct URL.
  const urls = [...new Set([...facets.links, ...embed.links])];
  const c = src.counts;
  const hasCounts =
    c !== null &&
    [c.likeCount, c.repostCount, c.replyCount, c.quoteCount, c.bookmarkCount].some((n) => n != null);
  return {
    platform: 'bluesky',
    platformPostId: uri,
    author: { platformUserId: src.did, handle: src.handle },
    publishedAt: toIso(record.createdAt),
    kind,
    text: record.text ?? null,
    lang: record.langs?.find((l) => l.trim() !== '') ?? null,
    url: postUrl(src.did, src.handle, src.rkey),
    conversationId: record.reply?.root?.uri ?? uri,
    editHistoryIds: null,
    editedAt: null,
    deletedAt: null,
    withheldIn: null,
    refs,
    hashtags: facets.hashtags,
    mentions: facets.mentions,
    links: urls.map((url) => ({ url, expandedUrl: null, domain: domainOf(url) })),
    media: embed.media,
    metrics: hasCounts
      ? {
          observedAt,
          likes: c.likeCount ?? null,
          reposts: c.repostCount ?? null,
          replies: c.replyCount ?? null,
          quotes: c.quoteCount ?? null,
          views: null,
          bookmarks: c.bookmarkCount ?? null,
        }
      : null,
  };
}

/**
 * A repost has no post URI of its own in a feed (`reasonRepost` carried none until mid-2025), so its id is
 * derived from what identifies it everywhere: who reposted what. A repost record from `listRecords` gets the
 * same id, so the two sources meet.
 */
export function repostId(byDid: string, originalUri: string): string {
  return `${byDid}/repost/${originalUri}`;
}

export function buildRepost(
  byDid: string,
  byHandle: string | null,
  originalUri: string,
  at: string,
): CanonicalPost {
  const id = repostId(byDid, originalUri);
  return {
    platform: 'bluesky',
    platformPostId: id,
    author: { platformUserId: byDid, handle: byHandle },
    publishedAt: toIso(at),
    kind: 'repost',
    text: null,
    lang: null,
    url: null,
    conversationId: id,
    editHistoryIds: null,
    editedAt: null,
    deletedAt: null,
    withheldIn: null,
    refs: [{ kind: 'repost', targetId: originalUri }],
    hashtags: [],
    mentions: [],
    links: [],
    media: [],
    metrics: null,
  };
}

export function buildAccount(p: Profile, observedAt: string): CanonicalAccount {
  const status = p.verification?.verifiedStatus;
  return {
    platform: 'bluesky',
    platformUserId: p.did,
    handle: usableHandle(p.handle),
    displayName: p.displayName || null,
    observedAt,
    followers: p.followersCount ?? null,
    following: p.followsCount ?? null,
    postCount: p.postsCount ?? null,
    bio: p.description ?? null,
    location: null,
    avatarUrl: p.avatar ?? null,
    verified: status ? status === 'valid' : null,
  };
}
