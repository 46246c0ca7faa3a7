import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blueskyCounts } from '../../../test/helpers/raw-counts/bluesky.js';
import { mapBluesky } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/bluesky');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const NOW = '2026-11-21T00:00:00.000Z';

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
      const { channels: _channels, ...raw } = blueskyCounts(doc);
      expect(got).toEqual(raw);
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
