import { describe, expect, it } from 'vitest';
import { hash128, Rng, rngFor } from './rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and label, another for another label', () => {
    const a = rngFor('1', 'day:0');
    const b = rngFor('1', 'day:0');
    const c = rngFor('1', 'day:1');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Rng('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('draws normals with mean 0 and sd 1, and truncated normals inside their limit', () => {
    const r = new Rng('normal');
    let sum = 0;
    let sq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).toBeLessThan(0.02);
    for (let i = 0; i < 10_000; i++) expect(Math.abs(r.truncatedNormal(2.5))).toBeLessThanOrEqual(2.5);
  });

  it('draws by weight', () => {
    const r = new Rng('weights');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weighted([1, 0, 2])]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2]! / counts[0]! - 2)).toBeLessThan(0.1);
  });

  it('hashes strings to four 32-bit words', () => {
    const h = hash128('abc');
    expect(h).toHaveLength(4);
    for (const w of h) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    expect(hash128('abd')).not.toEqual(h);
  });
});
