import type { Account, PlannedPost } from './model.js';
import { DAY_MS } from './model.js';
import type { Rng } from './rng.js';
import type { StarPlan } from './plan.js';
import { WEEKDAY_WEIGHTS } from './tables.js';

/**
 * Regular posts per account and day, summing to exactly `total`. Each account's expected total (its rate ×
 * active days, scaled) is rounded by a random phase, the rounding error spread over the busiest accounts, and
 * the account's total spread over its days by cumulative rounding of weights (local weekday × day-to-day noise).
 */
export function allocate(
  rng: Rng,
  accounts: readonly Account[],
  days: number,
  startMs: number,
  total: number,
): Int32Array {
  const n = accounts.length;
  const weights = new Float64Array(n * days);
  const expected = new Float64Array(n);
  let sum = 0;
  for (const a of accounts) {
    if (a.role === 'impersonator') continue;
    const from = a.dormantFrom ?? days;
    let w = 0;
    for (let d = 0; d < from; d++) {
      const weekday = new Date(startMs + d * DAY_MS + (12 + a.utcOffset) * 3_600_000).getUTCDay();
      const v = WEEKDAY_WEIGHTS[weekday]! * Math.exp(0.35 * rng.normal());
      weights[a.index * days + d] = v;
      w += v;
    }
    for (let d = 0; d < from; d++) weights[a.index * days + d] = weights[a.index * days + d]! / (w || 1);
    expected[a.index] = from > 0 ? a.rate * from : 0;
    sum += expected[a.index]!;
  }
  const counts = new Int32Array(n);
  let got = 0;
  for (let i = 0; i < n; i++) {
    counts[i] = Math.floor((expected[i]! * total) / (sum || 1) + rng.next());
    got += counts[i]!;
  }
  const order = [...accounts.keys()]
    .filter((i) => expected[i]! > 0)
    .sort((x, y) => expected[y]! - expected[x]! || x - y);
  for (let k = 0; got !== total && order.length; k++) {
    const i = order[k % order.length]!;
    if (got < total) {
      counts[i]!++;
      got++;
    } else if (counts[i]! > 0) {
      counts[i]!--;
      got--;
    }
  }
  const out = new Int32Array(n * days);
  for (let i = 0; i < n; i++) {
    const c = counts[i]!;
    if (!c) continue;
    const last = Math.min(days, accounts[i]!.dormantFrom ?? days) - 1;
    const u = rng.next();
    let cum = 0;
    let prev = 0;
    for (let d = 0; d <= last; d++) {
      cum += weights[i * days + d]!;
      const next = d === last ? c : Math.min(c, Math.floor(c * cum + u));
      out[i * days + d] = next - prev;
      prev = next;
    }
  }
  return out;
}

/**
 * Followers per account and day: a slow lognormal drift with daily noise, and for a star post a jump on the
 * next day. Cumulative post counts per day (regular and planned) for the profile's post counter.
 */
export function fillSeries(
  rng: Rng,
  accounts: readonly Account[],
  regular: Int32Array,
  planned: readonly PlannedPost[][],
  stars: StarPlan[],
  days: number,
  seriesDays: number,
): void {
  const jumps = new Map<number, number>();
  for (const a of accounts) {
    const f = new Float64Array(seriesDays);
    const drift = a.role === 'impersonator' ? 0.004 : a.role === 'public' ? 0.001 : 0.0006;
    f[0] = a.followers0;
    for (let d = 1; d < seriesDays; d++) {
      const g = a.dormantFrom !== null && d >= a.dormantFrom ? -0.0004 : drift;
      f[d] = f[d - 1]! * Math.exp(g + 0.002 * rng.normal());
    }
    a.followers = f;
  }
  for (const s of stars) {
    const f = s.account.followers;
    s.jump = Math.round(f[s.day]! * rng.between(0.05, 0.2) + 100);
    jumps.set(s.account.index, (jumps.get(s.account.index) ?? 0) + 1);
    for (let d = s.day + 1; d < seriesDays; d++) f[d] = f[d]! + s.jump;
  }
  const extra = new Map<number, Int32Array>();
  planned.forEach((list, d) => {
    for (const p of list) {
      let e = extra.get(p.account.index);
      if (!e) extra.set(p.account.index, (e = new Int32Array(days)));
      e[d]!++;
    }
  });
  for (const a of accounts) {
    const c = new Int32Array(seriesDays);
    const e = extra.get(a.index);
    let run = a.postCount0;
    for (let d = 0; d < seriesDays; d++) {
      if (d < days) run += regular[a.index * days + d]! + (e ? e[d]! : 0);
      c[d] = run;
    }
    a.cumulative = c;
  }
}
