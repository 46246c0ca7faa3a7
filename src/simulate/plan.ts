import { UserError } from '../domain/errors.js';
import { allocate, fillSeries } from './allocate.js';
import { lookalike, TECHNIQUES, type Technique } from './lookalike.js';
import type { Account, PlannedPost, RegistryChannel, SimKind } from './model.js';
import { DAY_MS } from './model.js';
import { planCampaigns, planExchanges, planStars } from './planted.js';
import { rngFor } from './rng.js';
import { bigFirst, clamp, localTime } from './schedule.js';
import type { BreachKind } from './text.js';
import { addAccount, addPersonalAccounts, buildWorld, type World } from './world.js';

export { localTime };

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
