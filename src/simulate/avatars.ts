import { deflateSync } from 'node:zlib';
import { hash128 } from './rng.js';

const SIZE = 32;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB image as a PNG (8-bit, no interlace), filter type 0 on every row, at a given zlib level. */
export function encodePng(pixels: Uint8Array, width: number, height: number, level = 9): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 3, width * 3).copy(
      raw,
      y * (width * 3 + 1) + 1,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A flag-like avatar (three stripes and an emblem) whose colours come from a hash of the key. */
export function avatarPixels(key: string): Uint8Array {
  const [a, b, c, d] = hash128(`avatar:${key}`);
  const colour = (w: number) => [w & 255, (w >>> 8) & 255, (w >>> 16) & 255] as const;
  const stripes = [colour(a), colour(b), colour(c)];
  const emblem = colour(d);
  const vertical = (d >>> 24) & 1;
  const px = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const band = Math.min(2, Math.floor(((vertical ? x : y) * 3) / SIZE));
      const inEmblem = Math.abs(x - SIZE / 2) < 5 && Math.abs(y - SIZE / 2) < 5;
      const [r, g, bl] = inEmblem ? emblem : stripes[band]!;
      px.set([r, g, bl], (y * SIZE + x) * 3);
    }
  }
  return px;
}

/** The account's avatar as a PNG. */
export function avatarPng(key: string): Buffer {
  return encodePng(avatarPixels(key), SIZE, SIZE, 9);
}

/**
 * An impersonator's copy of an avatar: the same picture with slight pixel noise (±1–3 on about one pixel in
 * eight, from a hash, so deterministic), re-encoded at another compression level: the bytes differ, the
 * picture looks the same (a perceptual hash matches, a file hash does not).
 */
export function noisyCopyPng(originalKey: string, copyKey: string): Buffer {
  const px = avatarPixels(originalKey);
  let state = hash128(`noise:${copyKey}`)[0] || 1;
  for (let i = 0; i < px.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    if ((state & 7) === 0) {
      const delta = ((state >>> 8) % 3) + 1;
      const v = px[i]! + ((state >>> 16) & 1 ? delta : -delta);
      px[i] = Math.max(0, Math.min(255, v));
    }
  }
  return encodePng(px, SIZE, SIZE, 6);
}

export const AVATAR_SIZE = SIZE;
