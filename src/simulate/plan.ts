import { UserError } from '../domain/errors.js';
import { lookalike, TECHNIQUES, type Technique } from './lookalike.js';
import type { Account, PlannedPost, RegistryChannel, SimKind } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import { rngFor, type Rng } from './rng.js';
import { BLOCS, RIVALS, WEEKDAY_WEIGHTS } from './tables.js';
import { campaignTag, type BreachKind } from './text.js';
import { addAccount, addPersonalAccounts, buildWorld, type World } from './world.js';

export interface PlanOptions {
  seed: string;
  posts: number;
  days: number;
  startMs: number;
}

export interface CampaignPlan {
  tag: string;
  launcher: string;
  allies: string[];
  coopter: string | null;
  startDay: number;
}

export interface ExchangePlan {
  countries: [string, string];
  host: string | null;
  accounts: [Account, Account];
}

export interface StarPlan {
  account: Account;
  at: number;
  day: number;
  multiplier: number;
  jump: number;
}

export interface ImpersonatorPlan {
  account: Account;
  target: Account;
  technique: Technique;
}

export interface Plan {
  options: PlanOptions;
  world: World;
  /** Days simulated plus the collection days after the window (recollections, snapshots). */
  seriesDays: number;
  /** Regular (unplanned) posts per account and day: `regular[account * days + day]`. */
  regular: Int32Array;
  /** Planned posts per day, in time order. */
  planned: PlannedPost[][];
  campaigns: CampaignPlan[];
  exchanges: ExchangePlan[];
  stars: StarPlan[];
  impersonators: ImpersonatorPlan[];
  personal: Account[];
  regularTotal: number;
  plannedTotal: number;
}

/** Days of collection after the window: the last day's recollection happens 3 days later. */
export const TAIL_DAYS = 4;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** A time on day `day` at local hour `hour` (fractional) of the account, kept inside that UTC day. */
export function localTime(startMs: number, day: number, account: Account, hour: number): number {
  const utcHour = (((hour - account.utcOffset) % 24) + 24) % 24;
  return startMs + day * DAY_MS + Math.floor((utcHour * HOUR_MS) / 1000) * 1000;
}

function byCountry(accounts: readonly Account[]): Map<string, Account[]> {
  const m = new Map<string, Account[]>();
  for (const a of accounts) {
    if (!a.sending) continue;
    let list = m.get(a.sending);
    if (!list) m.set(a.sending, (list = []));
    list.push(a);
  }
  return m;
}

const bigFirst = (list: readonly Account[]) =>
  [...list].sort(
    (a, b) =>
      Number(b.kind === 'ministry') - Number(a.kind === 'ministry') ||
      b.followers0 - a.followers0 ||
      a.index - b.index,
  );

