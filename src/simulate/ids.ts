import { hash128, hash64 } from './rng.js';

/** X's epoch (2010-11-04T01:42:54.657Z): snowflake ids count milliseconds from it. */
const X_EPOCH = 1288834974657n;
const B32_SORT = '234567abcdefghijklmnopqrstuvwxyz';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An X post id for a time: a snowflake (time in the high bits, a sequence in the low 22). */
export function xPostId(ms: number, seq: number): string {
  return (((BigInt(ms) - X_EPOCH) << 22n) | BigInt(seq % 4194304)).toString();
}

/** A stable 64-bit-looking X user id for an account name (same name, same id, whatever the seed). */
export function xUserId(key: string): string {
  // 10^17 … 1.9·10^18: the range of ids X assigned from about 2015 on.
  return (100000000000000000n + (hash64(`x-user:${key}`) % 1800000000000000000n)).toString();
}

function base32(bytes: number[], alphabet: string, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function hashBytes(text: string, n: number): number[] {
  const out: number[] = [];
  for (let round = 0; out.length < n; round++) {
    for (const w of hash128(`${round}:${text}`))
      out.push(w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255);
  }
  return out.slice(0, n);
}

/** `did:plc:` and 24 base32 characters of a hash of the handle. */
export function blueskyDid(key: string): string {
  return `did:plc:${base32(hashBytes(`did:${key}`, 15), B32, 24)}`;
}

/** A content id in the shape of a CIDv1 (`bafyrei…`, base32); only its shape matters to readers. */
export function fakeCid(key: string, prefix = 'bafyrei'): string {
  return prefix + base32(hashBytes(`cid:${key}`, 33), B32, 52);
}

/** A Bluesky record key (TID): microseconds since 1970 and a clock id, base32-sortable, 13 characters. */
export function blueskyTid(ms: number, seq: number): string {
  const micros = BigInt(ms) * 1000n + BigInt(seq % 1000);
  let v = (micros << 10n) | BigInt(Math.floor(seq / 1000) % 1024);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = B32_SORT[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

/** A Mastodon status id: milliseconds in the high bits, a sequence in the low 16. */
export function mastodonId(ms: number, seq: number): string {
  return ((BigInt(ms) << 16n) | BigInt(seq % 65536)).toString();
}

/** A Mastodon account id, stable for an account name. */
export function mastodonAccountId(key: string): string {
  return (109000000000000000n + (hash64(`masto:${key}`) % 1000000000000000n)).toString();
}

/** A Telegram channel id (Telegram Desktop's bare peer id, 10 digits), stable for a name. */
export function telegramChannelId(key: string): string {
  return (1000000000n + (hash64(`tg:${key}`) % 8999999999n)).toString();
}

/** An 11-character YouTube video id. */
export function youtubeVideoId(key: string): string {
  const bytes = hashBytes(`yt:${key}`, 9);
  let out = '';
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  for (let i = 0; i < 11; i++) {
    out += ALNUM[Number(v & 63n)];
    v >>= 6n;
  }
  return out;
}
