import { createHash } from 'node:crypto';
import type { CanonicalAccount, CanonicalPost, MapIssue, MapOutput } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { parseFeedDate } from './dates.js';
import { readEntry, type RawEntry } from './entry.js';
import { normaliseLang } from '../../domain/language.js';
import { htmlToText, tidy, type HtmlTextOptions } from '../shared/html-text.js';
import { httpUrl } from '../shared/http-url.js';
import { readHead, type FeedHead, type TextValue } from './head.js';
import { plainTextHashtags, plainTextLinks } from './plain-text.js';
import { parseXml } from './xml.js';

// A guid with a scheme (http:, urn:, tag:) is meant to be globally unique; a bare one ("12345") is not.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S/;
// A category is a hashtag only when it could be written as one: a single word (see docs/formats/feed.md).
const SINGLE_WORD = /^[#＃]?[\p{L}\p{N}_]+$/u;
const SPACES = /[ \t\n\r\f]+/g;
const HASH_SIGN = /^[#＃]/;

/** Feed bodies are any HTML, XHTML included; a link's `href` may be relative to the entry or the site. */
export const FEED_HTML: HtmlTextOptions = { whiteSpace: 'normal', selfClosing: true };

interface Context {
  head: FeedHead;
  platform: 'youtube' | 'rss';
  observedAt: string;
  unzoned: number;
}

function plain(value: TextValue | null): { text: string | null; links: string[] } {
  if (!value) return { text: null, links: [] };
  if (value.html) {
    const { text, links } = htmlToText(value.value, FEED_HTML);
    return { text: text || null, links: links.map((l) => l.href) };
  }
  const text = tidy(value.value);
  return { text: text || null, links: plainTextLinks(text) };
}

function postId(e: RawEntry, c: Context, url: string | null, seed: string, publishedAt: string): string {
  const feedId = c.head.feedId;
  const id = e.id?.trim();
  if (id && c.head.youtube) return id;
  if (id) return ABSOLUTE_URI.test(id) || !feedId ? id : `${feedId}#${id}`;
  if (url) return url;
  // Deterministic, so the same entry fetched again is the same post.
  const hash = createHash('sha256').update(`${feedId ?? ''}\u0000${seed}\u0000${publishedAt}`);
  return `sha256:${hash.digest('hex').slice(0, 32)}`;
}

function hashtags(e: RawEntry, body: string | null, youtube: boolean): CanonicalPost['hashtags'] {
  const tags = e.categories.map((t) => t.trim()).filter((t) => SINGLE_WORD.test(t));
  if (youtube && body) tags.push(...plainTextHashtags(body));
  const seen = new Set<string>();
  const out: CanonicalPost['hashtags'] = [];
  for (const raw of tags) {
    const tag = raw.replace(HASH_SIGN, '');
    const norm = normaliseHashtag(tag);
    if (seen.has(norm)) continue;
    seen.add(norm);
    out.push({ tag, norm });
  }
  return out;
}

type Result = { post: CanonicalPost } | { issue: MapIssue };

function toPost(e: RawEntry, c: Context): Result {
  const { head } = c;
  const key = e.id?.trim() || e.link?.trim() || null;
  const date = e.dates.map(parseFeedDate).find((d) => d !== null);
  if (!date) {
    const shown = e.dates.length ? e.dates.map((d) => `"${d.slice(0, 60)}"`).join(', ') : 'none';
    const message = `entry dropped: no parseable publication date (found: ${shown})`;
    return { issue: { severity: 'error', code: 'bad-date', message, recordKey: key } };
  }
  if (!date.zoned) c.unzoned++;
  const publishedAt = date.iso;
  const url = httpUrl(e.link, head.siteUrl) ?? (e.idIsLink ? httpUrl(e.id) : null);
  const base = url ?? head.siteUrl;
  const title = e.title?.html ? plain(e.title).text : e.title?.value.replace(SPACES, ' ').trim() || null;
  const body = plain(e.body);
  const text = [title, body.text !== title ? body.text : null].filter((t) => t).join('\n\n') || null;
  if (!text && !e.id && !url) {
    const message = 'entry dropped: it has no id, link, title or text';
    return { issue: { severity: 'error', code: 'empty-item', message, recordKey: null } };
  }
  const links = [...new Set(body.links.map((h) => httpUrl(h, base)).filter((u): u is string => !!u))];
  const updated = parseFeedDate(e.updated);
  const author = head.youtube
    ? { platformUserId: e.channelId ?? head.channelId, handle: e.channelId ?? head.channelId }
    : { platformUserId: head.feedId, handle: head.siteUrl };
  const youtubeMetrics = head.youtube && (e.views !== null || e.ratings !== null);
  return {
    post: {
      platform: c.platform,
      platformPostId: postId(e, c, url, text ?? '', publishedAt),
      author,
      publishedAt,
      kind: 'original',
      text,
      lang: normaliseLang(e.lang) ?? head.lang,
      url,
      conversationId: null,
      editHistoryIds: null,
      // YouTube moves <updated> whenever its counters change, so only other Atom feeds say "edited" with it.
      editedAt:
        head.format === 'atom' && !head.youtube && updated && updated.iso > publishedAt ? updated.iso : null,
      deletedAt: null,
      withheldIn: null,
      refs: [],
      hashtags: hashtags(e, body.text, head.youtube),
      mentions: [],
      links: links.map((u) => ({ url: u, expandedUrl: null, domain: domainOf(u) })),
      media: e.media.map((m) => ({ ...m, url: httpUrl(m.url, base) ?? m.url })),
      metrics: youtubeMetrics
        ? {
            observedAt: updated?.iso ?? c.observedAt,
            likes: e.ratings,
            reposts: null,
            replies: null,
            quotes: null,
            views: e.views,
            bookmarks: null,
          }
        : e.comments !== null
          ? {
              observedAt: c.observedAt,
              likes: null,
              reposts: null,
              replies: e.comments,
              quotes: null,
              views: null,
              bookmarks: null,
            }
          : null,
    },
  };
}

function account(head: FeedHead, platform: string, observedAt: string): CanonicalAccount {
  return {
    platform,
    platformUserId: head.youtube ? head.channelId : head.feedId,
    handle: head.youtube ? head.channelId : head.siteUrl,
    displayName: head.title?.replace(SPACES, ' ').trim() || null,
    observedAt,
    followers: null,
    following: null,
    postCount: null,
    bio: plain(head.description).text,
    location: null,
    avatarUrl: head.avatarUrl,
    verified: null,
  };
}

/**
 * One feed document (RSS 2.0, RSS 1.0/RDF, Atom 1.0, YouTube channel feed) to one account and its posts.
 * Never throws: a broken document is one issue, a bad entry is one issue and its neighbours are kept.
 */
export function mapFeed(value: unknown, observedAt: string): MapOutput {
  try {
    return mapDocument(value, observedAt);
  } catch (error) {
    // Entries are guarded one by one; this catches a failure in the parser or the feed's head.
    const message = `feed not mapped: ${error instanceof Error ? error.message : String(error)}`;
    return {
      posts: [],
      accounts: [],
      issues: [{ severity: 'error', code: 'bad-feed', message, recordKey: null }],
    };
  }
}

function mapDocument(value: unknown, observedAt: string): MapOutput {
  const out: MapOutput = { posts: [], accounts: [], issues: [] };
  const issue = (severity: MapIssue['severity'], code: string, message: string, recordKey: string | null) =>
    out.issues.push({ severity, code, message, recordKey });
  if (typeof value !== 'string') {
    issue('error', 'bad-payload', 'a feed must reach the mapper as text', null);
    return out;
  }
  const parsed = parseXml(value);
  if (parsed.declaresEntities) {
    issue(
      'warning',
      'dtd-entities',
      'the document declares entities in its DOCTYPE (expansion capped)',
      null,
    );
  }
  const { doc, problem } = parsed;
  if (!doc) {
    if (problem) issue('error', problem.code, `${problem.message}; no entries could be recovered`, null);
    return out;
  }
  const head = readHead(doc);
  if (typeof head === 'string') {
    issue('error', 'not-a-feed', head, null);
    return out;
  }
  const platform = head.youtube ? 'youtube' : 'rss';
  const acc = account(head, platform, observedAt);
  out.accounts.push(acc);
  if (!acc.platformUserId) {
    issue('warning', 'no-feed-id', 'the feed has no id, self link, site link or channel id', null);
  }
  const c: Context = { head, platform, observedAt, unzoned: 0 };
  const seen = new Set<string>();
  for (const node of head.entries) {
    let result: Result;
    try {
      result = toPost(readEntry(head, node), c);
    } catch (error) {
      const message = `entry dropped: ${error instanceof Error ? error.message : String(error)}`;
      result = { issue: { severity: 'error', code: 'bad-item', message, recordKey: null } };
    }
    if ('issue' in result) {
      out.issues.push(result.issue);
      continue;
    }
    const id = result.post.platformPostId;
    if (seen.has(id)) {
      issue('warning', 'duplicate-id', 'a later entry with the same id was skipped', id);
      continue;
    }
    seen.add(id);
    out.posts.push(result.post);
  }
  if (c.unzoned > 0) {
    issue(
      'warning',
      'date-without-zone',
      `${c.unzoned} entries have a time without a zone; read as UTC`,
      null,
    );
  }
  if (problem) {
    const kept = `${out.posts.length} entries ending by line ${problem.recoveredThroughLine} were kept`;
    issue('error', problem.code, `${problem.message}; ${kept}, the rest of the file is lost`, null);
  }
  return out;
}
