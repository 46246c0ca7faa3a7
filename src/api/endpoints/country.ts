import { z } from 'zod';
import { rank } from '../../analytics/index.js';
import { UserError } from '../../domain/errors.js';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import {
  countryActivity,
  countryActors,
  countryByCode,
  countryChannels,
  countryFollowers,
  hostedActors,
  missionHosts,
} from '../queries/country.js';
import {
  countryParam,
  indicatorMap,
  day,
  indicatorValues,
  platformParam,
  windowDays,
  windowQuery,
  windowSchema,
} from '../schemas.js';

/** Median of the known values (mean of the two middle ones for an even count); null when none is known. */
export function medianOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = known.length;
  if (!n) return null;
  return n % 2 ? known[(n - 1) / 2]! : (known[n / 2 - 1]! + known[n / 2]!) / 2;
}

const ind = (v: number | null) => indicatorMap(() => v);

export const countryEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/countries/{code}',
  summary:
    'A country: its actors and channels by platform, where its missions are, indicators vs the median country',
  description:
    'Indicators come from the countries ranking with the published weights over the window; `median` is the ' +
    'median of each indicator over the ranked countries with a known value. `ranking` is null when there is no data yet.',
  tags: ['countries'],
  params: z.strictObject({ code: countryParam }),
  query: z.strictObject({ ...windowQuery, platform: platformParam.optional() }),
  cached: true,
  response: z.object({
    country: z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      alpha3: z.string().nullable(),
    }),
    actors: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kind: z.string(),
        hostCountry: z.string().nullable(),
        city: z.string().nullable(),
        wikidataQid: z.string().nullable(),
        parentActorId: z.number().int().nullable(),
      }),
    ),
    channels: z.array(
      z.object({
        id: z.number().int(),
        platform: z.string(),
        handle: z.string().nullable(),
        displayName: z.string().nullable(),
        url: z.string().nullable(),
        actorId: z.number().int().nullable(),
      }),
    ),
    platforms: z.array(z.object({ platform: z.string(), channels: z.number().int() })),
    missions: z.array(z.object({ host: z.string(), name: z.string().nullable(), actors: z.number().int() })),
    hostedActors: z.number().int(),
    ranking: z
      .object({
        window: windowSchema,
        weights: z.string(),
        rank: z.number().int().nullable(),
        of: z.number().int(),
        score: z.number().nullable(),
        indicators: indicatorValues,
        median: indicatorValues,
      })
      .nullable(),
    activity: z.array(
      z.object({
        day,
        posts: z.number().int(),
        measuredPosts: z.number().int(),
        interactions: z.number().int(),
      }),
    ),
    followers: z
      .array(
        z.object({
          day,
          platform: z.string(),
          followers: z.number().int(),
          channels: z.number().int(),
        }),
      )
      .describe(
        "Per day and platform: the sum of each registry channel's latest follower observation on or before " +
          'the day; `channels` counts the channels observed by then.',
      ),
  }),
  example: {
    country: { code: 'FI', name: 'Finland', kind: 'state', alpha3: 'FIN' },
    actors: [
      {
        id: 1,
        name: 'Ministry for Foreign Affairs of Finland',
        kind: 'ministry',
        hostCountry: null,
        city: 'Helsinki',
        wikidataQid: 'Q1416245',
        parentActorId: null,
      },
    ],
    channels: [
      {
        id: 7,
        platform: 'x',
        handle: 'Ulkoministerio',
        displayName: 'Ulkoministeriö',
        url: 'https://x.com/Ulkoministerio',
        actorId: 1,
      },
    ],
    platforms: [{ platform: 'x', channels: 1 }],
    missions: [{ host: 'JP', name: 'Japan', actors: 2 }],
    hostedActors: 40,
    ranking: {
      window: { from: '2026-03-02', to: '2026-03-31', days: 30 },
      weights: 'ranking-v1',
      rank: 3,
      of: 12,
      score: 61.2,
      indicators: { ...ind(null), reach: 15400, activity: 1.2, breadth: 1, languages: 2 },
      median: { ...ind(null), reach: 9800, activity: 0.9, breadth: 1, languages: 1 },
    },
    activity: [{ day: '2026-03-02', posts: 3, measuredPosts: 2, interactions: 45 }],
    followers: [{ day: '2026-03-02', platform: 'x', followers: 15400, channels: 1 }],
  },
  async handler({ params, query: q, ctx }) {
    const country = await countryByCode(ctx.db, params.code);
    if (!country) throw notFound(`no country or organisation "${params.code}"`);
    const [actors, channels, missions, hosted] = [
      await countryActors(ctx.db, country.code),
      await countryChannels(ctx.db, country.code),
      await missionHosts(ctx.db, country.code),
      await hostedActors(ctx.db, country.code),
    ];
    const platforms = new Map<string, number>();
    for (const c of channels) platforms.set(c.platform, (platforms.get(c.platform) ?? 0) + 1);
    let ranking = null;
    let activity: Awaited<ReturnType<typeof countryActivity>> = [];
    let followers: Awaited<ReturnType<typeof countryFollowers>> = [];
    try {
      const input = {
        level: 'countries' as const,
        days: windowDays(q, 30),
        to: q.to,
        platform: q.platform,
        host: undefined,
        weights: ctx.weights,
      };
      // The same key as /api/rank/countries with the published weights: one computation serves both.
      const r = await ctx.cache.get(`rank:${JSON.stringify(input)}`, () => rank(ctx.db, input));
      const mine = r.rows.find((x) => x.key === country.code);
      ranking = {
        window: r.window,
        weights: r.weights.version,
        rank: mine?.rank ?? null,
        of: r.rows.filter((x) => x.rank !== null).length,
        score: mine?.score ?? null,
        indicators: mine?.indicators ?? ind(null),
        median: indicatorMap((i) => medianOf(r.rows.map((x) => x.indicators[i]))),
      };
      activity = await countryActivity(ctx.db, country.code, r.window.from, r.window.to, q.platform);
      followers = await countryFollowers(ctx.db, country.code, r.window.from, r.window.to, q.platform);
    } catch (error) {
      // An empty database has no window: the registry part still answers.
      if (!(error instanceof UserError && error.code === 'no-data')) throw error;
    }
    return {
      country,
      actors,
      channels,
      platforms: [...platforms].map(([platform, n]) => ({ platform, channels: n })),
      missions,
      hostedActors: hosted,
      ranking,
      activity,
      followers,
    };
  },
});
