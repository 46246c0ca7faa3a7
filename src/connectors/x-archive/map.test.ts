import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReadEvent, ReadOptions } from '../connector.js';
import { xArchiveCounts } from '../../../test/helpers/raw-counts/x-archive.js';
import { mapXArchive } from './map.js';
import { readArchive } from './read.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/x-archive');
const fixture = (file: string) => path.join(dir, file);
const NOW = '2026-11-21T00:00:00.000Z';
const OPTIONS: ReadOptions = { from: null, maxItemBytes: 1 << 26 };

async function readAll(file: string, options = OPTIONS): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const ev of readArchive(fixture(file), options)) events.push(ev);
  return events;
}

/** Reads a file the way the ingest does and maps its single item. */
async function mapFile(file: string) {
  const items = (await readAll(file)).filter((e) => e.kind === 'item');
  expect(items).toHaveLength(1);
  const out = mapXArchive(items[0]!.text, NOW);
  return { ...out, byId: new Map(out.posts.map((p) => [p.platformPostId, p])) };
}

function mappedCounts(out: Awaited<ReturnType<typeof mapFile>>) {
  const sum = (f: (p: (typeof out.posts)[number]) => number) => out.posts.reduce((n, p) => n + f(p), 0);
  return {
    posts: out.byId.size,
    hashtags: sum((p) => p.hashtags.length),
    mentions: sum((p) => p.mentions.length),
    links: sum((p) => p.links.length),
    media: sum((p) => p.media.length),
    replies: out.posts.filter((p) => p.kind === 'reply').length,
    retweets: out.posts.filter((p) => p.kind === 'repost').length,
    likes: sum((p) => p.metrics?.likes ?? 0),
  };
}

