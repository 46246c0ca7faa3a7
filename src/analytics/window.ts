import type { Queryable } from '../db/database.js';
import { UserError } from '../domain/errors.js';
import { foldPendingRollups } from '../ingest/rollup-fold.js';

/** A window of whole UTC days, both ends included. */
export interface Window {
  from: string;
  to: string;
  days: number;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** `30d`, `4w`, or a bare number of days. */
export function parseWindowLength(text: string): number {
  const m = /^(\d{1,4})([dw]?)$/.exec(text.trim());
  const n = m ? Number(m[1]) * (m[2] === 'w' ? 7 : 1) : NaN;
  if (!m || n < 1 || n > 3660) {
    throw new UserError(`--window "${text}" is not a length such as 7d, 30d or 4w (1 to 3660 days)`, 'usage');
  }
  return n;
}

export function parseDay(text: string, flag: string): string {
  if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || addDays(text, 0) !== text) {
    throw new UserError(`${flag} "${text}" is not a date (YYYY-MM-DD)`, 'usage');
  }
  return text;
}

export function windowEnding(to: string, days: number): Window {
  return { from: addDays(to, 1 - days), to, days };
}

/** The window of the same length that ends the day before `w` starts. */
export const previousWindow = (w: Window): Window => windowEnding(addDays(w.from, -1), w.days);

/** The last UTC day with any rollup row (posts or a follower observation); null on an empty database. */
export async function latestDataDay(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ day: string | null }>('SELECT max(day) AS day FROM channel_daily');
  return row?.day ?? null;
}

/**
 * The requested window: `days` long, ending at `to` or, without it, at the latest data day. Folds the
 * import's pending rollup differences first: what follows reads channel_daily.
 */
export async function resolveWindow(db: Queryable, days: number, to: string | undefined): Promise<Window> {
  await foldPendingRollups(db);
  const end = to === undefined ? await latestDataDay(db) : parseDay(to, '--to');
  if (end === null) throw new UserError('no data yet (try: attache import FILE…)', 'no-data');
  return windowEnding(end, days);
}
