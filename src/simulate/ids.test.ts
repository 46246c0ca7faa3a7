import { describe, expect, it } from 'vitest';
import { snowflakeTime } from '../connectors/x-api-v1/fields.js';
import {
  blueskyDid,
  blueskyTid,
  fakeCid,
  mastodonId,
  telegramChannelId,
  xPostId,
  xUserId,
  youtubeVideoId,
} from './ids.js';

describe('generated platform ids', () => {
  it('makes X post ids snowflakes that decode to their time, as digit strings beyond 2^53', () => {
    const t = Date.UTC(2026, 7, 1, 10, 20, 30, 456);
    const id = xPostId(t, 12345);
    expect(id).toMatch(/^\d{19}$/);
    expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(snowflakeTime(id)).toBe(new Date(t).toISOString());
    expect(xPostId(t, 12346)).not.toBe(id);
  });

  it('derives stable user ids and DIDs from names', () => {
    expect(xUserId('statedept')).toBe(xUserId('statedept'));
    expect(xUserId('statedept')).not.toBe(xUserId('statedept2'));
    expect(xUserId('statedept')).toMatch(/^\d{18,19}$/);
    expect(blueskyDid('diplo.de')).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(telegramChannelId('mfa')).toMatch(/^\d{10}$/);
    expect(fakeCid('x')).toMatch(/^bafyrei[a-z2-7]{52}$/);
    expect(youtubeVideoId('1:2')).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it('makes Bluesky record keys of 13 base32-sortable characters, in time order', () => {
    const a = blueskyTid(Date.UTC(2026, 7, 1), 1);
    const b = blueskyTid(Date.UTC(2026, 7, 2), 0);
    expect(a).toMatch(/^[2-7a-z]{13}$/);
    expect(a < b).toBe(true);
  });

  it('makes Mastodon ids that grow with time', () => {
    expect(BigInt(mastodonId(2000, 0)) > BigInt(mastodonId(1000, 65_535))).toBe(true);
  });
});
