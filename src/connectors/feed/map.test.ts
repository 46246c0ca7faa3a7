import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { feedCounts } from '../../../test/helpers/raw-counts/feed.js';
import { mapFeed } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/feed');
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const NOW = '2026-11-21T00:00:00.000Z';

function mappedCounts(xml: string) {
  const out = mapFeed(xml, NOW);
  const sum = (f: (p: (typeof out.posts)[number]) => number) => out.posts.reduce((n, p) => n + f(p), 0);
  return {
    counts: {
      posts: out.posts.length,
      links: sum((p) => p.links.length),
      media: sum((p) => p.media.length),
      hashtags: sum((p) => p.hashtags.length),
    },
    out,
  };
}

const WELL_FORMED = [
  'atom-feed-youtube.xml',
  'feed-test.xml',
  'feed-test-ru.xml',
  'feed-google-blog.xml',
  'feed-dcdate.xml',
  'rss1-rdf.xml',
  'atom-blog.xml',
];

describe('feed mapper on the real and hand-written well-formed feeds', () => {
  it('the fixtures exercise every counted relation (a count of zero everywhere would prove nothing)', () => {
    const totals = WELL_FORMED.map((f) => feedCounts(read(f)));
    for (const key of ['posts', 'links', 'media', 'hashtags'] as const) {
      expect(totals.reduce((n, t) => n + t[key], 0)).toBeGreaterThan(2);
    }
  });

  it.each(WELL_FORMED)(
    '%s: posts, links, media and hashtags match the raw XML, one account, no errors',
    (file) => {
      const xml = read(file);
      const { counts, out } = mappedCounts(xml);
      const { posts, links, media, hashtags } = feedCounts(xml);
      expect(counts).toEqual({ posts, links, media, hashtags });
      expect(counts.posts).toBeGreaterThan(0);
      expect(out.accounts).toHaveLength(1);
      expect(out.issues).toEqual([]);
      for (const p of out.posts) {
        expect(p.kind).toBe('original');
        expect(p.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(p.text).not.toMatch(/<\/?(p|a|div|img)\b/);
      }
    },
  );

  it('maps a YouTube channel feed: video id, channel id with UC, views, likes, observation time', () => {
    const { posts, accounts } = mapFeed(read('atom-feed-youtube.xml'), NOW);
    // The feed-level <yt:channelId> is written without "UC"; both levels must give the same channel.
    expect(accounts[0]).toMatchObject({
      platform: 'youtube',
      platformUserId: 'UCP7uiEZIqci43m22KDl0sNw',
      handle: 'UCP7uiEZIqci43m22KDl0sNw',
      displayName: 'Kotlin by JetBrains',
      followers: null,
      postCount: null,
    });
    expect(posts[0]).toMatchObject({
      platform: 'youtube',
      platformPostId: 'ULBuIB9lHkc',
      author: { platformUserId: 'UCP7uiEZIqci43m22KDl0sNw' },
      publishedAt: '2024-12-16T15:10:21.000Z',
      url: 'https://www.youtube.com/watch?v=ULBuIB9lHkc',
      lang: null,
      editedAt: null,
      hashtags: [
        { tag: 'kotlin', norm: 'kotlin' },
        { tag: 'coffee', norm: 'coffee' },
      ],
      metrics: { observedAt: '2024-12-18T03:11:58.000Z', views: 4689, likes: 247, replies: null },
    });
    expect(posts[0]?.text).toMatch(/^Multi-dollar String Interpolation in Kotlin \| \$\$\n\nKotlin’s string/);
    expect(posts[0]?.media[0]).toMatchObject({ kind: 'video', platformMediaId: 'ULBuIB9lHkc' });
  });

  it('keeps Cyrillic text, the +0300 offset and the feed language of a Russian feed', () => {
    const { posts, accounts } = mapFeed(read('feed-test-ru.xml'), NOW);
    expect(accounts[0]?.displayName).toBe('Аргументы и Факты');
    expect(posts[0]).toMatchObject({
      platform: 'rss',
      publishedAt: '2019-05-18T07:52:50.000Z',
      lang: 'ru',
      hashtags: [{ tag: 'Происшествия', norm: 'происшествия' }],
      author: { platformUserId: 'http://www.aif.ru/', handle: 'http://www.aif.ru/' },
    });
    expect(posts[0]?.text?.split('\n')[0]).toBe(
      'СМИ: собака в Таиланде спасла заживо похороненного младенца',
    );
  });

  it('identifies an RSS feed by its self link, keeps a real zero comment count, reads dc:date', () => {
    const aa = mapFeed(read('feed-test.xml'), NOW);
    expect(aa.accounts[0]).toMatchObject({
      platformUserId: 'https://www.androidauthority.com/feed/',
      handle: 'https://www.androidauthority.com/',
    });
    expect(aa.posts[0]?.metrics).toMatchObject({ replies: 0, likes: null, views: null, observedAt: NOW });
    const fr = mapFeed(read('feed-dcdate.xml'), NOW).posts[0];
    expect(fr).toMatchObject({ publishedAt: '2025-02-26T16:42:45.000Z', lang: 'fr' });
    expect(fr?.text).toContain('Le 26\u00a0février, la Commission européenne');
  });

  it('turns only single-word categories into hashtags', () => {
    const google = mapFeed(read('feed-google-blog.xml'), NOW).posts;
    expect(google.map((p) => p.hashtags.map((h) => h.tag))).toEqual([[], ['NotebookLM', 'Gemini']]);
  });

  it('reads RSS 1.0: rdf:about as the feed id, per-item language, a bare dc:date as midnight UTC', () => {
    const { posts, accounts } = mapFeed(read('rss1-rdf.xml'), NOW);
    expect(accounts[0]).toMatchObject({
      platformUserId: 'https://diplo.example.org/rss.rdf',
      avatarUrl: 'https://diplo.example.org/logo.png',
    });
    expect(posts.map((p) => [p.lang, p.publishedAt])).toEqual([
      ['de', '2024-03-01T09:15:00.000Z'],
      ['en', '2024-03-02T00:00:00.000Z'],
    ]);
    expect(posts[1]?.text).toBe('Second note\n\nPlain summary & more');
  });

  it('reads Atom: xhtml content, relative links, edits, and a stable hash id for an entry without id', () => {
    const first = mapFeed(read('atom-blog.xml'), NOW);
    const [visit, bare] = first.posts;
    expect(visit).toMatchObject({
      platformPostId: 'tag:blog.example.org,2024:entry-1',
      text: 'Visita oficial\n\nTexto & agenda.\n\nSegundo párrafo',
      publishedAt: '2024-05-01T06:00:00.000Z',
      editedAt: '2024-05-01T10:30:00.000Z',
      lang: 'es',
      links: [{ url: 'https://blog.example.org/2024/agenda', domain: 'blog.example.org' }],
    });
    expect(first.accounts[0]?.bio).toBe('Noticias de la embajada');
    expect(bare?.platformPostId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(mapFeed(read('atom-blog.xml'), '2030-01-01T00:00:00.000Z').posts[1]?.platformPostId).toBe(
      bare?.platformPostId,
    );
    const otherFeed = read('atom-blog.xml').replace('2024:feed', '2024:other-feed');
    expect(mapFeed(otherFeed, NOW).posts[1]?.platformPostId).not.toBe(bare?.platformPostId);
  });
});
