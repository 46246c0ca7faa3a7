/**
 * Strict parsing of the date forms feeds use: RFC 822/2822 (RSS `pubDate`) and ISO 8601 / RFC 3339 (Atom,
 * `dc:date`). `Date.parse` is not used: V8 accepts almost anything ("1" is 2001) and reads a string without
 * a zone in the machine's local time, which would make a re-import depend on the server's TZ.
 */

export interface FeedDate {
  iso: string;
  /** False when the source gave no time zone and UTC was assumed. */
  zoned: boolean;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
// Day name optional; month by its first three letters (full names and "Sept" occur); time optional.
const RFC822 =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?)?$/;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// RFC 822 zone names, plus a few European ones that real feeds write although RFC 822 does not define them.
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
};

/** Minutes east of UTC for "+0300", "-05:00", "+03"; null when not a numeric offset. */
function numericOffset(zone: string): number | null {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offset: number | null,
): FeedDate | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  // Day 31 of a 30-day month rolls over in Date.UTC: refuse it instead.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - (offset ?? 0) * 60_000;
  if (!Number.isFinite(t)) return null;
  return { iso: new Date(t).toISOString(), zoned: offset !== null };
}

function fromIso(m: RegExpExecArray): FeedDate | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let offset: number | null = null;
  if (zone) offset = zone === 'Z' || zone === 'z' ? 0 : numericOffset(zone);
  if (zone && offset === null) return null;
  // A bare date (dc:date "2025-02-26") names a day, not an instant: midnight UTC, and no zone to warn about.
  if (h === undefined) return build(Number(y), Number(mo), Number(d), 0, 0, 0, 0, 0);
  return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms, offset);
}

function fromRfc822(m: RegExpExecArray): FeedDate | null {
  const [, d, monthName, yearText, h, mi, s, zone] = m;
  const mo = MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  if (mo === undefined || !yearText) return null;
  let y = Number(yearText);
  if (yearText.length === 2) y += y < 50 ? 2000 : 1900; // RFC 2822 §4.3
  let offset: number | null = null;
  if (zone) {
    offset = /^[+-]/.test(zone) ? numericOffset(zone) : (ZONES[zone.toUpperCase()] ?? null);
  }
  if (h === undefined) return build(y, mo, Number(d), 0, 0, 0, 0, 0);
  return build(y, mo, Number(d), Number(h), Number(mi), Number(s ?? 0), 0, offset);
}

/** The instant a feed date names, or null when it is not a date this parser accepts. */
export function parseFeedDate(raw: string | null): FeedDate | null {
  if (!raw) return null;
  const s = raw.trim();
  if (s.length < 8 || s.length > 64) return null;
  const iso = ISO.exec(s);
  if (iso) return fromIso(iso);
  const rfc = RFC822.exec(s);
  return rfc ? fromRfc822(rfc) : null;
}
