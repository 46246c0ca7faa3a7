/** Numbers and dates for people: grouped digits, compact large numbers, UTC dates (the data are in UTC). */
const locale = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';

const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(locale, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(locale, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** An unknown value is shown as an em dash, never as 0 (missing is not zero). */
export const DASH = '—';

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export const fmtInt = (v: number | null | undefined) => (known(v) ? whole.format(v) : DASH);
export const fmt1 = (v: number | null | undefined) => (known(v) ? oneDecimal.format(v) : DASH);
export const fmt2 = (v: number | null | undefined) => (known(v) ? twoDecimals.format(v) : DASH);
export const fmtCompact = (v: number | null | undefined) => (known(v) ? compact.format(v) : DASH);
/** A ratio (0.12) as a percentage (12 %). */
export const fmtPercent = (v: number | null | undefined) => (known(v) ? percent.format(v) : DASH);
export const fmtSignedPercent = (v: number | null | undefined) => (known(v) ? signedPercent.format(v) : DASH);

function toDate(v: string | Date | null | undefined): Date | null {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}
export const fmtDay = (v: string | Date | null | undefined) => {
  const d = toDate(v);
  return d ? day.format(d) : DASH;
};
export const fmtDateTime = (v: string | Date | null | undefined) => {
  const d = toDate(v);
  return d ? `${dateTime.format(d)} UTC` : DASH;
};

/** A signed change of rank: +3 means three places up. */
export function fmtRankChange(v: number | null | undefined): string {
  if (!known(v)) return 'new';
  if (v === 0) return '=';
  return v > 0 ? `▲ ${whole.format(v)}` : `▼ ${whole.format(-v)}`;
}
