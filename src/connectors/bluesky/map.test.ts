import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapBluesky } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/bluesky');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const NOW = '2026-11-21T00:00:00.000Z';

type Json = Record<string, unknown>;
const obj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const POST = '/app.bsky.feed.post/';

/**
 * Counts worked out from the raw JSON by a different route than the mapper: a generic walk over the whole
 * tree that recognises post views, post records, repost reasons and profiles by their keys (no schemas).
 * Embedded quote views and `viewer` blocks are not walked: they are not imported.
 */
function independentCounts(doc: unknown) {
  const records = new Map<string, Json>(); // uri -> app.bsky.feed.post record
  const reposts = new Set<string>();
  const dids = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (!obj(v) || key === 'embed' || key === 'viewer') return;
    const uri = typeof v.uri === 'string' && v.uri.includes(POST) ? v.uri : null;
    if (uri && obj(v.record) && obj(v.author)) records.set(uri, v.record);
    if (uri && obj(v.value) && v.value.$type === 'app.bsky.feed.post') records.set(uri, v.value);
    if (obj(v.reason) && v.reason.$type === 'app.bsky.feed.defs#reasonRepost' && obj(v.post)) {
      reposts.add(`${String((v.reason.by as Json).did)} ${String(v.post.uri)}`);
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
  return { posts: records.size + reposts.size, accounts: dids.size, refs, hashtags, mentions, links, media };
}

function mappedCounts(doc: unknown) {
  const out = mapBluesky(doc, NOW);
  const sum = (k: 'refs' | 'hashtags' | 'mentions' | 'links' | 'media') =>
    out.posts.reduce((n, p) => n + p[k].length, 0);
  const got = {
    posts: new Set(out.posts.map((p) => p.platformPostId)).size,
    accounts: new Set(out.accounts.map((a) => a.platformUserId)).size,
    refs: sum('refs'),
    hashtags: sum('hashtags'),
    mentions: sum('mentions'),
    links: sum('links'),
    media: sum('media'),
  };
  return { got, out };
}

const REAL = [
  'app.bsky.feed.getAuthorFeed.json',
  'app.bsky.feed.getPostThread.json',
  'com.atproto.repo.listRecords.json',
  'com.atproto.repo.getRecord.json',
  'app.bsky.actor.getProfiles.json',
  'app.bsky.graph.getFollowers.json',
  'multibyte-facets.json',
];

describe('Bluesky mapper on the real fixtures', () => {
  it.each(REAL)(
    '%s: posts, accounts, refs, hashtags, mentions, links and media match the raw JSON',
    (file) => {
      const doc = load(file);
      const { got, out } = mappedCounts(doc);
      expect(got).toEqual(independentCounts(doc));
      expect(got.posts + got.accounts).toBeGreaterThan(0);
      expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(out.posts.length).toBe(got.posts); // no post emitted twice
    },
  );

  it('author feed: the deleted reply parents become warnings, one per URI', () => {
    const { out } = mappedCounts(load('app.bsky.feed.getAuthorFeed.json'));
    expect(out.issues.map((i) => i.code)).toEqual([
      'post-unavailable',
      'post-unavailable',
      'post-unavailable',
    ]);
    expect(new Set(out.issues.map((i) => i.recordKey)).size).toBe(3);
  });

  it('a repost in the feed: a repost post by the feed owner and the original post', () => {
    const out = mapBluesky(load('app.bsky.feed.getAuthorFeed.json'), NOW);
    const original = 'at://did:plc:n65dhyosfrm6t7jhzum76exq/app.bsky.feed.post/3lnneysi3ps2c';
    const reposts = out.posts.filter((p) =>
      p.refs.some((r) => r.targetId === original && r.kind === 'repost'),
    );
    expect(reposts).toHaveLength(1);
    expect(reposts[0]).toMatchObject({
      platformPostId: `did:plc:wpe35pganb6d4pg4ekmfy6u5/repost/${original}`,
      kind: 'repost',
      author: { platformUserId: 'did:plc:wpe35pganb6d4pg4ekmfy6u5', handle: 'chriskenny.bsky.social' },
      publishedAt: '2025-04-25T18:43:12.048Z',
      text: null,
      metrics: null,
    });
    const post = out.posts.find((p) => p.platformPostId === original)!;
    expect(post).toMatchObject({
      kind: 'original',
      author: { platformUserId: 'did:plc:n65dhyosfrm6t7jhzum76exq', handle: 'mickael.canouil.fr' },
      publishedAt: '2025-04-25T13:59:17.980Z',
      url: 'https://bsky.app/profile/mickael.canouil.fr/post/3lnneysi3ps2c',
      lang: 'en',
      metrics: {
        observedAt: NOW,
        likes: 13,
        reposts: 6,
        replies: 0,
        quotes: 0,
        views: null,
        bookmarks: null,
      },
      links: [{ url: 'https://github.com/mcanouil/awesome-quarto', domain: 'github.com', expandedUrl: null }],
    });
    expect(post.hashtags.map((h) => h.tag)).toEqual([
      'QuartoPub',
      'Quarto',
      'ObservableJS',
      'RStats',
      'Python',
      'JuliaLang',
      'AwesomeQuarto',
    ]);
    expect(post.hashtags[3]).toEqual({ tag: 'RStats', norm: 'rstats' });
  });

  it('a quote with an image (recordWithMedia): kind, quote target, media with size and CDN URL', () => {
    const out = mapBluesky(load('app.bsky.feed.getAuthorFeed.json'), NOW);
    const q = out.posts.find((p) => p.platformPostId.endsWith('/3loagm2phgk2t'))!;
    expect(q).toMatchObject({
      kind: 'quote',
      publishedAt: '2025-05-03T03:48:32.922Z',
      refs: [
        { kind: 'quote', targetId: 'at://did:plc:qnzaaisqa3lafzmtjxt5nt52/app.bsky.feed.post/3loacnvvpgn22' },
      ],
      hashtags: [{ tag: 'rstats', norm: 'rstats' }],
      media: [
        {
          kind: 'image',
          platformMediaId: 'bafkreiddvkgel6hcfrwzkcm3l2tclrhryrlmcczhxigwkcowi37wt5a5by',
          width: 652,
          height: 348,
          altText: null,
        },
      ],
    });
    expect(q.media[0]?.url).toMatch(/^https:\/\/cdn\.bsky\.app\/img\/feed_fullsize\/.*@jpeg$/);
    expect(q.text?.startsWith('#rstats `bskyr` 0.3.0 is now on CRAN.')).toBe(true);
  });

  it('a reply: parent reference, conversation root, metrics from the view', () => {
    const out = mapBluesky(load('app.bsky.feed.getAuthorFeed.json'), NOW);
    const r = out.posts.find((p) => p.platformPostId.endsWith('/3lof7sovfok2h'))!;
    const parent = 'at://did:plc:z4cp3uwgxiioi7uaxn2boq47/app.bsky.feed.post/3lobj4swhjo2x';
    expect(r).toMatchObject({
      kind: 'reply',
      publishedAt: '2025-05-05T01:30:17.912Z',
      refs: [{ kind: 'reply', targetId: parent }],
      conversationId: parent,
      metrics: { likes: 0, reposts: 0, replies: 1, quotes: 0 },
    });
  });

  it('a reply that quotes (raw record): both references, kind reply, DID in the URL, no metrics', () => {
    const out = mapBluesky(load('com.atproto.repo.listRecords.json'), NOW);
    const r = out.posts.find((p) => p.platformPostId.endsWith('/3kmidx45q5h2u'))!;
    expect(r).toMatchObject({
      kind: 'reply',
      author: { platformUserId: 'did:plc:wpe35pganb6d4pg4ekmfy6u5', handle: null },
      publishedAt: '2024-02-28T15:05:44.216Z', // written with microseconds
      refs: [
        { kind: 'reply', targetId: 'at://did:plc:5c2r73erhng4bszmxlfdtscf/app.bsky.feed.post/3kexwuoyqj32g' },
        { kind: 'quote', targetId: 'at://did:plc:5c2r73erhng4bszmxlfdtscf/app.bsky.feed.post/3kf24wd6cmb2a' },
      ],
      url: 'https://bsky.app/profile/did:plc:wpe35pganb6d4pg4ekmfy6u5/post/3kmidx45q5h2u',
      metrics: null,
    });
    expect(out.accounts).toEqual([]);
  });

  it('facet byte offsets over multi-byte text: mentions read from the right bytes (real and written)', () => {
    const feed = mapBluesky(load('app.bsky.feed.getAuthorFeed.json'), NOW);
    const real = feed.posts.find((p) => p.platformPostId.endsWith('/3lo7irc7njk2p'))!;
    expect(real.mentions).toEqual([
      { handle: 'typst.app', norm: 'typst.app', platformUserId: 'did:plc:piqt524vrygsw4abvfzbp4el' },
      { handle: 'quarto.org', norm: 'quarto.org', platformUserId: 'did:plc:yvu4igag5eha3sbbbx7poz2p' },
    ]);
    const gh = feed.posts.find((p) => p.platformPostId.endsWith('/3ll242ifkjk2q'))!;
    expect(gh.hashtags).toEqual([
      { tag: 'rstats', norm: 'rstats' },
      { tag: 'GitHub', norm: 'github' },
    ]);
    const out = mapBluesky(load('multibyte-facets.json'), NOW);
    expect(out.issues).toEqual([]);
    expect(out.posts[0]).toMatchObject({
      hashtags: [{ tag: 'Diplomatie', norm: 'diplomatie' }],
      mentions: [
        {
          handle: 'ambassade.example.net',
          norm: 'ambassade.example.net',
          platformUserId: 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb',
        },
      ],
      lang: 'fr',
    });
  });

  it('profiles and followers become account snapshots; counters only where the source has them', () => {
    const [profile] = mapBluesky(load('app.bsky.actor.getProfiles.json'), NOW).accounts;
    expect(profile).toMatchObject({
      platformUserId: 'did:plc:wpe35pganb6d4pg4ekmfy6u5',
      handle: 'chriskenny.bsky.social',
      displayName: 'Chris Kenny',
      followers: 554,
      following: 296,
      postCount: 65,
      observedAt: NOW,
      verified: null,
    });
    const followers = mapBluesky(load('app.bsky.graph.getFollowers.json'), NOW).accounts;
    expect(followers[0]?.handle).toBe('chriskenny.bsky.social'); // the subject first
    expect(followers.every((a) => a.followers === null && a.postCount === null)).toBe(true);
  });

  it('a resolveHandle answer is a warning, an unknown response an error', () => {
    expect(mapBluesky(load('com.atproto.identity.resolveHandle.json'), NOW).issues[0]?.code).toBe(
      'no-records',
    );
    const unknown = mapBluesky({ hello: 'world' }, NOW);
    expect(unknown.issues).toMatchObject([{ code: 'unknown-shape', severity: 'error' }]);
    expect(mapBluesky(42, NOW).issues[0]?.code).toBe('bad-record');
  });
});
