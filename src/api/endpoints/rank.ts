import { z } from 'zod';
import { INDICATORS, rank, RANK_LEVELS, type WeightsFile } from '../../analytics/index.js';
import { defineEndpoint } from '../endpoint.js';
import { badRequest } from '../errors.js';
import { actorIdsByKey, channelIdsByKey } from '../queries/rank-refs.js';
import {
  countryParam,
  indicatorMap,
  indicatorName,
  indicatorValues,
  platformParam,
  windowDays,
  windowQuery,
  windowSchema,
} from '../schemas.js';

const weightParam = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,6})?$/, 'must be a number ≥ 0 such as 0.25 or 2')
  .transform(Number)
  .pipe(z.number().max(1000))
  .optional();

const weightOverrides = Object.fromEntries(
  INDICATORS.map((i) => [`w.${i}`, weightParam.describe(`weight of ${i} (overrides the published weight)`)]),
) as Record<`w.${(typeof INDICATORS)[number]}`, typeof weightParam>;

const query = z.strictObject({
  ...windowQuery,
  platform: platformParam.optional(),
  host: countryParam.optional().describe('host country or organisation (required for missions)'),
  limit: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(100_000))
    .optional()
    .describe('only the first rows (ranked rows come first, by rank); default every row'),
  ...weightOverrides,
});

/** The published weights with the query's overrides; `+custom` marks a changed set. */
function weightsWith(base: WeightsFile, q: Record<string, unknown>): WeightsFile {
  const values = { ...base.weights };
  let changed = false;
  for (const i of INDICATORS) {
    const w = q[`w.${i}`];
    if (typeof w === 'number') {
      values[i] = w;
      changed = true;
    }
  }
  if (!Object.values(values).some((w) => w > 0)) {
    throw badRequest('at least one weight must be above 0', [
      { path: 'query.w', message: 'every weight is 0' },
    ]);
  }
  return { ...base, version: changed ? `${base.version}+custom` : base.version, weights: values };
}

const coverage = z.object({
  channels: z.number().int(),
  withPosts: z.number().int(),
  withFollowers: z.number().int(),
  measuredPosts: z.number().int(),
});

const row = z.object({
  rank: z.number().int().nullable(),
  key: z.string(),
  label: z.string(),
  /** Links: the country code (countries), the channel id (channels), the mission's actor id (missions). */
  countryCode: z.string().nullable(),
  channelId: z.number().int().nullable(),
  actorId: z.number().int().nullable(),
  score: z.number().nullable(),
  indicators: indicatorValues,
  normalised: indicatorValues,
  contributions: indicatorValues,
  missing: z.array(indicatorName),
  notes: z.array(z.string()),
  coverage,
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
});

const ind = (v: number | null) => indicatorMap(() => v);

export const rankEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/rank/{level}',
  summary: 'Ranking of countries, channels, or the missions in one host country',
  description:
    'Indicators over the window, normalised to percentile ranks and weighted (docs/methodology.md, "Ranking"). ' +
    'Weights default to the published set; `w.<indicator>=<number>` overrides one, so a client can recompute live. ' +
    '`limit` keeps the first rows only: every channel is several MB of JSON, where a page of the top 100 is 100 KB.',
  tags: ['ranking'],
  params: z.strictObject({ level: z.enum(RANK_LEVELS) }),
  query,
  cached: true,
  response: z.object({
    level: z.enum(RANK_LEVELS),
    window: windowSchema,
    previousWindow: windowSchema,
    filters: z.object({ platform: z.string().nullable(), host: z.string().nullable() }),
    weights: z.object({
      version: z.string(),
      values: z.object(Object.fromEntries(INDICATORS.map((i) => [i, z.number()]))),
      reasons: z.record(z.string(), z.string()),
    }),
    normalisation: z.string(),
    excluded: z.array(indicatorName),
    notes: z.array(z.string()),
    total: z.number().int().describe('rows in the whole ranking; more than `rows` when `limit` cut it'),
    rows: z.array(row),
  }),
  example: {
    level: 'countries',
    window: { from: '2026-03-02', to: '2026-03-31', days: 30 },
    previousWindow: { from: '2026-01-31', to: '2026-03-01', days: 30 },
    filters: { platform: null, host: null },
    weights: {
      version: 'ranking-v1',
      values: {
        reach: 0.25,
        activity: 0.15,
        engagement: 0.2,
        responsiveness: 0.1,
        growth: 0.1,
        breadth: 0.1,
        languages: 0.05,
        connectedness: 0.05,
      },
      reasons: { reach: 'Audience is the first thing every index measures.' },
    },
    normalisation: 'percentile rank of log1p(value) across the ranked entities, 0–100',
    excluded: ['connectedness'],
    notes: ['connectedness: no data for any country; left out and the other weights re-scaled'],
    total: 1,
    rows: [
      {
        rank: 1,
        key: 'FI',
        label: 'Finland',
        countryCode: 'FI',
        channelId: null,
        actorId: null,
        score: 88.6,
        indicators: { ...ind(null), reach: 15400, activity: 1.2, breadth: 3, languages: 2 },
        normalised: { ...ind(null), reach: 100, activity: 75, breadth: 100, languages: 50 },
        contributions: { ...ind(null), reach: 45.45, activity: 20.45, breadth: 18.18, languages: 4.55 },
        missing: ['engagement', 'responsiveness', 'growth'],
        notes: [],
        coverage: { channels: 3, withPosts: 3, withFollowers: 3, measuredPosts: 40 },
        previousRank: 2,
        rankChange: 1,
      },
    ],
  },
  async handler({ params, query: q, ctx }) {
    const weights = weightsWith(ctx.weights, q);
    const input = {
      level: params.level,
      days: windowDays(q, 30),
      to: q.to,
      platform: q.platform,
      host: q.host,
      weights,
    };
    const full = await ctx.cache.get(`rank:${JSON.stringify(input)}`, () => rank(ctx.db, input));
    // The whole ranking is computed (percentiles need every entity); the limit only trims what is sent.
    const r = q.limit === undefined ? full : { ...full, rows: full.rows.slice(0, q.limit) };
    const keys = r.rows.map((x) => x.key);
    const channelIds =
      r.level === 'channels' ? await channelIdsByKey(ctx.db, keys) : new Map<string, number>();
    const actorIds = r.level === 'missions' ? await actorIdsByKey(ctx.db, keys) : new Map<string, number>();
    return {
      ...r,
      total: full.rows.length,
      weights: { ...r.weights, reasons: weights.reasons ?? {} },
      rows: r.rows.map((x) => ({
        ...x,
        countryCode: r.level === 'countries' ? x.key : null,
        channelId: channelIds.get(x.key) ?? null,
        actorId: actorIds.get(x.key) ?? null,
      })),
    };
  },
});
