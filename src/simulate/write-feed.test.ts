import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputTree } from './files.js';
import type { Account, SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { Plan } from './plan.js';
import { FeedWriter } from './write-feed.js';

const startMs = Date.UTC(2026, 7, 1);

// Only the fields the feed writer reads: a YouTube channel and its videos.
const channel = {
  platform: 'youtube',
  index: 0,
  handle: 'UCsim',
  userId: 'UCsimulatedchannel000000',
  displayName: 'Simulated channel',
  bio: '',
  lang: 'en',
} as unknown as Account;

const video = (i: number, at: number) =>
  ({
    platform: 'youtube',
    author: channel,
    at,
    seq: i,
    id: `video${String(i).padStart(6, '0')}`,
    segments: [{ type: 'text', text: `Video ${i}\n\nA synthetic video.` }],
    final: { likes: 10 + i, reposts: 0, replies: 0, quotes: 0, views: 100 + i },
  }) as unknown as SimPost;

describe('YouTube feeds (15 newest videos a fetch)', () => {
  it('lists every video of a week with more than 15 uploads in some feed, fetched after each 15th', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'attache-feed-'));
    const plan = { options: { startMs, days: 7 }, world: { accounts: [channel] } } as unknown as Plan;
    const writer = new FeedWriter(new OutputTree(root), plan);
    // 40 videos over one week: 6 a day (the last day 4), one every two hours.
    const videos = Array.from({ length: 40 }, (_, i) =>
      video(i, startMs + Math.floor(i / 6) * DAY_MS + (i % 6) * 2 * HOUR_MS),
    );
    for (let day = 0; day < 7; day++)
      writer.day(
        day,
        videos.filter((v) => Math.floor((v.at - startMs) / DAY_MS) === day),
      );
    writer.finish();

    const dir = path.join(root, 'data', 'youtube', channel.userId);
    const files = readdirSync(dir).sort();
    // Two extra fetches (after the 15th and the 30th upload) and the weekly one.
    expect(files).toEqual(['2026-08-07-1.xml', '2026-08-07-2.xml', '2026-08-07.xml']);
    const idsIn = (f: string) =>
      [...readFileSync(path.join(dir, f), 'utf8').matchAll(/<yt:videoId>([^<]+)/g)].map((m) => m[1]);
    expect(idsIn('2026-08-07-1.xml')).toEqual(
      videos
        .slice(0, 15)
        .reverse()
        .map((v) => v.id),
    );
    expect(idsIn('2026-08-07-2.xml')).toEqual(
      videos
        .slice(15, 30)
        .reverse()
        .map((v) => v.id),
    );
    expect(idsIn('2026-08-07.xml')).toEqual(
      videos
        .slice(25)
        .reverse()
        .map((v) => v.id),
    );
    expect(new Set(files.flatMap(idsIn)).size).toBe(40);
  });
});