export function makePlan(registry: readonly RegistryChannel[], options: PlanOptions): Plan {
  const { seed, posts, days, startMs } = options;
  const rng = rngFor(seed, 'plan');
  const world = buildWorld(registry, rngFor(seed, 'world'));
  const xRegistry = world.accounts.filter((a) => a.platform === 'x' && a.role === 'registry');
  if (xRegistry.length < 10)
    throw new UserError(
      'the registry has fewer than 10 X channels: import it first (attache registry import)',
      'input',
    );
  const planned: PlannedPost[] = [];
  const plan = (account: Account, at: number, kind: SimKind, purpose: PlannedPost['purpose']) =>
    planned.push({ account, at, kind, purpose });
  const scale = posts / 200_000;
  const count = (per200k: number, lo: number, hi: number) => clamp(Math.round(per200k * scale), lo, hi);

  // Dormant accounts and handle changes (never ministries: they stay the busiest voices).
  const candidates = rng.shuffle(xRegistry.filter((a) => a.kind !== 'ministry'));
  const nDormant = Math.max(2, Math.round(xRegistry.length * 0.015));
  for (let i = 0; i < nDormant * 2 && i < candidates.length; i++) {
    candidates[i]!.dormantFrom = i < nDormant ? 0 : Math.floor(days * rng.between(0.3, 0.7));
  }
  const active = xRegistry.filter((a) => a.dormantFrom === null);
  const nChanges = clamp(Math.round(xRegistry.length * 0.004), 1, 12);
  for (const a of candidates.slice(nDormant * 2, nDormant * 2 + nChanges)) {
    const day = Math.floor(days * rng.between(0.3, 0.7));
    a.handleChange = { at: startMs + day * DAY_MS, handle: `${a.handle.slice(0, 11)}_Sim` };
  }

  // Personal accounts of heads of mission, who breach the guidelines now and then.
  const embassies = active.filter((a) => a.kind === 'embassy' && a.host && a.handleChange === null);
  const personal = addPersonalAccounts(
    world,
    rng
      .shuffle([...embassies])
      .slice(0, count(8, 3, 20))
      .sort((a, b) => a.index - b.index),
    rng,
  );
  for (const p of personal) {
    for (let i = 0, n = 2 + rng.int(2); i < n; i++) {
      const breach: BreachKind = rng.chance(0.5) ? 'internal-politics' : 'commercial-endorsement';
      plan(p, localTime(startMs, 1 + rng.int(days - 1), p, rng.between(8, 22)), 'original', {
        type: 'breach',
        breach,
      });
    }
  }

  // Impersonators of well-followed registry accounts.
  const impersonators: ImpersonatorPlan[] = [];
  const taken = new Set(world.registryHandles.get('x'));
  const targets = bigFirst(active.filter((a) => a.handleChange === null)).slice(0, 60);
  for (let i = 0, n = count(8, 3, 20); impersonators.length < n && i < targets.length * 4; i++) {
    const target = targets[i % targets.length]!;
    if (impersonators.some((p) => p.target === target)) continue;
    const technique =
      TECHNIQUES[(impersonators.length + Math.floor(i / targets.length)) % TECHNIQUES.length]!;
    const handle = lookalike(target.handle, technique, i);
    if (!handle || taken.has(handle.toLowerCase())) continue;
    taken.add(handle.toLowerCase());
    const account = addAccount(
      world,
      rng,
      {
        platform: 'x',
        role: 'impersonator',
        handle,
        displayName: target.displayName,
        bio: target.bio,
        kind: 'impersonator',
        actorKey: null,
        sending: null,
        host: target.host,
        hostName: target.hostName,
      },
      Math.round(clamp(rng.lognormal(300, 1), 20, 5000)),
    );
    account.utcOffset = target.utcOffset;
    impersonators.push({ account, target, technique });
    for (let k = 0, m = 2 + rng.int(3); k < m; k++) {
      plan(account, localTime(startMs, 1 + rng.int(days - 1), account, rng.between(7, 23)), 'original', {
        type: 'impersonation',
      });
    }
  }

  const campaigns = planCampaigns(rng, active, days, startMs, count(6, 2, 30), plan);
  const exchanges = planExchanges(rng, active, days, startMs, count(6, 1, 40), plan);

  // Allocation of the regular posts.
  const nStars = count(20, 2, 200);
  const regularTotal = posts - planned.length - nStars;
  if (regularTotal < posts / 2)
    throw new UserError(
      `--posts ${posts} is too small for the planted phenomena (try 1000 or more)`,
      'usage',
    );
  const regular = allocate(rngFor(seed, 'allocation'), world.accounts, days, startMs, regularTotal);

  const stars = planStars(rng, world.accounts, regular, days, startMs, nStars);
  for (const [i, s] of stars.entries())
    plan(s.account, s.at, 'original', { type: 'star', star: i, multiplier: s.multiplier });
  // Star slots no account could take (too few earlier posts in a small world) go back to the regular posts
  // of the busiest always-active account, so that the total stays exact.
  const busiest = xRegistry
    .filter((a) => a.dormantFrom === null)
    .sort((a, b) => b.rate - a.rate || a.index - b.index)[0]!;
  for (let k = stars.length; k < nStars; k++) regular[busiest.index * days + rng.int(days)]!++;

  const byDay: PlannedPost[][] = Array.from({ length: days }, () => []);
  for (const p of planned) byDay[clamp(Math.floor((p.at - startMs) / DAY_MS), 0, days - 1)]!.push(p);
  for (const list of byDay) list.sort((a, b) => a.at - b.at || a.account.index - b.account.index);

  const seriesDays = days + TAIL_DAYS + 1;
  fillSeries(rngFor(seed, 'followers'), world.accounts, regular, byDay, stars, days, seriesDays);
  return {
    options,
    world,
    seriesDays,
    regular,
    planned: byDay,
    campaigns,
    exchanges,
    stars,
    impersonators,
    personal,
    regularTotal: posts - planned.length,
    plannedTotal: planned.length,
  };
}

