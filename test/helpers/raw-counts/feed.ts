import { DomUtils, parseDocument } from 'htmlparser2';

type El = ReturnType<typeof DomUtils.findAll>[number];
const find = (test: (e: El) => boolean, nodes: El[]) => DomUtils.findAll(test, nodes);
const firstNamed = (item: El, names: string[]) =>
  names.map((n) => find((e) => e.name === n, [item])[0]).find((e) => e !== undefined);
const httpOnly = (href: string, base: string | undefined): string | null => {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol.startsWith('http') ? u.href : null;
  } catch {
    return null;
  }
};

/**
 * Counts worked out from the raw XML by another route than the mapper: htmlparser2's DOM in XML mode (not
 * fast-xml-parser), element names as written, anchors found in a DOM of the body (not a token stream).
 * Links and media are distinct per item (the same URL twice in one item is one link).
 */
export function feedCounts(xml: string) {
  const dom = parseDocument(xml, { xmlMode: true }).children.filter((n): n is El => 'name' in n);
  const items = find((e) => e.name === 'item' || e.name === 'entry', dom);
  let links = 0;
  let media = 0;
  let hashtags = 0;
  for (const item of items) {
    const link = firstNamed(item, ['link']);
    const base = link ? (link.attribs.href ?? DomUtils.textContent(link)) : undefined;
    const mediaUrls = find(
      (e) =>
        ['enclosure', 'media:content', 'media:thumbnail', 'm:thumbnail'].includes(e.name) ||
        (e.name === 'link' && e.attribs.rel === 'enclosure'),
      [item],
    ).map((e) => e.attribs.url ?? e.attribs.href);
    media += new Set(mediaUrls).size;
    const body = firstNamed(item, [
      'content:encoded',
      'content',
      'description',
      'summary',
      'media:description',
    ]);
    let anchors: string[] = [];
    if (body?.name === 'media:description') {
      const words = DomUtils.textContent(body).split(/\s+/);
      anchors = words.filter((w) => w.startsWith('http'));
      hashtags += words.filter((w) => /^#\p{L}/u.test(w)).length;
    } else if (body?.attribs.type === 'xhtml') {
      anchors = find((e) => e.name === 'a', [body]).map((a) => a.attribs.href ?? '');
    } else if (body?.attribs.type === 'text') {
      anchors = DomUtils.textContent(body)
        .split(/\s+/)
        .filter((w) => w.startsWith('http'))
        .map((w) => w.replace(/\.$/, ''));
    } else if (body) {
      const html = parseDocument(DomUtils.textContent(body)).children.filter((n): n is El => 'name' in n);
      anchors = find((e) => e.name === 'a' && e.attribs.href !== undefined, html).map((a) => a.attribs.href!);
    }
    links += new Set(anchors.map((a) => httpOnly(a, base)).filter((u) => u !== null)).size;
    const categories = find((e) => e.name === 'category' || e.name === 'dc:subject', [item]).map(
      (e) => e.attribs.term ?? DomUtils.textContent(e).trim(),
    );
    hashtags += categories.filter((c) => c.split(' ').length === 1).length;
  }
  // A feed is one channel, the author of all its items; items reference no post and mention no account.
  return { posts: items.length, channels: 1, refs: 0, mentions: 0, links, media, hashtags };
}
