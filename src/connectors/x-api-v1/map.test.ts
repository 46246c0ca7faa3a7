import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonItems } from '../../../test/helpers/raw-counts/json.js';
import { xApiV1Counts } from '../../../test/helpers/raw-counts/x-api-v1.js';
import { mapXApiV1 } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/x-api-v1');
const NOW = '2026-11-21T00:00:00.000Z';

function mapFile(file: string) {
  const outs = jsonItems(path.join(dir, file)).map((v) => mapXApiV1(v, NOW));
  const posts = new Map(outs.flatMap((o) => o.posts).map((p) => [p.platformPostId, p]));
  const all = [...posts.values()];
  const sum = (f: (p: (typeof all)[number]) => number) => all.reduce((n, p) => n + f(p), 0);
  const refs = (kind: string) => sum((p) => p.refs.filter((r) => r.kind === kind).length);
  return {
    counts: {
      posts: posts.size,
      users: new Set(outs.flatMap((o) => o.accounts).map((a) => a.platformUserId)).size,
      hashtags: sum((p) => p.hashtags.length),
      mentions: sum((p) => p.mentions.length),
      links: sum((p) => p.links.length),
      media: sum((p) => p.media.length),
      replies: refs('reply'),
      reposts: refs('repost'),
      quotes: refs('quote'),
    },
    issues: outs.flatMap((o) => o.issues),
    byId: posts,
    accounts: outs.flatMap((o) => o.accounts),
  };
}

