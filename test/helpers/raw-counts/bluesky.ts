import { arr, obj, type Json } from './json.js';

const POST = '/app.bsky.feed.post/';
const didOf = (uri: string) => uri.split('/')[2] ?? uri;

/**
 * Counts worked out from a Bluesky response by a different route than the mapper: a generic walk over the
 * whole tree that recognises post views, post records, repost reasons and profiles by their keys (no
 * schemas). Embedded quote views and `viewer` blocks are not walked: they are not imported.
 */
export function blueskyCounts(doc: unknown) {
  const records = new Map<string, Json>(); // uri -> app.bsky.feed.post record
  const reposts = new Map<string, string>(); // repost post -> reposting DID
  const dids = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (!obj(v) || key === 'embed' || key === 'viewer') return;
    const uri = typeof v.uri === 'string' && v.uri.includes(POST) ? v.uri : null;
    if (uri && obj(v.record) && obj(v.author)) records.set(uri, v.record);
    if (uri && obj(v.value) && v.value.$type === 'app.bsky.feed.post') records.set(uri, v.value);
    if (obj(v.reason) && v.reason.$type === 'app.bsky.feed.defs#reasonRepost' && obj(v.post)) {
      const by = String((v.reason.by as Json).did);
      reposts.set(`${by} ${String(v.post.uri)}`, by);
    }
    const profileKeys = ['author', 'by', 'grandparentAuthor', 'subject', 'profiles', 'followers'];
    if (profileKeys.includes(key) && typeof v.did === 'string' && typeof v.handle === 'string')
      dids.add(v.did);
    for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(doc, '');
  let refs = reposts.size;
  let hashtags = 0;
  let mentions = 0;
  let links = 0;
  let media = 0;
  for (const r of records.values()) {
    const embed = obj(r.embed) ? r.embed : {};
    const inner = obj(embed.media) ? embed.media : embed;
    const quoted = obj(embed.record) ? (obj(embed.record.record) ? embed.record.record : embed.record) : {};
    // A reply and a quote are references of different kinds: the (post, kind, target) key collapses none.
    refs += (r.reply ? 1 : 0) + (typeof quoted.uri === 'string' && quoted.uri.includes(POST) ? 1 : 0);
    const urls = new Set<string>();
    for (const f of arr(r.facets) as Json[]) {
      for (const feature of arr(f.features) as Json[]) {
        if (feature.$type === 'app.bsky.richtext.facet#tag') hashtags++;
        if (feature.$type === 'app.bsky.richtext.facet#mention') mentions++;
        if (feature.$type === 'app.bsky.richtext.facet#link') urls.add(String(feature.uri));
      }
    }
    if (obj(inner.external)) urls.add(String(inner.external.uri));
    links += urls.size;
    media += arr(inner.images).length + (obj(inner.video) ? 1 : 0);
  }
  // Channels: every profile met, and the author of every post (the DID in its at:// URI) and repost.
  const channels = new Set([...dids, ...[...records.keys()].map(didOf), ...reposts.values()]);
  return {
    posts: records.size + reposts.size,
    accounts: dids.size,
    channels: channels.size,
    refs,
    hashtags,
    mentions,
    links,
    media,
  };
}