type PlanFn = (account: Account, at: number, kind: SimKind, purpose: PlannedPost['purpose']) => void;

function planCampaigns(
  rng: Rng,
  active: readonly Account[],
  days: number,
  startMs: number,
  n: number,
  plan: PlanFn,
): CampaignPlan[] {
  const countries = byCountry(active);
  const present = (c: string) => (countries.get(c)?.length ?? 0) > 0;
  const launchers = [...countries.keys()]
    .filter(
      (c) =>
        countries.get(c)!.length >= 3 &&
        BLOCS.some((b) => b.includes(c) && b.some((o) => o !== c && present(o))),
    )
    .sort();
  const used = new Set<string>();
  const out: CampaignPlan[] = [];
  if (!launchers.length || days < 4) return out;
  rng.shuffle(launchers);
  // Launchers with a rival present come first, so that the first campaigns can be co-opted.
  const hasRival = (c: string) => RIVALS.some(([a, b]) => (a === c && present(b)) || (b === c && present(a)));
  launchers.sort((a, b) => Number(hasRival(b)) - Number(hasRival(a)));
  for (let k = 0; k < n; k++) {
    const launcher = launchers[k % launchers.length]!;
    const allies = [...new Set(BLOCS.filter((b) => b.includes(launcher)).flat())]
      .filter((c) => c !== launcher && present(c))
      .sort();
    rng.shuffle(allies);
    const rivals = RIVALS.flatMap(([a, b]) => (a === launcher ? [b] : b === launcher ? [a] : [])).filter(
      present,
    );
    const coopter = rivals.length && (k === 0 || rng.chance(0.6)) ? rng.pick(rivals) : null;
    const span = Math.min(9, days - 1);
    const startDay = rng.int(Math.max(1, days - span));
    const c: CampaignPlan = {
      tag: campaignTag(rng, used),
      launcher,
      allies: allies.slice(0, 4),
      coopter,
      startDay,
    };
    const at = (a: Account, day: number) =>
      localTime(startMs, Math.min(days - 1, day), a, rng.between(8, 18));
    const own = bigFirst(countries.get(launcher)!).slice(0, 2 + rng.int(2));
    own.forEach((a, i) =>
      plan(a, at(a, startDay + (i === 0 ? 0 : rng.int(2))), 'original', {
        type: 'campaign',
        campaign: k,
        role: 'launch',
      }),
    );
    c.allies.forEach((country, i) => {
      for (const a of rng.shuffle([...countries.get(country)!]).slice(0, 1 + rng.int(3))) {
        const day = startDay + 1 + Math.min(span - 2, i + rng.int(3));
        plan(a, at(a, day), 'original', { type: 'campaign', campaign: k, role: 'adopt' });
        if (rng.chance(0.4))
          plan(a, at(a, day + 1 + rng.int(2)), 'original', { type: 'campaign', campaign: k, role: 'adopt' });
      }
    });
    if (coopter) {
      for (const a of rng.shuffle([...countries.get(coopter)!]).slice(0, 1 + rng.int(3))) {
        plan(a, at(a, startDay + 2 + rng.int(Math.max(1, span - 3))), 'original', {
          type: 'campaign',
          campaign: k,
          role: 'coopt',
        });
      }
    }
    out.push(c);
  }
  return out;
}

