import { describe, expect, it } from 'vitest';
import { fixtureRegistry } from '../../test/helpers/simulate-registry.js';
import { DAY_MS } from './model.js';
import { makePlan } from './plan.js';

describe('makePlan', () => {
  const startMs = Date.UTC(2026, 7, 1);
  const plan = makePlan(fixtureRegistry(), { seed: 'p', posts: 5000, days: 30, startMs });
  const days = 30;

  it('allocates regular posts that, with the planned ones, add up to exactly --posts', () => {
    const regular = plan.regular.reduce((s, n) => s + n, 0);
    const planned = plan.planned.reduce((s, l) => s + l.length, 0);
    expect(regular).toBe(plan.regularTotal);
    expect(regular + planned).toBe(5000);
    for (const n of plan.regular) expect(n).toBeGreaterThanOrEqual(0);
  });

  it('stays exact when a small world has no account busy enough for a star', () => {
    const small = makePlan(fixtureRegistry(), { seed: 'q', posts: 1000, days: 7, startMs });
    expect(small.stars).toHaveLength(0);
    const regular = small.regular.reduce((s, n) => s + n, 0);
    expect(regular + small.planned.reduce((s, l) => s + l.length, 0)).toBe(1000);
  });

  it('keeps dormant accounts silent from their date and impersonators to their planned posts', () => {
    const dormant = plan.world.accounts.filter((a) => a.dormantFrom !== null);
    expect(dormant.some((a) => a.dormantFrom === 0)).toBe(true);
    for (const a of dormant) {
      for (let d = a.dormantFrom!; d < days; d++) expect(plan.regular[a.index * days + d]).toBe(0);
      for (const list of plan.planned) for (const p of list) expect(p.account).not.toBe(a);
    }
    for (const { account } of plan.impersonators) {
      for (let d = 0; d < days; d++) expect(plan.regular[account.index * days + d]).toBe(0);
    }
  });

  it('plants stars on accounts with at least 45 earlier posts, and their follower jump the next day', () => {
    expect(plan.stars.length).toBeGreaterThan(0);
    for (const s of plan.stars) {
      let before = 0;
      for (let d = 0; d < s.day; d++) before += plan.regular[s.account.index * days + d]!;
      expect(before).toBeGreaterThanOrEqual(45);
      expect(s.multiplier).toBeGreaterThanOrEqual(10);
      expect(s.multiplier).toBeLessThanOrEqual(40);
      const f = s.account.followers;
      expect(f[s.day + 1]! - f[s.day]!).toBeGreaterThan(s.jump * 0.9);
      expect(Math.floor((s.at - startMs) / DAY_MS)).toBe(s.day);
    }
  });

  it('keeps planned posts in time order within their day', () => {
    plan.planned.forEach((list, d) => {
      for (let i = 1; i < list.length; i++) expect(list[i]!.at).toBeGreaterThanOrEqual(list[i - 1]!.at);
      for (const p of list) expect(Math.floor((p.at - startMs) / DAY_MS)).toBe(d);
    });
  });

  it('refuses a registry without X channels', () => {
    expect(() => makePlan([], { seed: 'p', posts: 5000, days: 30, startMs })).toThrow(/registry/);
  });
});
