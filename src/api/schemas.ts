import { z } from 'zod';
import { INDICATORS } from '../analytics/index.js';
import { badRequest } from './errors.js';

// ---- Query and path parameters (they arrive as strings). ----

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export const dayParam = z.string().refine(isDay, 'must be a date YYYY-MM-DD');

/** A surrogate id in the path. */
export const idParam = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a positive whole number')
  .transform(Number);

export const platformParam = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/i, 'must be a platform id such as x, bluesky, mastodon')
  .transform((s) => s.toLowerCase())
  .describe('platform id: x, bluesky, mastodon, telegram, youtube, rss, …');

export const countryParam = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{1,11}$/, 'must be a country or organisation code such as FR, JP, EU')
  .transform((s) => s.toUpperCase());

const windowLength = z
  .string()
  .regex(/^\d{1,4}[dw]?$/, 'must be a length such as 7d, 30d or 4w')
  .transform((s) => Number(s.replace(/[dw]$/, '')) * (s.endsWith('w') ? 7 : 1))
  .pipe(z.number().int().min(1, 'must be at least 1 day').max(3660, 'must be at most 3660 days'));

/** `window` (7d, 30d, 4w) or `days` (a number), and `to` (the window's last day). */
export const windowQuery = {
  window: windowLength.optional().describe('window length: 7d, 30d, 4w (or use days)'),
  days: windowLength.optional().describe('window length in days (or use window)'),
  to: dayParam.optional().describe('last day of the window, YYYY-MM-DD (default: the latest day with data)'),
};

export function windowDays(
  q: { window?: number | undefined; days?: number | undefined },
  fallback: number,
): number {
  if (q.window !== undefined && q.days !== undefined) {
    throw badRequest('give window or days, not both', [
      { path: 'query.days', message: 'conflicts with window' },
    ]);
  }
  return q.window ?? q.days ?? fallback;
}

// ---- Response pieces. ----

export const dateTime = z.iso.datetime();
export const day = z.iso.date();
export const count = z.number().int().nonnegative();

export const windowSchema = z.object({ from: day, to: day, days: z.number().int().positive() });

export const indicatorValues = z.object(
  Object.fromEntries(INDICATORS.map((i) => [i, z.number().nullable()])) as Record<
    (typeof INDICATORS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);
export const indicatorName = z.enum(INDICATORS);

/** A post's latest counters; a counter the source does not give is null, never 0. */
export const metricsSchema = z.object({
  observedAt: dateTime,
  likes: count.nullable(),
  reposts: count.nullable(),
  replies: count.nullable(),
  quotes: count.nullable(),
  views: count.nullable(),
  bookmarks: count.nullable(),
});

/** One post in a list: text as written (plain text, never HTML), its latest metrics and star score. */
export const postItemSchema = z.object({
  id: z.number().int(),
  platform: z.string(),
  platformPostId: z.string(),
  channelId: z.number().int().nullable(),
  handle: z.string().nullable(),
  publishedAt: dateTime,
  kind: z.enum(['original', 'reply', 'quote', 'repost']),
  text: z.string().nullable(),
  lang: z.string().nullable(),
  url: z.string().nullable(),
  hasMedia: z.boolean(),
  deletedAt: dateTime.nullable(),
  editedAt: dateTime.nullable(),
  metrics: metricsSchema.nullable(),
  /** interactions ÷ the median of the previous own posts of the same kind (docs/methodology.md, star posts). */
  score: z
    .object({
      interactions: count,
      baselinePosts: count,
      baselineMedian: z.number().nullable(),
      ratio: z.number().nullable(),
    })
    .nullable(),
});

export const channelRefSchema = z.object({
  id: z.number().int(),
  platform: z.string(),
  handle: z.string().nullable(),
  displayName: z.string().nullable(),
  url: z.string().nullable(),
  actorId: z.number().int().nullable(),
});

/** Indicator values from a function of the indicator. */
export const indicatorMap = (
  f: (i: (typeof INDICATORS)[number]) => number | null,
): Record<(typeof INDICATORS)[number], number | null> =>
  Object.fromEntries(INDICATORS.map((i) => [i, f(i)])) as Record<(typeof INDICATORS)[number], number | null>;
