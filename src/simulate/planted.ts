import type { Account, PlannedPost, SimKind } from './model.js';
import type { CampaignPlan, ExchangePlan, StarPlan } from './plan.js';
import { bigFirst, byCountry, localTime } from './schedule.js';
import type { Rng } from './rng.js';
import { BLOCS, RIVALS } from './tables.js';
import { campaignTag } from './text.js';

export type PlanFn = (account: Account, at: number, kind: SimKind, purpose: PlannedPost['purpose']) => void;

export function planCampaigns(
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

export function planExchanges(
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

export function planStars(
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
