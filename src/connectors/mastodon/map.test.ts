import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CanonicalPost } from '../../domain/canonical.js';
import { mastodonCounts, mastodonWalk } from '../../../test/helpers/raw-counts/mastodon.js';
import { mastodon } from './index.js';
import { mapMastodon } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/mastodon');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const NOW = '2026-11-21T00:00:00.000Z';

function mappedCounts(value: unknown) {
  const out = mapMastodon(value, NOW);
  const total = (f: (p: CanonicalPost) => unknown[]) => out.posts.reduce((n, p) => n + f(p).length, 0);
  return {
    counts: {
      posts: out.posts.length,
      accounts: out.accounts.length,
      refs: total((p) => p.refs),
      hashtags: total((p) => p.hashtags),
      mentions: total((p) => p.mentions),
      links: total((p) => p.links),
      media: total((p) => p.media),
    },
    out,
  };
}

const post = (posts: CanonicalPost[], uri: string): CanonicalPost => {
  const found = posts.find((p) => p.platformPostId === uri);
  if (!found) throw new Error(`no post ${uri}`);
  return found;
};

describe('Mastodon mapper on the real fixtures', () => {
  it.each([
    'account.json',
    'account_followers.json',
    'account_statuses.json',
    'status.json',
    'status_context.json',
    'timeline_tag.json',
    'reblog_quote.json',
  ])('%s: posts, accounts, references, hashtags, mentions, links and media match the raw JSON', (file) => {
    const value = load(file);
    const { counts, out } = mappedCounts(value);
    expect(counts).toEqual(mastodonCounts(value));
    expect(out.issues).toEqual([]);
    expect(counts.posts + counts.accounts).toBeGreaterThan(0);
  });

  it('maps a reply with an image: text, time, author, parent resolved to its uri, mention, media', () => {
    const { posts } = mapMastodon(load('account_statuses.json'), NOW);
    const reply = post(posts, 'https://fosstodon.org/users/schochastics/statuses/113463462485378169');
    expect(reply).toMatchObject({
      kind: 'reply',
      text: 'Of course the solution is using packages from @coolbutuseless 🙂',
      publishedAt: '2024-11-11T08:50:40.366Z',
      author: { platformUserId: 'https://fosstodon.org/@schochastics', handle: 'schochastics@fosstodon.org' },
      refs: [
        { kind: 'reply', targetId: 'https://fosstodon.org/users/schochastics/statuses/113463305065485853' },
      ],
      mentions: [
        {
          handle: 'coolbutuseless@fosstodon.org',
          norm: 'coolbutuseless@fosstodon.org',
          platformUserId: 'https://fosstodon.org/@coolbutuseless',
        },
      ],
      links: [],
      url: 'https://fosstodon.org/@schochastics/113463462485378169',
      metrics: { observedAt: NOW, likes: 2, reposts: 1, replies: 1, quotes: null, views: null },
    });
    expect(reply.media).toHaveLength(1);
    expect(reply.media[0]).toMatchObject({ kind: 'image', width: 1408, height: 680, durationMs: null });
    expect(reply.media[0]?.altText).toMatch(/^R code to stream zst data\n/);
  });

  it('maps tags as written in the content, normalised, and the shortened link with its full target', () => {
    const { posts } = mapMastodon(load('account_statuses.json'), NOW);
    const aoc = post(posts, 'https://fosstodon.org/users/schochastics/statuses/113593753651856243');
    expect(aoc.kind).toBe('original');
    expect(aoc.text).toBe('#AdventofCode  Day 04 in #Rstats');
    expect(aoc.hashtags).toEqual([
      { tag: 'AdventofCode', norm: 'adventofcode' },
      { tag: 'Rstats', norm: 'rstats' },
    ]);
    expect(aoc.media[0]).toMatchObject({ kind: 'image', width: 1688, height: 2686 });
    const zst = post(posts, 'https://fosstodon.org/users/schochastics/statuses/113463305065485853');
    expect(zst.text).toContain('(like these reddit data: academictorrents.com/details/9…)');
    expect(zst.links).toEqual([
      {
        url: 'https://academictorrents.com/details/9c263fc85366c1ef8f5bb9da0203f4c8c8db75f4',
        expandedUrl: null,
        domain: 'academictorrents.com',
      },
    ]);
  });

  it('maps a boost: the wrapper is the booster’s repost, the boosted status a post of its own', () => {
    const { posts, accounts } = mapMastodon(load('reblog_quote.json'), NOW);
    const boost = post(posts, 'https://home.example/users/booster/statuses/400/activity');
    expect(boost).toMatchObject({
      kind: 'repost',
      author: { platformUserId: 'https://home.example/@booster', handle: 'booster@home.example' },
      publishedAt: '2025-03-01T11:00:00.000Z',
      refs: [{ kind: 'repost', targetId: 'https://far.example/users/Author/statuses/9001' }],
      text: null,
      metrics: null,
    });
    const inner = post(posts, 'https://far.example/users/Author/statuses/9001');
    expect(inner).toMatchObject({
      kind: 'original',
      author: { handle: 'Author@far.example' },
      text: 'Launch day! #OpenData @booster data.example.org/portal/2025/l…',
      hashtags: [{ tag: 'OpenData', norm: 'opendata' }],
      editedAt: '2025-03-01T09:05:00.000Z',
      metrics: { likes: 30, reposts: 12, replies: 3, quotes: 2 },
    });
    expect(inner.links.map((l) => l.url)).toEqual([
      'https://data.example.org/portal/2025/launch-announcement',
    ]);
    expect(inner.media.map((m) => [m.kind, m.durationMs, m.platformMediaId])).toEqual([
      ['gif', 2500, 'https://files.far.example/media/501.mp4'],
      ['audio', 61040, 'https://files.far.example/media/502.mp3'],
      ['other', null, 'https://files.far.example/media/503.bin'],
    ]);
    expect(accounts.find((a) => a.handle === 'Author@far.example')?.followers).toBe(1200);
  });

  it('maps quotes (full and by id) and replies whose parent is not in the response', () => {
    const { posts } = mapMastodon(load('reblog_quote.json'), NOW);
    const refs = (n: number) => post(posts, `https://home.example/users/booster/statuses/${n}`).refs;
    expect(refs(403)).toEqual([
      { kind: 'quote', targetId: 'https://far.example/users/Author/statuses/9001' },
    ]);
    expect(refs(404)).toEqual([
      { kind: 'quote', targetId: 'https://home.example/users/booster/statuses/402' },
    ]);
    expect(refs(402)).toEqual([{ kind: 'reply', targetId: 'https://home.example/api/v1/statuses/999' }]);
  });

  it('resolves context replies to uris in the response, else to the answering instance', () => {
    const raw = load('status_context.json') as { descendants: Record<string, unknown>[] };
    const { posts } = mapMastodon(raw, NOW);
    const uriOf = new Map(raw.descendants.map((s) => [s.id as string, s.uri as string]));
    const expected = raw.descendants.map(
      (s) =>
        uriOf.get(s.in_reply_to_id as string) ??
        `https://mastodon.social/api/v1/statuses/${String(s.in_reply_to_id)}`,
    );
    expect(posts.map((p) => p.refs[0]?.targetId)).toEqual(expected);
    expect(posts.every((p) => p.kind === 'reply')).toBe(true);
  });

  it('gives remote and bridged accounts their full address and local ones their instance', () => {
    const { posts, accounts } = mapMastodon(load('timeline_tag.json'), NOW);
    const bridged = posts.find((p) => p.author.handle === 'pp0196.bsky.social@bsky.brid.gy');
    expect(bridged?.hashtags).toEqual([
      { tag: 'rstats', norm: 'rstats' },
      { tag: 'FunctionalProgramming', norm: 'functionalprogramming' },
    ]);
    expect(bridged?.links.map((l) => l.url)).toEqual(['https://github.com/mailund/tailr']);
    const [account] = mapMastodon(load('account.json'), NOW).accounts;
    expect(account).toMatchObject({
      platformUserId: 'https://fosstodon.org/@schochastics',
      handle: 'schochastics@fosstodon.org',
      displayName: 'David Schoch',
      followers: 1036,
      following: 138,
      postCount: 280,
      bio: 'Data Scientist/DevOps Engineer at cynkra | #Rstats enthusiast',
      observedAt: NOW,
    });
    expect(accounts.every((a) => a.handle?.includes('@'))).toBe(true);
  });
});

