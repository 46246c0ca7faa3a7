import type { CanonicalPost } from '../../domain/canonical.js';
import { atomLink, atomText, normaliseChannelId, rdfAbout, type FeedHead, type TextValue } from './head.js';
import { attr, count, isObject, textOf, type Names } from './nodes.js';

/** One `<item>`/`<entry>` read into format-neutral fields; turning them into a post is map.ts's job. */

export type Media = CanonicalPost['media'][number];

export interface RawEntry {
  /** guid, Atom id, `rdf:about`, or the YouTube video id — as written. */
  id: string | null;
  /** False when an RSS guid says `isPermaLink="false"`: then it is not a URL to show. */
  idIsLink: boolean;
  link: string | null;
  title: TextValue | null;
  body: TextValue | null;
  /** Date candidates in order of preference; the first one that parses is the publication time. */
  dates: string[];
  /** Atom `<updated>` (YouTube: when the counters were last refreshed). */
  updated: string | null;
  categories: string[];
  media: Media[];
  lang: string | null;
  channelId: string | null;
  views: number | null;
  ratings: number | null;
  comments: number | null;
}

const YT_VIDEO_PREFIX = /^yt:video:/;

function mediaKind(medium: string | null, type: string | null): Media['kind'] {
  const m = (medium ?? '').toLowerCase();
  const t = (type ?? '').toLowerCase();
  if (m === 'image' || t.startsWith('image/')) return t === 'image/gif' ? 'gif' : 'image';
  if (m === 'video' || t.startsWith('video/') || t.includes('shockwave-flash')) return 'video';
  if (m === 'audio' || t.startsWith('audio/')) return 'audio';
  if (m === 'document' || m === 'executable' || t.startsWith('application/')) return 'file';
  return 'other';
}

function medium(kind: Media['kind'], node: unknown, url: string | null, id: string | null = null): Media {
  const seconds = Number(attr(node, 'duration'));
  return {
    kind,
    platformMediaId: id,
    url,
    altText: null,
    width: count(attr(node, 'width')),
    height: count(attr(node, 'height')),
    durationMs: attr(node, 'duration') && Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
  };
}

function collectMedia(names: Names, entry: unknown, videoId: string | null): Media[] {
  const out: Media[] = [];
  const groups = [entry, ...names.all(entry, 'media', 'group')];
  for (const group of groups) {
    for (const c of names.all(group, 'media', 'content')) {
      const kind = mediaKind(attr(c, 'medium'), attr(c, 'type'));
      out.push(medium(kind, c, attr(c, 'url'), kind === 'video' ? videoId : null));
      for (const t of names.all(c, 'media', 'thumbnail')) out.push(medium('image', t, attr(t, 'url')));
    }
    for (const t of names.all(group, 'media', 'thumbnail')) out.push(medium('image', t, attr(t, 'url')));
  }
  for (const e of names.all(entry, null, 'enclosure')) {
    out.push(medium(mediaKind(null, attr(e, 'type')), e, attr(e, 'url')));
  }
  for (const l of names.all(entry, 'atom', 'link')) {
    if (attr(l, 'rel') === 'enclosure')
      out.push(medium(mediaKind(null, attr(l, 'type')), l, attr(l, 'href')));
  }
  const seen = new Set<string>();
  return out.filter((m) => {
    if (!m.url || seen.has(m.url)) return false;
    seen.add(m.url);
    return true;
  });
}

function texts(values: unknown[]): string[] {
  return values.map(textOf).filter((t): t is string => t !== null);
}

function youtubeCounters(names: Names, entry: unknown): { views: number | null; ratings: number | null } {
  const communities = [entry, ...names.all(entry, 'media', 'group')].flatMap((g) =>
    names.all(g, 'media', 'community'),
  );
  const stats = communities.flatMap((c) => names.all(c, 'media', 'statistics'))[0];
  const rating = communities.flatMap((c) => names.all(c, 'media', 'starRating'))[0];
  return { views: count(attr(stats, 'views')), ratings: count(attr(rating, 'count')) };
}

export function readEntry(head: FeedHead, entry: unknown): RawEntry {
  const { names } = head;
  const lang = attr(entry, 'xml:lang') ?? names.text(entry, 'dc', 'language');
  const comments = count(names.text(entry, 'slash', 'comments'));
  const shared = { lang, comments, views: null, ratings: null, channelId: null, updated: null };
  if (head.format === 'atom') {
    const videoId = head.youtube ? names.text(entry, 'yt', 'videoId') : null;
    const id = names.text(entry, 'atom', 'id');
    const group = names.one(entry, 'media', 'group');
    const ytDescription =
      names.text(group, 'media', 'description') ?? names.text(entry, 'media', 'description');
    const body =
      atomText(names.one(entry, 'atom', 'content')) ??
      atomText(names.one(entry, 'atom', 'summary')) ??
      (ytDescription ? { value: ytDescription, html: false } : null);
    const updated = names.text(entry, 'atom', 'updated') ?? names.text(entry, 'atom', 'modified');
    return {
      ...shared,
      ...(head.youtube ? youtubeCounters(names, entry) : {}),
      id: videoId ?? (head.youtube && id ? id.replace(YT_VIDEO_PREFIX, '') : id),
      idIsLink: false,
      link: atomLink(names, entry, 'atom', ['alternate']),
      title: atomText(names.one(entry, 'atom', 'title')),
      body,
      dates: [
        names.text(entry, 'atom', 'published'),
        names.text(entry, 'atom', 'issued'),
        updated,
        names.text(entry, 'atom', 'created'),
        names.text(entry, 'dc', 'date'),
      ].filter((d): d is string => d !== null),
      updated,
      categories: [
        ...names
          .all(entry, 'atom', 'category')
          .map((c) => attr(c, 'term'))
          .filter((t): t is string => t !== null),
        ...texts(names.all(entry, 'dc', 'subject')),
      ],
      media: collectMedia(names, entry, videoId),
      channelId: head.youtube ? normaliseChannelId(names.text(entry, 'yt', 'channelId')) : null,
    };
  }
  const ns = head.format === 'rdf' ? 'rss1' : null;
  const guid = names.one(entry, null, 'guid');
  const html = (v: string | null): TextValue | null => (v ? { value: v, html: true } : null);
  const title = names.text(entry, ns, 'title');
  return {
    ...shared,
    id: textOf(guid) ?? (head.format === 'rdf' ? rdfAbout(names, entry) : null),
    idIsLink: isObject(guid) ? attr(guid, 'isPermaLink') !== 'false' : guid !== undefined,
    link: names.text(entry, ns, 'link') ?? atomLink(names, entry, 'atom', ['alternate']),
    title: title ? { value: title, html: false } : null,
    body: html(names.text(entry, 'content', 'encoded')) ?? html(names.text(entry, ns, 'description')),
    dates: [
      names.text(entry, null, 'pubDate'),
      names.text(entry, 'dc', 'date'),
      names.text(entry, 'dcterms', 'issued'),
      names.text(entry, 'dcterms', 'created'),
      names.text(entry, 'atom', 'published'),
      names.text(entry, 'atom', 'updated'),
      names.text(entry, 'dcterms', 'modified'),
    ].filter((d): d is string => d !== null),
    categories: [...texts(names.all(entry, null, 'category')), ...texts(names.all(entry, 'dc', 'subject'))],
    media: collectMedia(names, entry, null),
  };
}
