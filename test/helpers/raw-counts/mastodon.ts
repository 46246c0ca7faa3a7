import { DomUtils, parseDocument } from 'htmlparser2';
import { objects, obj, type Json } from './json.js';

const http = (href: unknown): string | null => {
  if (typeof href !== 'string') return null;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

type El = ReturnType<typeof DomUtils.getElementsByTagName>[number];
/** The `quote-inline` paragraph is a quote's "RE: link" fallback, hidden where the quote itself is shown. */
const insideQuoteFallback = (a: El): boolean => {
  for (let p = a.parent; p; p = p.parent) {
    if ('attribs' in p && (p.attribs.class ?? '').split(/\s+/).includes('quote-inline')) return true;
  }
  return false;
};

/**
 * A status's links, read from a DOM of its HTML content: anchors that are neither mentions nor hashtags (by
 * class, rel or shown text), not in a quote's fallback and not pointing at a mentioned account, plus the
 * preview card; distinct. A boost has no content of its own.
 */
function linksOf(s: Json): number {
  const urls = new Set<string>();
  const mentioned = new Set(objects(s.mentions).map((m) => http(m.url)));
  if (!obj(s.reblog) && typeof s.content === 'string') {
    for (const a of DomUtils.getElementsByTagName('a', parseDocument(s.content).children)) {
      if (insideQuoteFallback(a)) continue;
      const classes = (a.attribs.class ?? '').split(/\s+/);
      const shown = DomUtils.textContent(a).trim();
      const tagOrMention =
        ['mention', 'hashtag', 'u-url'].some((c) => classes.includes(c)) ||
        (a.attribs.rel ?? '').split(/\s+/).includes('tag') ||
        /^[#@]/.test(shown);
      const url = http(a.attribs.href);
      if (url && !tagOrMention && !mentioned.has(url)) urls.add(url);
    }
  }
  const card = obj(s.card) ? http(s.card.url) : null;
  if (card) urls.add(card);
  return urls.size;
}

/** Statuses and accounts found by walking the raw JSON (no schema, no mapper code). */
export function mastodonWalk(value: unknown) {
  const statuses: Json[] = [];
  const accounts: Json[] = [];
  const addStatus = (s: Json): void => {
    statuses.push(s);
    if (obj(s.reblog)) addStatus(s.reblog);
    const quoted = obj(s.quote) ? s.quote.quoted_status : null;
    if (obj(quoted)) addStatus(quoted);
  };
  const add = (x: Json): void => ('account' in x ? addStatus(x) : void accounts.push(x));
  if (Array.isArray(value)) objects(value).forEach(add);
  else if (obj(value) && 'descendants' in value)
    [...objects(value.ancestors), ...objects(value.descendants)].forEach(add);
  else if (obj(value)) add(value);
  return { statuses, accounts };
}

/**
 * Counts worked out from a Mastodon response: statuses by `uri` (a boost's and a quote's inner status
 * count too), accounts by `url`, hashtags and mentions distinct per status (a status lists each tag once,
 * case aside), links, references for boosts, replies and quotes.
 */
export function mastodonCounts(value: unknown) {
  const { statuses, accounts } = mastodonWalk(value);
  const byUri = new Map(statuses.map((s) => [s.uri as string, s]));
  const all = [...byUri.values()];
  const sum = (f: (s: Json) => number) => all.reduce((n, s) => n + f(s), 0);
  const distinct = (xs: Json[], key: string) => new Set(xs.map((x) => String(x[key]).toLowerCase())).size;
  const quote = (s: Json): Json => (obj(s.quote) ? s.quote : {});
  return {
    posts: byUri.size,
    // Every account is one channel: the authors of the statuses and the accounts listed on their own.
    accounts: new Set([...statuses.map((s) => (s.account as Json).url), ...accounts.map((a) => a.url)]).size,
    // A boost, a reply and a quote are references of different kinds: the (post, kind, target) key collapses none.
    refs: sum(
      (s) =>
        [s.reblog, s.in_reply_to_id, quote(s).quoted_status ?? quote(s).quoted_status_id].filter(Boolean)
          .length,
    ),
    hashtags: sum((s) => distinct(objects(s.tags), 'name')),
    mentions: sum((s) => distinct(objects(s.mentions), 'acct')),
    links: sum(linksOf),
    media: sum((s) => objects(s.media_attachments).length),
  };
}
