import { describe, expect, it } from 'vitest';
import { jsonValue } from '../../src/api/server.js';

/** The server validates and sends jsonValue(result); it must be what a JSON text round trip gives. */
describe('jsonValue', () => {
  const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;
  it('is JSON.parse(JSON.stringify(value)) for what handlers return', () => {
    const values: unknown[] = [
      null,
      'text',
      0,
      -1.5,
      true,
      [],
      {},
      new Date('2026-03-31T12:00:00.123Z'),
      {
        a: 1,
        b: undefined,
        c: null,
        d: new Date(0),
        e: [1, undefined, 'x', null, new Date('2025-01-01T00:00:00Z'), { f: undefined, g: [NaN, Infinity] }],
        h: { i: { j: 'deep', k: -Infinity } },
        l: () => 1,
      },
      [{ place: { type: 'Point', coordinates: [4.9, 52.4] } }, 'ü‮', 2 ** 40],
    ];
    for (const v of values) expect(jsonValue(v)).toEqual(roundTrip(v));
    // toEqual treats undefined properties as absent: the keys themselves must match too
    const obj = jsonValue({ a: undefined, b: 1 }) as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(['b']);
    expect(jsonValue([undefined])).toEqual([null]);
  });
});
