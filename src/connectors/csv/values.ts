import type { CanonicalPost } from '../../domain/canonical.js';

// RFC 3339 / ISO 8601 extended form with a required offset; a space may stand for the "T" (SQL exports).
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO 8601 time with an offset as UTC ISO, or null. Stricter than `Date.parse`, which rolls 30 February
 * over into March and reads a time without offset as local time: both would silently shift a post.
 */
export function parseIsoTime(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS[month - 1]!)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone!.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone![0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac ? Math.floor(Number(frac) * 1000) : 0;
  const utc =
    Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s ?? 0), ms) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

export type Count = { ok: true; value: number | null } | { ok: false };

/** A counter: digits only (no sign, no "1.2K", no thousands separator); empty is unknown (null), not 0. */
export function parseCount(value: string | undefined): Count {
  const v = value?.trim();
  if (!v) return { ok: true, value: null };
  if (!/^\d+$/.test(v)) return { ok: false };
  const n = Number(v);
  return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false };
}

const SEPARATORS = /[\s,]+/;
const WHITESPACE = /\s+/;

/** Hashtags and mentions: separated by spaces or commas (neither can occur inside one). */
export function splitWords(value: string | undefined): string[] {
  return value ? value.split(SEPARATORS).filter(Boolean) : [];
}

/** Links and media: separated by whitespace only, since a URL may hold a comma. */
export function splitUrls(value: string | undefined): string[] {
  return value ? value.split(WHITESPACE).filter(Boolean) : [];
}

const HTTP = /^https?:\/\/\S+$/i;
export const isHttpUrl = (value: string): boolean => HTTP.test(value);

const MEDIA_BY_EXTENSION: [RegExp, CanonicalPost['media'][number]['kind']][] = [
  [/\.gif$/i, 'gif'],
  [/\.(jpe?g|png|webp|avif|heic|bmp|svg)$/i, 'image'],
  [/\.(mp4|m4v|mov|webm|m3u8|mkv|avi)$/i, 'video'],
  [/\.(mp3|m4a|aac|ogg|oga|opus|wav|flac)$/i, 'audio'],
  [/\.(pdf|docx?|xlsx?|pptx?|zip)$/i, 'file'],
];

/** A media kind guessed from the URL's path extension; `other` when it says nothing. */
export function mediaKindOf(url: string): CanonicalPost['media'][number]['kind'] {
  const path = url.replace(/[?#].*$/, '');
  for (const [re, kind] of MEDIA_BY_EXTENSION) if (re.test(path)) return kind;
  return 'other';
}
