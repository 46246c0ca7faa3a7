import type { CanonicalPost, MapIssue } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { unescapeXText } from '../shared/x-text.js';
import { isObject, toId } from '../x-api-v1/fields.js';

/**
 * Long posts ("note tweets", more than 280 characters) in an X archive. tweets.js holds their text cut to
 * about 280 characters (ending in "…" and/or a t.co link) with the entities of the cut text only;
 * note-tweet.js (`window.YTD.note_tweet.partN = [{ "noteTweet": { noteTweetId, createdAt, core: { text,
 * urls, mentions, hashtags, … } } }]`) holds the whole text and its entities. Nothing links the two (the
 * note's id is not the tweet's), so a tweet is matched to its note by time and text; see docs/formats/x-archive.md.
 */

/** A note and its tweet are created within this many milliseconds of each other (either order). */
export const NOTE_WINDOW_MS = 5_000;

export interface Note {
  id: string | null;
  /** `createdAt` in epoch milliseconds. */
  createdAt: number;
  /** The whole text as written (X's `&amp;`, `&lt;`, `&gt;` unescaped). */
  text: string;
  /** `text` in its matching form (see `matchForm`). */
  key: string;
  hashtags: CanonicalPost['hashtags'];
  /** Handles only: the archive gives a note's mentions no user id. */
  mentions: string[];
  links: CanonicalPost['links'];
}

const TCO = /https?:\/\/t\.co\/[A-Za-z0-9]+/g;
const TRAILING_TCO = /(?:\s*https?:\/\/t\.co\/[A-Za-z0-9]+)+$/;
const TRAILING_ELLIPSIS = /\s*(?:…|\.\.\.)$/;
const LINK = '\u0000';

const folded = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The matching form of a text as written (X's HTML escapes already undone, once): NFC, every run of white
 * space one space, trimmed, and every t.co link one placeholder (the cut text and the note may shorten the
 * same link differently).
 */
export function matchForm(text: string): string {
  return folded(text).replace(TCO, LINK);
}

/** The matching form of a tweet's text without what X appends when it cuts a long post: t.co link(s), then "…". */
export function cutForm(text: string): string {
  return folded(text).replace(TRAILING_TCO, '').replace(TRAILING_ELLIPSIS, '').trim().replace(TCO, LINK);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** An entity given as a plain string (`"hashtags": ["tag"]`) or as an object with the named field. */
const entityText = (v: unknown, field: string): string | null =>
  str(v) ?? (isObject(v) ? str(v[field]) : null);

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Reads the items of note_tweet sections. An item that is not a usable note (no object, no `core.text`,
 * an unreadable `createdAt`) is a warning and is left out; an unusable entity inside a note is left out.
 */
export function parseNotes(items: unknown[], issues: MapIssue[]): Note[] {
  const notes: Note[] = [];
  for (const item of items) {
    const n = isObject(item) && isObject(item.noteTweet) ? item.noteTweet : null;
    const id = n ? toId(n.noteTweetId) : null;
    const core = n && isObject(n.core) ? n.core : null;
    const written = core ? str(core.text) : null;
    const createdAt = n && typeof n.createdAt === 'string' ? Date.parse(n.createdAt) : NaN;
    if (!core || written === null || Number.isNaN(createdAt)) {
      const why = !n
        ? 'not a { "noteTweet": … } object'
        : written === null
          ? 'no core.text'
          : `unreadable createdAt ${JSON.stringify(n.createdAt)}`;
      issues.push({
        severity: 'warning',
        code: 'bad-note-tweet',
        message: `note tweet left out: ${why}`,
        recordKey: id,
      });
      continue;
    }
    const tags = list(core.hashtags)
      .map((h) => entityText(h, 'text')?.replace(/^[#＃]/, ''))
      .filter((t): t is string => !!t);
    const links = list(core.urls).flatMap((u) => {
      const short = entityText(u, 'shortUrl');
      const expanded = isObject(u) ? str(u.expandedUrl) : null;
      const url = short ?? expanded;
      return url ? [{ url, expandedUrl: expanded, domain: domainOf(expanded ?? url) }] : [];
    });
    const text = unescapeXText(written);
    notes.push({
      id,
      createdAt,
      text,
      key: matchForm(text),
      hashtags: tags.map((tag) => ({ tag, norm: normaliseHashtag(tag) })),
      mentions: list(core.mentions)
        .map((m) => entityText(m, 'screenName')?.replace(/^@/, ''))
        .filter((h): h is string => !!h),
      links,
    });
  }
  return notes;
}

/** The notes whose time is within the window of `publishedAt` and whose text begins with the tweet's cut text. */
export function candidates(
  post: Pick<CanonicalPost, 'publishedAt' | 'text'>,
  bySecond: Map<number, Note[]>,
): Note[] {
  const at = Date.parse(post.publishedAt);
  const cut = post.text === null ? '' : cutForm(post.text);
  if (Number.isNaN(at) || cut === '') return [];
  const found: Note[] = [];
  const reach = Math.ceil(NOTE_WINDOW_MS / 1000);
  const second = Math.floor(at / 1000);
  for (let s = second - reach; s <= second + reach; s++) {
    for (const n of bySecond.get(s) ?? []) {
      if (Math.abs(n.createdAt - at) <= NOTE_WINDOW_MS && n.key.startsWith(cut)) found.push(n);
    }
  }
  return found;
}

/**
 * Gives each tweet that matches exactly one note the note's text, hashtags, mentions and links (id, time,
 * metrics, media and references stay the tweet's). A mention keeps the user id the cut tweet gave the same
 * handle. A tweet that two or more notes fit keeps its cut text, with an `ambiguous-note-tweet` warning.
 * Notes that fit no tweet are not reported: a deleted long post leaves its note behind. Reposts (archive
 * "RT @…" text) are never matched. Returns how many posts took a note's text.
 */
export function applyNotes(posts: CanonicalPost[], notes: Note[], issues: MapIssue[]): number {
  if (notes.length === 0) return 0;
  const bySecond = new Map<number, Note[]>();
  for (const n of notes) {
    const s = Math.floor(n.createdAt / 1000);
    bySecond.set(s, [...(bySecond.get(s) ?? []), n]);
  }
  let replaced = 0;
  for (const post of posts) {
    if (post.kind === 'repost') continue;
    const fit = candidates(post, bySecond);
    if (fit.length > 1) {
      issues.push({
        severity: 'warning',
        code: 'ambiguous-note-tweet',
        message: `${fit.length} long-post notes (${fit.map((n) => n.id ?? 'no id').join(', ')}) fit this tweet: its cut text is kept`,
        recordKey: post.platformPostId,
      });
      continue;
    }
    const note = fit[0];
    if (!note) continue;
    const ids = new Map(post.mentions.map((m) => [m.norm, m.platformUserId]));
    post.text = note.text;
    post.hashtags = note.hashtags.map((h) => ({ ...h }));
    post.mentions = note.mentions.map((handle) => {
      const norm = handle.toLowerCase();
      return { handle, norm, platformUserId: ids.get(norm) ?? null };
    });
    post.links = note.links.map((l) => ({ ...l }));
    replaced++;
  }
  return replaced;
}