describe('X API v1.1 mapper on the real and hand-written fixtures', () => {
  it.each(['v1.1_statuses_user_timeline.json', 'v1.1_users_show.json', 'twarc1.jsonl'])(
    '%s: posts, users, entities and references match the raw JSON',
    (file) => {
      const { counts, issues } = mapFile(file);
      const { channels: _channels, refs: _refs, ...raw } = xApiV1Counts(path.join(dir, file));
      expect(counts).toEqual(raw);
      expect(counts.posts).toBeGreaterThan(0);
      expect(issues).toEqual([]);
    },
  );

  it('maps a real reply with a photo: time, kind, author, media size from sizes.large, und → null', () => {
    const { byId } = mapFile('v1.1_statuses_user_timeline.json');
    const p = byId.get('1341793727208181762')!;
    expect(p).toMatchObject({
      publishedAt: '2020-12-23T17:12:08.000Z',
      kind: 'reply',
      author: { platformUserId: '783214', handle: 'Twitter' },
      refs: [{ kind: 'reply', targetId: '1341404809354760192' }],
      mentions: [{ handle: 'TreyNKennedy', norm: 'treynkennedy', platformUserId: '211002550' }],
      lang: null,
      url: 'https://x.com/Twitter/status/1341793727208181762',
    });
    expect(p.media).toEqual([
      expect.objectContaining({
        kind: 'image',
        platformMediaId: '1341793718672760840',
        width: 1920,
        height: 1080,
      }),
    ]);
    expect(p.metrics).toEqual({
      observedAt: NOW,
      likes: 1043,
      reposts: 100,
      replies: null,
      quotes: null,
      views: null,
      bookmarks: null,
    });
  });

  it('maps users/show: the account snapshot and its embedded status authored by that user', () => {
    const { accounts, byId } = mapFile('v1.1_users_show.json');
    expect(accounts).toEqual([
      expect.objectContaining({
        platformUserId: '783214',
        handle: 'Twitter',
        followers: 59112688,
        following: 0,
        postCount: 14045,
        bio: "What's happening?!",
        verified: true,
      }),
    ]);
    expect(byId.get('1358867490210734088')?.author).toEqual({ platformUserId: '783214', handle: 'Twitter' });
  });

  it('maps a retweet, a quote with video, a withheld reply and a truncated streaming status', () => {
    const { byId } = mapFile('twarc1.jsonl');
    expect(byId.get('1746835158201270273')).toMatchObject({
      kind: 'repost',
      author: { handle: 'RuritaniaInUK' },
      refs: [{ kind: 'repost', targetId: '1746827059000246273' }],
    });
    expect(byId.get('1746827059000246273')).toMatchObject({
      kind: 'original',
      author: { platformUserId: '1200000000000000001', handle: 'MFA_Ruritania' },
      hashtags: [
        { tag: 'RuritaniaUK', norm: 'ruritaniauk' },
        { tag: 'Diplomacy', norm: 'diplomacy' },
      ],
      links: [
        {
          url: 'https://t.co/AbCdEf1234',
          expandedUrl: 'https://mfa.example.org/news/2024/01/15',
          domain: 'mfa.example.org',
        },
      ],
    });
    const quote = byId.get('1747166797624246273')!;
    expect(quote.kind).toBe('quote');
    expect(quote.media).toEqual([
      {
        kind: 'video',
        platformMediaId: '1747166700000000001',
        url: 'https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/v.jpg',
        altText: 'The ambassador speaking at the reception',
        width: 1280,
        height: 720,
        durationMs: 45045,
      },
    ]);
    expect(quote.metrics).toMatchObject({ likes: 17, reposts: 3, replies: 2, quotes: 1 });
    expect(byId.get('1747168055915446273')?.withheldIn).toEqual(['DE', 'FR']);
    const long = byId.get('1747589583467446273')!;
    expect(long.text).toMatch(/Talks resume on Monday\. #BorderTalks$/);
    expect(long.hashtags.map((h) => h.tag)).toEqual(['BorderTalks']);
    expect(long.lang).toBeNull();
    // trim_user=true: the author's id without an account snapshot; the edit chain marks a later version.
    expect(byId.get('1747589583467446301')).toMatchObject({
      author: { platformUserId: '1200000000000000002', handle: null },
      url: 'https://x.com/i/web/status/1747589583467446301',
      editHistoryIds: ['1747589583467446200', '1747589583467446301'],
      editedAt: '2024-01-17T12:00:00.000Z',
    });
  });

  it('turns hostile statuses into issues and keeps their neighbours', () => {
    const { issues, byId } = mapFile('hostile.jsonl');
    expect(issues.map((i) => `${i.severity}:${i.code}`)).toEqual([
      'error:numeric-id',
      'error:missing-id',
      'error:bad-date',
      'error:bad-status',
      'error:bad-status',
      'error:bad-status',
      'warning:bad-date',
      'warning:deleted-status',
      'warning:stream-limit',
      'error:bad-status',
      'error:bad-status',
      'warning:numeric-id',
    ]);
    expect(issues.find((i) => i.code === 'deleted-status')?.recordKey).toBe('1747168055915446278');
    expect(issues[9]?.message).toMatch(/full_text/);
    expect([...byId.keys()]).toEqual([
      '1747168055915446372',
      '1747168055915446375',
      '1747168055915446376',
      '1747168055915446377',
    ]);
    // The unreadable date of a Snowflake id is replaced by the time inside the id.
    expect(byId.get('1747168055915446372')?.publishedAt).toBe('2024-01-16T08:05:00.000Z');
    expect(byId.get('1747168055915446375')?.author).toEqual({ platformUserId: null, handle: 'StrelsauNews' });
    expect(byId.get('1747168055915446376')?.metrics).toMatchObject({ likes: 12, reposts: null });
    expect(byId.get('1747168055915446377')?.text).toBe('<script>alert(1)</script> kept as text \u202e\u0000');
  });

  it('never throws on values that are not statuses', () => {
    for (const v of [null, 42, 'text', [null], { id_str: 'abc' }, { user: 5, id_str: '1' }]) {
      expect(() => mapXApiV1(v, NOW)).not.toThrow();
    }
    expect(mapXApiV1(42, NOW).issues[0]?.code).toBe('bad-record');
  });
});
