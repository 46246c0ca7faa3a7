import { Names, attr, isObject, textOf, type Namespace } from './nodes.js';
import { normaliseLang } from '../../domain/language.js';
import { httpUrl } from '../shared/http-url.js';
import type { XmlObject } from './xml.js';

/** What a feed says about itself (RSS `<channel>`, Atom `<feed>`), and where its entries are. */

export type FeedFormat = 'rss' | 'rdf' | 'atom';

/** A text construct: RSS descriptions and Atom `type="html"`/`"xhtml"` are HTML, the rest plain text. */
export interface TextValue {
  value: string;
  html: boolean;
}

export interface FeedHead {
  format: FeedFormat;
  youtube: boolean;
  names: Names;
  /** The stable account id: Atom `<id>`, else the feed's own (self) URL, else its site link. */
  feedId: string | null;
  /** The site the feed belongs to (RSS `<link>`, Atom `rel="alternate"`). */
  siteUrl: string | null;
  /** YouTube channel id with its `UC` prefix, when the feed is a YouTube feed. */
  channelId: string | null;
  title: string | null;
  description: TextValue | null;
  avatarUrl: string | null;
  lang: string | null;
  entries: unknown[];
}

const CHANNEL_ID = /^(?:UC)?([A-Za-z0-9_-]{22})$/;
const YT_CHANNEL_PREFIX = /^yt:channel:/;
const CHANNEL_IN_URL = /\/channel\/(UC[A-Za-z0-9_-]{22})(?:[/?#]|$)|[?&]channel_id=(UC[A-Za-z0-9_-]{22})/;

/**
 * A YouTube channel id always starts with `UC` followed by 22 characters; some feeds write it without the
 * prefix (the feed-level `<yt:channelId>` of YouTube's own feeds does).
 */
export function normaliseChannelId(raw: string | null): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(YT_CHANNEL_PREFIX, '');
  const bare = CHANNEL_ID.exec(s);
  if (bare?.[1]) return `UC${bare[1]}`;
  const inUrl = CHANNEL_IN_URL.exec(s);
  return inUrl?.[1] ?? inUrl?.[2] ?? null;
}

export function atomText(node: unknown): TextValue | null {
  const value = textOf(node);
  if (!value) return null;
  const type = attr(node, 'type') ?? attr(node, 'mode') ?? 'text';
  return { value, html: type.includes('html') || type === 'escaped' };
}

/** `href` of the first link with one of `rels` (an Atom link without `rel` is `alternate`). */
export function atomLink(names: Names, node: unknown, ns: Namespace, rels: string[]): string | null {
  for (const link of names.all(node, ns, 'link')) {
    const rel = attr(link, 'rel') ?? 'alternate';
    const href = attr(link, 'href');
    if (href && rels.includes(rel)) return href;
  }
  return null;
}

/** RSS 1.0 names channels and items by `rdf:about` (by convention the feed's and the item's URL). */
export function rdfAbout(names: Names, node: unknown): string | null {
  for (const key of names.keys('rdf', 'about')) {
    const value = attr(node, key);
    if (value) return value;
  }
  return null;
}

function rssHead(root: XmlObject, rdf: boolean): FeedHead | string {
  const base = new Names([root]);
  const ns = rdf ? 'rss1' : null;
  const channel = base.one(root, ns, 'channel');
  if (!isObject(channel)) return rdf ? 'an RDF feed without <channel>' : 'an RSS feed without <channel>';
  const names = new Names([root, channel]);
  const siteUrl = httpUrl(names.text(channel, ns, 'link'));
  const self = atomLink(names, channel, 'atom', ['self']);
  const feedId = httpUrl(self) ?? (rdf ? httpUrl(rdfAbout(names, channel)) : null) ?? siteUrl;
  const description = names.text(channel, ns, 'description');
  const image = rdf ? names.one(root, ns, 'image') : names.one(channel, null, 'image');
  const lang =
    names.text(channel, null, 'language') ??
    names.text(channel, 'dc', 'language') ??
    attr(channel, 'xml:lang') ??
    attr(root, 'xml:lang');
  return {
    format: rdf ? 'rdf' : 'rss',
    youtube: false,
    names,
    feedId,
    siteUrl,
    channelId: null,
    title: names.text(channel, ns, 'title'),
    // RSS defines the channel description as plain text (item descriptions may be HTML).
    description: description ? { value: description, html: false } : null,
    avatarUrl: httpUrl(names.text(image, ns, 'url') ?? attr(image, 'rdf:resource')),
    lang: normaliseLang(lang),
    // RSS 0.9x and RDF put items beside the channel; RSS 2.0 inside it.
    entries: [...names.all(channel, ns, 'item'), ...names.all(root, ns, 'item')],
  };
}

function atomHead(root: XmlObject): FeedHead {
  const names = new Names([root]);
  const entries = names.all(root, 'atom', 'entry');
  const firstEntry = entries[0];
  const youtube = names.declares('yt') || names.text(firstEntry, 'yt', 'videoId') !== null;
  const self = atomLink(names, root, 'atom', ['self']);
  const siteUrl = httpUrl(atomLink(names, root, 'atom', ['alternate']));
  const author = names.one(root, 'atom', 'author');
  const channelId = youtube
    ? (normaliseChannelId(names.text(root, 'yt', 'channelId')) ??
      normaliseChannelId(names.text(root, 'atom', 'id')) ??
      normaliseChannelId(names.text(firstEntry, 'yt', 'channelId')) ??
      normaliseChannelId(names.text(author, 'atom', 'uri')) ??
      normaliseChannelId(self))
    : null;
  const id = names.text(root, 'atom', 'id');
  return {
    format: 'atom',
    youtube,
    names,
    feedId: youtube ? channelId : (httpUrl(id) ?? id?.trim() ?? httpUrl(self) ?? siteUrl),
    siteUrl,
    channelId,
    title: names.text(root, 'atom', 'title') ?? textOf(names.one(author, 'atom', 'name')),
    description: atomText(names.one(root, 'atom', 'subtitle')),
    avatarUrl: httpUrl(names.text(root, 'atom', 'logo') ?? names.text(root, 'atom', 'icon'), siteUrl),
    lang: normaliseLang(attr(root, 'xml:lang')),
    entries,
  };
}

/** The feed's head, or a message saying why the document is not a feed this connector reads. */
export function readHead(doc: XmlObject): FeedHead | string {
  for (const [key, value] of Object.entries(doc)) {
    const local = key.slice(key.indexOf(':') + 1);
    const root = isObject(value) ? value : {};
    if (local === 'rss') return rssHead(root, false);
    if (local === 'RDF') return rssHead(root, true);
    if (local === 'feed') return atomHead(root);
  }
  const first = Object.keys(doc)[0];
  return first ? `the document element <${first}> is not rss, rdf:RDF or feed` : 'the document is empty';
}