describe('Mastodon mapper on hostile input', () => {
  it('turns each bad status into an issue and keeps its neighbours', () => {
    const out = mapMastodon(load('hostile_statuses.json'), NOW);
    expect(out.issues.map((i) => [i.severity, i.code])).toEqual([
      ['error', 'missing-id'],
      ['error', 'missing-id'],
      ['error', 'bad-date'],
      ['error', 'bad-post'],
      ['error', 'bad-post'],
      ['error', 'bad-post'],
      ['error', 'bad-post'],
      ['error', 'bad-date'],
      ['warning', 'bad-date'],
    ]);
    expect(out.issues[3]?.message).toMatch(/id: .*string/i);
    expect(out.issues[6]?.message).toMatch(/account\.followers_count/);
    const ids = out.posts.map((p) => p.platformPostId.split('/').slice(-2).join('/'));
    expect(ids).toEqual(['statuses/600', 'statuses/601', 'statuses/608', '609/activity']);
  });

  it('renders hostile content as text only, drops unsafe links, and leaves hidden counters null', () => {
    const out = mapMastodon(load('hostile_statuses.json'), NOW);
    const p = post(out.posts, 'https://home.example/users/booster/statuses/601');
    // Escaped markup (&lt;script&gt;) is text the author wrote; real tags and their payloads are gone.
    expect(p.text).not.toMatch(/alert|onerror|<img|<a |<style|<b>|<i>/);
    expect(p.text).toMatch(
      /^Hiclick me again data rel \u202egnp\.exe\u202c unclosed tags\n\n<script>not a tag/,
    );
    expect(Buffer.byteLength(p.text ?? '')).toBeGreaterThan(10_000);
    expect(p.links.map((l) => l.url)).toEqual(['https://ok.example/path?q=1&r=2']);
    expect(p.metrics).toBeNull();
  });

  it('never throws, whatever the item', () => {
    let deep: unknown = { id: '1', uri: 'u', account: {} };
    for (let i = 0; i < 10_000; i++) deep = { id: String(i), uri: `u${i}`, reblog: deep };
    for (const v of [null, 42, 'text', [null, 7], { ancestors: 5 }, { foo: 1 }, { error: 'gone' }, deep]) {
      const out = mapMastodon(v, NOW);
      expect(out.issues.length + out.posts.length).toBeGreaterThan(0);
    }
    expect(mapMastodon({ error: 'Record not found' }, NOW).issues[0]?.code).toBe('api-error');
    expect(mapMastodon([], NOW)).toEqual({ posts: [], accounts: [], issues: [] });
  });

  it('reads a JSONL file of responses line by line through the connector', async () => {
    const file = path.join(dir, 'responses.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const parsed = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
    const posts = new Set<string>();
    const issues: string[] = [];
    let items = 0;
    for await (const event of mastodon.read(file, { from: null, maxItemBytes: 1 << 20 })) {
      if (event.kind !== 'item') continue;
      items++;
      let value: unknown;
      try {
        value = JSON.parse(event.text);
      } catch {
        continue; // the ingest step reports this as bad-json
      }
      const out = mastodon.map(value, { observedAt: NOW, file });
      out.posts.forEach((p) => posts.add(p.platformPostId));
      issues.push(...out.issues.map((i) => i.code));
    }
    expect(items).toBe(lines.length);
    const expected = new Set(parsed.flatMap((v) => mastodonWalk(v).statuses.map((s) => s.uri as string)));
    expect([...posts].sort()).toEqual([...expected].sort());
    expect(issues).toEqual(['api-error']);
  });
});
