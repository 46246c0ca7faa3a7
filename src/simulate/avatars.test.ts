import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AVATAR_SIZE, avatarPixels, avatarPng, noisyCopyPng } from './avatars.js';

function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    rows.push(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)));
  }
  return { width, height, pixels: Buffer.concat(rows) };
}

describe('avatars', () => {
  it('writes a valid RGB PNG of the pixels', () => {
    const png = decode(avatarPng('123'));
    expect([png.width, png.height]).toEqual([AVATAR_SIZE, AVATAR_SIZE]);
    expect(png.pixels.equals(Buffer.from(avatarPixels('123')))).toBe(true);
  });

  it('re-encodes a copy with slight noise: other bytes, the same picture within ±3', () => {
    const original = avatarPng('123');
    const copy = noisyCopyPng('123', '999');
    expect(copy.equals(original)).toBe(false);
    const a = decode(original).pixels;
    const b = decode(copy).pixels;
    let changed = 0;
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i]! - b[i]!);
      expect(d).toBeLessThanOrEqual(3);
      if (d) changed++;
    }
    expect(changed).toBeGreaterThan(a.length / 20);
    expect(changed).toBeLessThan(a.length / 4);
    expect(noisyCopyPng('123', '999').equals(copy)).toBe(true);
  });
});
