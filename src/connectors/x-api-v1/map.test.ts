import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapXApiV1 } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/x-api-v1');
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const NOW = '2026-11-21T00:00:00.000Z';

/** The file's items as the ingest hands them to `map`: one per JSONL line, or the whole document. */
function items(file: string): unknown[] {
  if (!file.endsWith('.jsonl')) return [JSON.parse(read(file))];
  return read(file)
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return []; // the ingest reports a bad-json line; map never sees it
      }
    });
}

type Json = Record<string, unknown>;
/**
 * Counts worked out by walking the raw JSON tree, not by the mapper's route: a status is any object with
 * created_at and a text field, a user any object with followers_count; ids are the id_str values.
 */
function independentCounts(file: string) {
  const statuses = new Map<string, Json>();
  const users = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Json;
    if ('created_at' in o && ('full_text' in o || 'text' in o)) statuses.set(String(o.id_str), o);
    if ('followers_count' in o) users.add(String(o.id_str));
    Object.values(o).forEach(walk);
  };
  items(file).forEach(walk);
  const all = [...statuses.values()];
  const entities = (s: Json) =>
    ((s.truncated && s.extended_tweet ? (s.extended_tweet as Json).entities : s.entities) ?? {}) as Record<
      string,
      unknown[] | undefined
    >;
  const sum = (f: (s: Json) => number) => all.reduce((n, s) => n + f(s), 0);
  return {
    posts: statuses.size,
    users: users.size,
    hashtags: sum((s) => (entities(s).hashtags ?? []).length),
    mentions: sum((s) => (entities(s).user_mentions ?? []).length),
    links: sum((s) => (entities(s).urls ?? []).length),
    media: sum(
      (s) => ((s.extended_entities as Json | undefined)?.media as unknown[] | undefined)?.length ?? 0,
    ),
    replies: all.filter((s) => typeof s.in_reply_to_status_id_str === 'string').length,
    reposts: all.filter((s) => s.retweeted_status).length,
    quotes: all.filter((s) => typeof s.quoted_status_id_str === 'string').length,
  };
}

function mapFile(file: string) {
  const outs = items(file).map((v) => mapXApiV1(v, NOW));
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
      expect(counts).toEqual(independentCounts(file));
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