describe('X archive reader and mapper', () => {
  it.each([
    'archive/data/tweets.js',
    'archive/data/tweets-part1.js',
    'old-archive/data/tweet.js',
    'hostile-notes/data/tweets.js',
  ])('%s: posts, entities, kinds and likes match the raw file', async (file) => {
    const out = await mapFile(file);
    const { channels: _channels, refs: _refs, ...raw } = xArchiveCounts(fixture(file));
    expect(mappedCounts(out)).toEqual(raw);
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('puts account.js, profile.js and note-tweet.js in front of tweets.js, byte for byte', async () => {
    const [item, ...rest] = await readAll('archive/data/tweets.js');
    expect(rest).toEqual([]);
    const raw = (f: string) => readFileSync(fixture(`archive/data/${f}`));
    const nl = Buffer.from('\n');
    expect(item?.kind === 'item' && item.bytes).toEqual(
      Buffer.concat([
        raw('account.js'),
        nl,
        raw('profile.js'),
        nl,
        raw('note-tweet.js'),
        nl,
        raw('tweets.js'),
      ]),
    );
    // note-tweet.js given on its own is read alone, and maps to nothing: its notes only complete tweets.
    const [notes, ...none] = await readAll('archive/data/note-tweet.js');
    expect(none).toEqual([]);
    expect(notes?.kind === 'item' && notes.bytes).toEqual(raw('note-tweet.js'));
    expect(mapXArchive(notes?.kind === 'item' ? notes.text : null, NOW)).toEqual({
      posts: [],
      accounts: [],
      issues: [],
    });
    expect(
      await readAll('archive/data/tweets.js', { ...OPTIONS, from: { line: 1, byteOffset: 10 } }),
    ).toEqual([]);
  });

  it('makes the owner from account.js + profile.js the author of every tweet', async () => {
    for (const file of ['archive/data/tweets.js', 'archive/data/tweets-part1.js']) {
      const out = await mapFile(file);
      expect(out.accounts).toEqual([
        {
          platform: 'x',
          platformUserId: '1200000000000000002',
          handle: 'RuritaniaInUK',
          displayName: 'Embassy of Ruritania in the UK',
          observedAt: NOW,
          followers: null,
          following: null,
          postCount: null,
          bio: 'Official account of the Embassy of Ruritania in London. RT ≠ endorsement.',
          location: 'London, UK',
          avatarUrl: 'https://pbs.twimg.com/profile_images/1/avatar.jpg',
          verified: null,
        },
      ]);
      expect(out.posts.every((p) => p.author.platformUserId === '1200000000000000002')).toBe(true);
    }
  });

  it('maps hand-checked tweets: photo sizes from strings, archive retweet, edit chain', async () => {
    const { byId } = await mapFile('archive/data/tweets.js');
    const first = byId.get('1746834608747446273')!;
    expect(first).toMatchObject({
      publishedAt: '2024-01-15T10:00:00.000Z',
      kind: 'original',
      url: 'https://x.com/RuritaniaInUK/status/1746834608747446273',
      hashtags: [
        { tag: 'Ruritania', norm: 'ruritania' },
        { tag: 'Diplomacy', norm: 'diplomacy' },
      ],
      links: [{ expandedUrl: 'https://embassy.example.org/news/credentials', domain: 'embassy.example.org' }],
      editHistoryIds: ['1746834608747446273'],
      editedAt: null,
    });
    expect(first.media).toEqual([
      expect.objectContaining({
        kind: 'image',
        platformMediaId: '1746834357089206279',
        width: 2048,
        height: 1365,
      }),
    ]);
    expect(first.metrics).toMatchObject({ likes: 57, reposts: 12, replies: null, quotes: null, views: null });
    expect(byId.get('1747544284984246273')).toMatchObject({ kind: 'repost', refs: [] });
    expect(byId.get('1747174347371446273')).toMatchObject({
      kind: 'reply',
      refs: [{ kind: 'reply', targetId: '1747166797624246273' }],
      // The archive escapes & < > as X does; the canonical text is as written.
      text: '@StrelsauNews Thank you & see you at the reception.',
    });
    const chain = ['1748706946053046273', '1748708204344246273'];
    expect(byId.get(chain[0]!)).toMatchObject({ editHistoryIds: chain, editedAt: null });
    expect(byId.get(chain[1]!)).toMatchObject({
      editHistoryIds: chain,
      editedAt: '2024-01-20T14:05:00.000Z',
    });
  });

  it('gives a long post the whole text and entities of its note, keeping its own id, metrics and links', async () => {
    const out = await mapFile('archive/data/tweets-part1.js');
    // The other note (a deleted post's, 2024-02-03) fits no tweet: no issue.
    expect(out.issues).toEqual([]);
    expect(out.posts).toHaveLength(3);
    const long = out.byId.get('1754437204177846273')!;
    expect(long).toMatchObject({
      publishedAt: '2024-02-05T09:30:00.000Z',
      kind: 'original',
      url: 'https://x.com/RuritaniaInUK/status/1754437204177846273',
      text:
        '#Ruritania at work: today Ambassador Elena Varga opened the Ruritanian Trade Week in London with ' +
        '@FCDOGovUK & British exporters. Twenty-four companies from Strelsau, Zenda and Hentzau are showing ' +
        'furniture, glass, wine and software at the Guildhall until Friday, and every stand welcomes ' +
        'visitors without registration. Our thanks to @StrelsauNews for covering the opening live. ' +
        'Programme: https://t.co/LoNg000001 #TradeWeek',
      // #TradeWeek and @StrelsauNews lie beyond the cut; the cut text's link to the whole post is gone.
      hashtags: [
        { tag: 'Ruritania', norm: 'ruritania' },
        { tag: 'TradeWeek', norm: 'tradeweek' },
      ],
      mentions: [
        // The cut tweet named @FCDOGovUK with its user id; the note gives handles only.
        { handle: 'FCDOGovUK', norm: 'fcdogovuk', platformUserId: '1200000000000000007' },
        { handle: 'StrelsauNews', norm: 'strelsaunews', platformUserId: null },
      ],
      links: [
        {
          url: 'https://t.co/LoNg000001',
          expandedUrl: 'https://embassy.example.org/trade-week',
          domain: 'embassy.example.org',
        },
      ],
      editHistoryIds: ['1754437204177846273'],
      media: [],
    });
    expect(long.metrics).toMatchObject({ likes: 88, reposts: 31 });
    // The short posts beside it are untouched.
    expect(out.byId.get('1753025401451446273')?.text).toBe('Happy National Day! https://t.co/GiF0000000');
  });

  it('keeps the cut text when note-tweet.js is cut off, with one warning and every tweet', async () => {
    const out = await mapFile('hostile-notes/data/tweets.js');
    expect(out.issues.map((i) => [i.severity, i.code, i.recordKey])).toEqual([
      ['warning', 'bad-note-tweets', null],
    ]);
    expect(out.issues[0]?.message).toMatch(/^note_tweet\.part0: .*: long posts keep their cut text$/);
    expect([...out.byId.keys()]).toEqual(['1764606713656246273', '1764611746821046273']);
    expect(out.byId.get('1764606713656246273')?.text).toMatch(/The full text of the agreement is…$/);
    expect(out.byId.get('1764606713656246273')?.hashtags).toEqual([]);
  });

  it('leaves out a note-tweet.js that is not an archive file, with a read warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attache-notes-'));
    try {
      const src = fixture('archive/data');
      for (const f of ['account.js', 'tweets-part1.js']) copyFileSync(path.join(src, f), path.join(dir, f));
      writeFileSync(path.join(dir, 'note-tweet.js'), '<html>Rate limit exceeded</html>');
      const events: ReadEvent[] = [];
      for await (const ev of readArchive(path.join(dir, 'tweets-part1.js'), OPTIONS)) events.push(ev);
      expect(events.map((e) => (e.kind === 'issue' ? `${e.severity}:${e.code}` : e.kind))).toEqual([
        'warning:note-file-unreadable',
        'item',
      ]);
      const item = events[1]!;
      const raw = (f: string) => readFileSync(path.join(dir, f));
      expect(item.kind === 'item' && item.bytes).toEqual(
        Buffer.concat([raw('account.js'), Buffer.from('\n'), raw('tweets-part1.js')]),
      );
      const out = mapXArchive(item.kind === 'item' ? item.text : null, NOW);
      expect(out.issues).toEqual([]);
      expect(out.posts.find((p) => p.platformPostId === '1754437204177846273')?.text).toMatch(
        /at the Guildhall… https:\/\/t\.co\/NoTe000001$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps an old archive without account.js: unknown author, one no-owner warning', async () => {
    const out = await mapFile('old-archive/data/tweet.js');
    expect(out.accounts).toEqual([]);
    expect(out.issues.map((i) => i.code)).toEqual(['no-owner']);
    expect(out.posts.every((p) => p.author.platformUserId === null && p.author.handle === null)).toBe(true);
    expect(out.posts[0]?.url).toMatch(/^https:\/\/x\.com\/i\/web\/status\/\d+$/);
  });

  it('turns hostile tweets into issues and keeps their neighbours', async () => {
    const out = await mapFile('hostile/data/tweets.js');
    expect(out.issues.map((i) => `${i.severity}:${i.code}`)).toEqual([
      'error:bad-status',
      'error:missing-id',
      'error:numeric-id',
      'error:bad-date',
      'error:bad-status',
      'error:bad-status',
      'warning:unsupported-section',
    ]);
    expect([...out.byId.keys()]).toEqual(['1763504450565046273', '1763866838430646273']);
    const good = out.byId.get('1763504450565046273')!;
    expect(good.text).toBe('<b>not bold</b> \u202eevil\u202c kept as text');
    expect(good.metrics).toBeNull(); // "lots" and "-1" are not counts
    expect(out.byId.get('1763866838430646273')?.text).toHaveLength(100_000);
    expect(out.accounts[0]?.displayName).toBe('Hostile \u0000 name');
  });

  it('maps deleted-tweets.js with the deletion time', () => {
    const text =
      'window.YTD.deleted_tweets.part0 = [{"tweet":{"id_str":"1746834608747446273","full_text":"gone",' +
      '"created_at":"Mon Jan 15 10:00:00 +0000 2024","deleted_at":"2024-01-16T09:00:00.000Z"}}]';
    const out = mapXArchive(text, NOW);
    expect(out.posts).toEqual([
      expect.objectContaining({
        publishedAt: '2024-01-15T10:00:00.000Z',
        deletedAt: '2024-01-16T09:00:00.000Z',
      }),
    ]);
    expect(out.issues.map((i) => i.code)).toEqual(['no-owner']);
  });

  it('reports unreadable items and never throws', () => {
    expect(mapXArchive(42, NOW).issues[0]?.code).toBe('bad-record');
    expect(mapXArchive('hello', NOW).issues[0]?.code).toBe('not-an-archive');
    expect(mapXArchive('window.YTD.tweets.part0 = [ { "tweet" : {', NOW).issues[0]?.code).toBe('bad-json');
    expect(mapXArchive('window.YTD.tweets.part0 = {}', NOW).issues[0]?.code).toBe('bad-json');
    // A tweets file saved without its assignment is still read.
    const bare = mapXArchive('[{"tweet":{"id_str":"1746834608747446273","full_text":"hi"}}]', NOW);
    expect(bare.posts.map((p) => p.publishedAt)).toEqual(['2024-01-15T10:00:00.000Z']);
  });
});
