import { describe, expect, it } from 'vitest';
import { parseTwitterDate, snowflakeTime, toCount, toId } from './fields.js';

describe('v1.1 / archive field coercions', () => {
  it('reads created_at in UTC, with an offset, or as ISO with an offset; refuses impossible dates', () => {
    expect(parseTwitterDate('Wed Dec 23 17:12:08 +0000 2020')).toBe('2020-12-23T17:12:08.000Z');
    // Seen in hand-edited archives: a local offset is applied, not ignored.
    expect(parseTwitterDate('Thu Nov 22 17:10:25 +1000 2025')).toBe('2025-11-22T07:10:25.000Z');
    expect(parseTwitterDate('2020-12-23T17:12:08.000Z')).toBe('2020-12-23T17:12:08.000Z');
    expect(parseTwitterDate('Fri Feb 31 10:00:00 +0000 2024')).toBeNull();
    expect(parseTwitterDate('Wed Dec 23 25:12:08 +0000 2020')).toBeNull();
    expect(parseTwitterDate('2020-12-23 17:12:08')).toBeNull(); // no offset: the instant is unknown
    expect(parseTwitterDate('yesterday')).toBeNull();
  });

  it('reads the time inside Snowflake ids only', () => {
    // Cross-checked in Python: (id >> 22) + 1288834974657 ms; created_at of this status is 17:12:08.
    expect(snowflakeTime('1341793727208181762')).toBe('2020-12-23T17:12:08.545Z');
    expect(snowflakeTime('20')).toBeNull();
    expect(snowflakeTime('29999999999')).toBeNull(); // pre-Snowflake, sequential
  });

  it('accepts counters as numbers or digit strings, ids only as digit strings', () => {
    expect([toCount(12), toCount('12'), toCount('-1'), toCount('1e3'), toCount(1.5), toCount(null)]).toEqual([
      12,
      12,
      null,
      null,
      null,
      null,
    ]);
    expect([toId('1341793727208181762'), toId(Number('1341793727208181762')), toId('12a')]).toEqual([
      '1341793727208181762',
      null,
      null,
    ]);
  });
});
