import type { CanonicalPost } from '../../domain/canonical.js';

/** Field readers for Telegram export messages: ids, counters, times, media and reactions. */

const DIGITS = /^\d+$/;
// `date` is the exporting computer's local time without an offset; `date_unixtime` (since 2021) is exact.
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const FILE_KINDS: Record<string, CanonicalPost['media'][number]['kind']> = {
  video_file: 'video',
  video_message: 'video',
  animation: 'gif',
  voice_message: 'audio',
  audio_file: 'audio',
  sticker: 'other',
};

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function count(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  return typeof v === 'string' && DIGITS.test(v) && v.length < 16 ? Number(v) : null;
}

/** A message or chat id: a positive safe integer or a string of digits. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : null;
  return typeof v === 'string' && DIGITS.test(v) ? v : null;
}

/** An instant from `*_unixtime`, else from the ISO field; `assumedUtc` when only local time was given. */
export function timeOf(unixtime: unknown, text: unknown): { iso: string; assumedUtc: boolean } | null {
  const seconds = count(unixtime);
  if (seconds !== null && seconds < 8.64e12)
    return { iso: new Date(seconds * 1000).toISOString(), assumedUtc: false };
  if (typeof text !== 'string') return null;
  const local = LOCAL_TIME.test(text);
  if (!local && !WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(local ? `${text}Z` : text);
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  // V8 rolls "02-31" over into March: a local time must read back unchanged.
  if (local && iso.slice(0, 19) !== text) return null;
  return { iso, assumedUtc: local };
}

/** The media fields of a message as the exporter writes them. */
export interface MediaFields {
  photo?: string | null;
  file?: string | null;
  media_type?: string | null;
  width?: number | null;
  height?: number | null;
  duration_seconds?: number | null;
}

export function mediaOf(m: MediaFields): CanonicalPost['media'] {
  const dims = { width: count(m.width), height: count(m.height) };
  const none = { platformMediaId: null, url: null, altText: null };
  // Paths inside the export folder (or "(File not included…)") are not URLs: only the kind and size are kept.
  if (typeof m.photo === 'string') return [{ kind: 'image', ...none, ...dims, durationMs: null }];
  if (typeof m.file !== 'string') return [];
  const seconds = count(m.duration_seconds);
  return [
    {
      kind: m.media_type ? (FILE_KINDS[m.media_type] ?? 'other') : 'file',
      ...none,
      ...dims,
      durationMs: seconds === null ? null : seconds * 1000,
    },
  ];
}

/** Reactions summed as likes; paid (Stars) reactions count stars, not people, and are left out. */
export function likesOf(reactions: unknown[] | null | undefined): number | null {
  if (!reactions) return null;
  let sum = 0;
  for (const r of reactions) {
    if (isRecord(r) && r.type !== 'paid') sum += count(r.count) ?? 0;
  }
  return sum;
}
