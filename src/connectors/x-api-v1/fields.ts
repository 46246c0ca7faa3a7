/** Field coercions shared by the X API v1.1 and X archive mappers (the archive writes every number as a string). */

const DIGITS = /^\d+$/;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
// "Wed Dec 23 17:12:08 +0000 2020": the only date format of v1.1 statuses and archive tweets.
const TWITTER_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
// Tools such as rtweet rewrite created_at as ISO-8601; an offset is required so the instant is not guessed.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An id only when it cannot have lost precision: a string of digits (never a JS number). */
export function toId(v: unknown): string | null {
  return typeof v === 'string' && DIGITS.test(v) ? v : null;
}

/** A counter written as a number (API) or a string of digits (archive); anything else is unknown (null). */
export function toCount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string' && v.length > 0 && v.length < 16 && DIGITS.test(v)) return Number(v);
  return null;
}

/** A v1.1 / archive `created_at` (or an ISO time with an offset) as ISO-8601 UTC; null when unreadable. */
export function parseTwitterDate(s: string): string | null {
  const m = TWITTER_DATE.exec(s);
  if (m) {
    const [, mon, day, hh, mm, ss, sign, oh, om, year] = m;
    const month = MONTHS[mon!];
    if (month === undefined) return null;
    const local = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
    // Date.UTC rolls "Feb 31" or "25:00" over into the next day: refuse instead of inventing a time.
    if (
      new Date(local).getUTCDate() !== Number(day) ||
      Number(hh) > 23 ||
      Number(mm) > 59 ||
      Number(ss) > 59
    ) {
      return null;
    }
    const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    return new Date(local - offsetMin * 60_000).toISOString();
  }
  if (ISO_WITH_OFFSET.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  return null;
}

const SNOWFLAKE_EPOCH = 1288834974657n;
// Ids below this were issued sequentially before Snowflake (November 2010) and encode no time.
const FIRST_SNOWFLAKE = 30_000_000_000n;
/** The creation time inside an X id (`id >> 22` + epoch, in ms); null for pre-Snowflake ids. */
export function snowflakeTime(id: string): string | null {
  const n = BigInt(id);
  if (n < FIRST_SNOWFLAKE) return null;
  const ms = Number((n >> 22n) + SNOWFLAKE_EPOCH);
  return ms < 8.64e15 ? new Date(ms).toISOString() : null;
}