function planExchanges(
  rng: Rng,
  active: readonly Account[],
  days: number,
  startMs: number,
  n: number,
  plan: PlanFn,
): ExchangePlan[] {
  const countries = byCountry(active);
  const pairs = RIVALS.filter(([a, b]) => countries.has(a) && countries.has(b));
  const out: ExchangePlan[] = [];
  if (!pairs.length) return out;
  for (let k = 0; k < n; k++) {
    const [ca, cb] = pairs[k % pairs.length]!;
    const la = countries.get(ca)!;
    const lb = countries.get(cb)!;
    const hosts = [
      ...new Set(
        la.map((a) => a.host).filter((h): h is string => h !== null && lb.some((b) => b.host === h)),
      ),
    ].sort();
    let a: Account;
    let b: Account;
    let host: string | null = null;
    if (hosts.length) {
      host = rng.pick(hosts);
      a = rng.pick(la.filter((x) => x.host === host));
      b = rng.pick(lb.filter((x) => x.host === host));
    } else {
      a = bigFirst(la)[0]!;
      b = bigFirst(lb)[0]!;
    }
    const ex: ExchangePlan = { countries: [ca, cb], host, accounts: [a, b] };
    let t = localTime(startMs, rng.int(Math.max(1, days - 1)), a, rng.between(9, 15));
    for (let step = 0, len = 4 + rng.int(5); step < len; step++) {
      const who = step % 2 === 0 ? a : b;
      const kind: SimKind = step === 0 ? 'original' : step === 1 || rng.chance(0.4) ? 'quote' : 'reply';
      plan(who, t, kind, { type: 'exchange', exchange: k, step });
      t += Math.floor(rng.between(15, 120) * 60) * 1000;
    }
    out.push(ex);
  }
  return out;
}

/**
 * Regular posts per account and day, summing to exactly `total`. Each account's expected total (its rate ×
 * active days, scaled) is rounded by a random phase, the rounding error spread over the busiest accounts, and
 * the account's total spread over its days by cumulative rounding of weights (local weekday × day-to-day noise).
 */
function allocate(
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

function planStars(
  rng: Rng,
  accounts: readonly Account[],
  regular: Int32Array,
  days: number,
  startMs: number,
  n: number,
): StarPlan[] {
  const totals = accounts
    .filter(
      (a) =>
        a.role === 'registry' && (a.platform === 'x' || a.platform === 'bluesky') && a.dormantFrom === null,
    )
    .map((a) => {
      let t = 0;
      for (let d = 0; d < days; d++) t += regular[a.index * days + d]!;
      return { a, t };
    })
    .filter((x) => x.t >= 60)
    .sort((x, y) => y.t - x.t || x.a.index - y.a.index);
  const out: StarPlan[] = [];
  if (!totals.length) return out;
  for (let k = 0; k < n; k++) {
    const { a } = totals[k % totals.length]!;
    // The first day by which the account has posted enough (about 45 posts, so some 28 originals) before it.
    let cum = 0;
    let first = -1;
    for (let d = 0; d < days; d++) {
      if (cum >= 45) {
        first = d;
        break;
      }
      cum += regular[a.index * days + d]!;
    }
    if (first < 0 || first > days - 2) continue;
    const day = first + rng.int(days - 1 - first);
    if (out.some((s) => s.account === a && Math.abs(s.day - day) < 4)) continue;
    out.push({
      account: a,
      day,
      at: localTime(startMs, day, a, rng.between(10, 16)),
      multiplier: Math.round(rng.between(10, 40) * 10) / 10,
      jump: 0,
    });
  }
  return out;
}

/**
 * Followers per account and day: a slow lognormal drift with daily noise, and for a star post a jump on the
 * next day. Cumulative post counts per day (regular and planned) for the profile's post counter.
 */
function fillSeries(
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
