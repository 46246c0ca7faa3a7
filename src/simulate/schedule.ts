import type { Account } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** A time on day `day` at local hour `hour` (fractional) of the account, kept inside that UTC day. */
export function localTime(startMs: number, day: number, account: Account, hour: number): number {
  const utcHour = (((hour - account.utcOffset) % 24) + 24) % 24;
  return startMs + day * DAY_MS + Math.floor((utcHour * HOUR_MS) / 1000) * 1000;
}

export function byCountry(accounts: readonly Account[]): Map<string, Account[]> {
  const m = new Map<string, Account[]>();
  for (const a of accounts) {
    if (!a.sending) continue;
    let list = m.get(a.sending);
    if (!list) m.set(a.sending, (list = []));
    list.push(a);
  }
  return m;
}

export const bigFirst = (list: readonly Account[]) =>
  [...list].sort(
    (a, b) =>
      Number(b.kind === 'ministry') - Number(a.kind === 'ministry') ||
      b.followers0 - a.followers0 ||
      a.index - b.index,
  );
