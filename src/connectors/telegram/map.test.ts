import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { telegramCounts } from '../../../test/helpers/raw-counts/telegram.js';
import { mapTelegramExport } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/telegram');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const NOW = '2026-11-21T00:00:00.000Z';

function mapFile(file: string) {
  const out = mapTelegramExport(load(file), NOW);
  const sum = (f: (p: (typeof out.posts)[number]) => number) => out.posts.reduce((n, p) => n + f(p), 0);
  const service = out.issues.find((i) => i.code === 'service-messages-skipped');
  return {
    out,
    byId: new Map(out.posts.map((p) => [p.platformPostId, p])),
    counts: {
      posts: out.posts.length,
      hashtags: sum((p) => p.hashtags.length),
      mentions: sum((p) => p.mentions.length),
      links: sum((p) => p.links.length),
      media: sum((p) => p.media.length),
      replies: out.posts.filter((p) => p.kind === 'reply').length,
      reposts: out.posts.filter((p) => p.kind === 'repost').length,
      likes: sum((p) => p.metrics?.likes ?? 0),
      service: service ? Number(/^\d+/.exec(service.message)?.[0]) : 0,
    },
  };
}

describe('Telegram Desktop export mapper', () => {
  it.each(['channel/result.json', 'old-export/result.json'])(
    '%s: posts, entities, media, kinds, likes and skipped service messages match the raw export',
    (file) => {
      const { counts, out } = mapFile(file);
      const { channels: _channels, refs: _refs, ...raw } = telegramCounts(path.join(dir, file));
      expect(counts).toEqual(raw);
      expect(counts.posts).toBeGreaterThan(0);
      expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    },
  );

  it('maps the channel as the author and one account without counters', () => {
    const { out } = mapFile('channel/result.json');
    expect(out.accounts).toEqual([
      {
        platform: 'telegram',
        platformUserId: '1234567890',
        handle: null,
        displayName: 'MFA of Ruritania',
        observedAt: NOW,
        followers: null,
        following: null,
        postCount: null,
        bio: null,
        location: null,
        avatarUrl: null,
        verified: null,
      },
    ]);
    expect(out.posts.every((p) => p.author.platformUserId === '1234567890' && p.url === null)).toBe(true);
    expect(out.issues).toEqual([
      {
        severity: 'warning',
        code: 'service-messages-skipped',
        message: expect.stringMatching(/^3 service/) as string,
        recordKey: '1234567890',
      },
    ]);
  });

  it('maps hand-checked messages: text runs, entities, photo, edit, reply, forward, reactions', () => {
    const { byId } = mapFile('channel/result.json');
    expect(byId.get('1234567890/3')).toMatchObject({
      publishedAt: '2024-01-15T10:00:00.000Z', // date_unixtime, not the local `date` (12:00 at UTC+2)
      kind: 'original',
      text: 'Minister Ivanov met @UKinRuritania today. #Diplomacy mfa.example.org/news/1 — read the statement',
      hashtags: [{ tag: 'Diplomacy', norm: 'diplomacy' }],
      mentions: [{ handle: 'UKinRuritania', norm: 'ukinruritania', platformUserId: null }],
      links: [
        { url: 'mfa.example.org/news/1', expandedUrl: null, domain: 'mfa.example.org' },
        {
          url: 'https://mfa.example.org/statements/2024-01-15',
          expandedUrl: null,
          domain: 'mfa.example.org',
        },
      ],
      media: [{ kind: 'image', width: 1280, height: 853, url: null }],
      editedAt: '2024-01-15T10:30:00.000Z',
      metrics: null,
    });
    expect(byId.get('1234567890/2')?.metrics).toEqual({
      observedAt: NOW,
      likes: 15, // 12 👍 + 3 custom; the 50 paid stars are not people
      reposts: null,
      replies: null,
      quotes: null,
      views: null,
      bookmarks: null,
    });
    expect(byId.get('1234567890/4')).toMatchObject({
      kind: 'reply',
      refs: [{ kind: 'reply', targetId: '1234567890/3' }],
    });
    expect(byId.get('1234567890/5')).toMatchObject({
      kind: 'repost',
      hashtags: [{ tag: 'Україна', norm: 'україна' }],
      media: [{ kind: 'video', width: 1920, height: 1080, durationMs: 45_000 }],
    });
    expect(byId.get('1234567890/6')?.kind).toBe('repost');
    expect(byId.get('1234567890/8')).toMatchObject({
      text: '',
      media: [{ kind: 'audio', durationMs: 31_000 }],
    });
    expect(byId.get('1234567890/9')).toMatchObject({
      mentions: [{ handle: 'Ivan Petrov', norm: 'ivan petrov', platformUserId: '123456789' }],
      metrics: { views: 1520, reposts: 31, likes: 4 },
    });
    expect(byId.get('1234567890/14')?.media).toEqual([expect.objectContaining({ kind: 'file' })]);
  });

  it('reads a pre-2021 export: local time as UTC, text arrays without text_entities', () => {
    const { byId, out } = mapFile('old-export/result.json');
    expect(byId.get('1100000001/2')).toMatchObject({
      publishedAt: '2019-05-10T11:15:00.000Z',
      editedAt: '2019-05-10T11:20:00.000Z',
      text: 'Photos: #reception https://embassy.example.org/p',
      hashtags: [{ tag: 'reception', norm: 'reception' }],
    });
    expect(out.issues.map((i) => [i.code, i.message.split(' ')[0]])).toEqual([
      ['service-messages-skipped', '1'],
      ['local-time-assumed-utc', '2'],
    ]);
  });

  it('turns hostile messages into issues, keeps their neighbours, and keeps text as text', () => {
    const { out, byId } = mapFile('hostile/result.json');
    expect(out.issues.map((i) => `${i.severity}:${i.code}`)).toEqual([
      'error:missing-id',
      'error:bad-id',
      'error:bad-id',
      'error:bad-id',
      'error:bad-date',
      'error:bad-date',
      'error:bad-message',
      'error:bad-message',
      'error:bad-message',
      'warning:service-messages-skipped',
      'warning:unsupported-messages-skipped',
      'warning:local-time-assumed-utc',
      'warning:duplicate-message',
    ]);
    expect(out.issues.filter((i) => i.code === 'service-messages-skipped')).toHaveLength(1);
    expect(out.issues[4]?.recordKey).toBe('987654321/5');
    expect([...byId.keys()]).toEqual([
      '987654321/7',
      '987654321/11',
      '987654321/12',
      '987654321/13',
      '987654321/18',
    ]);
    expect(byId.get('987654321/7')?.publishedAt).toBe('2024-02-01T10:07:00.000Z');
    expect(byId.get('987654321/11')).toMatchObject({
      text: 'tail #okno href',
      hashtags: [{ tag: 'ok' }],
      links: [],
    });
    expect(byId.get('987654321/12')?.text).toHaveLength(200_000);
    expect(byId.get('987654321/13')).toMatchObject({
      text: '<img src=x onerror=alert(1)> \u202eevil\u202c \u0000',
      metrics: { likes: 7, views: null },
    });
    expect(byId.get('987654321/18')?.refs).toEqual([{ kind: 'reply', targetId: '1234567890/77' }]);
    expect(out.accounts[0]?.displayName).toBe('Hostile <script>alert(1)</script>');
  });

  it('imports only the channels of a whole-account export', () => {
    const { out } = mapFile('full-export/result.json');
    expect(out.accounts.map((a) => a.platformUserId)).toEqual(['1234567890', '1100000001']);
    expect(out.posts.map((p) => p.platformPostId)).toEqual(['1234567890/2', '1234567890/4', '1100000001/1']);
    expect(out.issues).toEqual([
      expect.objectContaining({ code: 'non-channel-chats-skipped', severity: 'warning' }),
    ]);
    expect(out.issues[0]?.message).toMatch(/^2 /);
  });

  it('refuses a private chat, finds a missing channel id in from_id, never throws', () => {
    const personal = { name: 'A friend', type: 'personal_chat', id: 5, messages: [] };
    expect(mapTelegramExport(personal, NOW).issues.map((i) => i.code)).toEqual(['not-a-channel']);
    const noId = {
      type: 'public_channel',
      messages: [{ id: 1, type: 'message', date_unixtime: '1700000000', from_id: 'channel42', text: 'hi' }],
    };
    expect(mapTelegramExport(noId, NOW).posts.map((p) => p.platformPostId)).toEqual(['42/1']);
    for (const v of [
      null,
      1,
      'x',
      [],
      { messages: 5 },
      { chats: { list: [null, 3] } },
      { type: 'public_channel' },
    ]) {
      expect(() => mapTelegramExport(v, NOW)).not.toThrow();
    }
    expect(mapTelegramExport([], NOW).issues[0]?.code).toBe('bad-record');
    expect(mapTelegramExport({}, NOW).issues[0]?.code).toBe('not-a-telegram-export');
  });
});
