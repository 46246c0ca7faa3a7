import type { CanonicalPost } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';

/**
 * Telegram Desktop writes a message's text twice: `text` (a plain string, or an array mixing strings and
 * entity objects `{type, text, href?, user_id?}`) and `text_entities` (always an array of objects, plain
 * runs typed 'plain'). Both hold the same runs; older exports have only `text`.
 */

interface Entity {
  type: string;
  text: string;
  href: string | null;
  userId: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const DIGITS = /^\d+$/;

function userIdOf(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : null;
  return typeof v === 'string' && DIGITS.test(v) ? v : null;
}

/** The runs of a message: `text_entities` when present, else the entity objects and strings of `text`. */
export function runsOf(text: unknown, textEntities: unknown): Entity[] {
  const source = Array.isArray(textEntities) ? textEntities : Array.isArray(text) ? text : [];
  const runs: Entity[] = [];
  for (const part of source) {
    if (typeof part === 'string') runs.push({ type: 'plain', text: part, href: null, userId: null });
    else if (isRecord(part) && typeof part.text === 'string') {
      runs.push({
        type: typeof part.type === 'string' ? part.type : 'plain',
        text: part.text,
        href: typeof part.href === 'string' ? part.href : null,
        userId: userIdOf(part.user_id),
      });
    }
  }
  return runs;
}

/** The message's text as one string: `text` when it is a string, else its runs joined; null when absent. */
export function plainText(text: unknown, runs: Entity[]): string | null {
  if (typeof text === 'string') return text;
  if (runs.length === 0) return Array.isArray(text) ? '' : null;
  return runs.map((r) => r.text).join('');
}

/** Hashtags, mentions and links of the runs, in text order. */
export function entitiesOf(runs: Entity[]): Pick<CanonicalPost, 'hashtags' | 'mentions' | 'links'> {
  const out: Pick<CanonicalPost, 'hashtags' | 'mentions' | 'links'> = {
    hashtags: [],
    mentions: [],
    links: [],
  };
  for (const r of runs) {
    switch (r.type) {
      case 'hashtag': {
        const tag = r.text.replace(/^[#＃]/, '');
        if (tag) out.hashtags.push({ tag, norm: normaliseHashtag(tag) });
        break;
      }
      case 'mention': {
        const handle = r.text.replace(/^@/, '');
        if (handle) out.mentions.push({ handle, norm: handle.toLowerCase(), platformUserId: null });
        break;
      }
      // A mention of a user without a public username: the text is their display name, the id is known.
      case 'mention_name':
        out.mentions.push({ handle: r.text, norm: r.text.toLowerCase(), platformUserId: r.userId });
        break;
      // The text of a 'link' is the address as written, often without a scheme ("t.me/x", "example.org").
      case 'link':
        out.links.push({
          url: r.text,
          expandedUrl: null,
          domain: domainOf(SCHEME.test(r.text) ? r.text : `https://${r.text}`),
        });
        break;
      case 'text_link':
        if (r.href) out.links.push({ url: r.href, expandedUrl: null, domain: domainOf(r.href) });
        break;
    }
  }
  return out;
}
