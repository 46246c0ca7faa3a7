import { z } from 'zod';
import { stars } from '../../analytics/index.js';
import { defineEndpoint } from '../endpoint.js';
import { DEFAULT_LIMIT, limitParam } from '../pagination.js';
import { postTexts } from '../queries/posts.js';
import { countryParam, dateTime, platformParam, windowDays, windowQuery, windowSchema } from '../schemas.js';

const point = z.object({ at: dateTime, followers: z.number() }).nullable();

export const starsEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/stars',
  summary: 'Star posts: posts that over-performed their account’s previous posts of the same kind',
  description:
    'docs/methodology.md, "Star posts": interactions ÷ the median of the previous 100 own posts of the same kind ' +
    '(at least `minBaseline`), at least `threshold` times; most over-performing first, the first `limit` of ' +
    '`total`. Scores of channels whose data changed are brought up to date first.',
  tags: ['posts'],
  query: z.strictObject({
    ...windowQuery,
    country: countryParam.optional().describe('sending country of the account'),
    platform: platformParam.optional(),
    threshold: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4})?$/, 'must be a positive number')
      .transform(Number)
      .pipe(z.number().positive())
      .optional()
      .describe('minimum ratio to the baseline median (default 3)'),
    limit: limitParam,
  }),
  cached: true,
  response: z.object({
    window: windowSchema,
    threshold: z.number(),
    minBaseline: z.number().int(),
    filters: z.object({ country: z.string().nullable(), platform: z.string().nullable() }),
    total: z.number().int(),
    stars: z.array(
      z.object({
        postId: z.number().int(),
        channelId: z.number().int(),
        platform: z.string(),
        platformPostId: z.string(),
        url: z.string().nullable(),
        handle: z.string().nullable(),
        country: z.string().nullable(),
        actorName: z.string().nullable(),
        kind: z.string(),
        publishedAt: dateTime,
        text: z.string().nullable(),
        lang: z.string().nullable(),
        interactions: z.number(),
        baselinePosts: z.number().int(),
        baselineMedian: z.number(),
        ratio: z.number(),
        followers: z.object({
          before: point,
          after: point,
          change48h: z.number().nullable(),
          usual48h: z.number().nullable(),
          excess: z.number().nullable(),
        }),
      }),
    ),
  }),
  example: {
    window: { from: '2026-03-25', to: '2026-03-31', days: 7 },
    threshold: 3,
    minBaseline: 10,
    filters: { country: null, platform: null },
    total: 1,
    stars: [
      {
        postId: 42,
        channelId: 7,
        platform: 'x',
        platformPostId: '1765432109876543210',
        url: 'https://x.com/FranceDiplo/status/1765432109876543210',
        handle: 'FranceDiplo',
        country: 'FR',
        actorName: 'Ministry for Europe and Foreign Affairs',
        kind: 'original',
        publishedAt: '2026-03-31T10:00:00.000Z',
        text: 'Rencontre avec mon homologue. #Diplomatie',
        lang: 'fr',
        interactions: 156,
        baselinePosts: 100,
        baselineMedian: 40,
        ratio: 3.9,
        followers: {
          before: { at: '2026-03-31T06:00:00.000Z', followers: 1500000 },
          after: { at: '2026-04-02T06:00:00.000Z', followers: 1503000 },
          change48h: 3000,
          usual48h: 700,
          excess: 2300,
        },
      },
    ],
  },
  async handler({ query: q, ctx }) {
    // Scoring writes post_scores: one call at a time, or two requests would replace the same rows at once.
    const input = {
      days: windowDays(q, 7),
      to: q.to,
      country: q.country,
      platform: q.platform,
      ...(q.threshold === undefined ? {} : { threshold: q.threshold }),
    };
    const r = await ctx.cache.get(`stars:${JSON.stringify(input)}`, () =>
      ctx.exclusive('stars', () => stars(ctx.db, input)),
    );
    const list = r.stars.slice(0, q.limit ?? DEFAULT_LIMIT);
    const texts = await postTexts(
      ctx.db,
      list.map((s) => s.postId),
    );
    return {
      window: r.window,
      threshold: r.threshold,
      minBaseline: r.minBaseline,
      filters: r.filters,
      total: r.stars.length,
      stars: list.map((s) => ({
        ...s,
        text: texts.get(s.postId)?.text ?? null,
        lang: texts.get(s.postId)?.lang ?? null,
      })),
    };
  },
});
