import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { decodeCursor, DEFAULT_LIMIT, idKey, pageQuery, pageSchema, toPage } from '../pagination.js';
import { COVERAGE_METRICS, coveragePage, type CoverageRow } from '../queries/coverage.js';
import { readFolded } from '../queries/fold.js';
import { countryParam, dateTime, platformParam } from '../schemas.js';

const CURSOR = 'coverage';

/** Counters no posting day gave, and followers when no observation gave them. */
export function missingMetrics(r: CoverageRow): (typeof COVERAGE_METRICS)[number][] {
  const days = {
    likes: r.likesDays,
    reposts: r.repostsDays,
    replies: r.repliesDays,
    quotes: r.quotesDays,
    views: r.viewsDays,
  };
  return COVERAGE_METRICS.filter((m) =>
    m === 'followers' ? r.lastFollowersAt === null : r.daysWithPosts > 0 && days[m] === 0,
  );
}

export const coverageEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/coverage',
  summary:
    'Coverage per channel: last post, last observation, and which metrics the data never gives (paginated)',
  description:
    'A counter is missing when none of the channel’s posting days gave it (the source does not say: unknown, not ' +
    '0); followers are missing when no observation of the account gave them. `metricDays` counts, per counter, the ' +
    'posting days that gave it. A channel without posts has no missing counters, only no posts.',
  tags: ['data'],
  query: z.strictObject({
    platform: platformParam.optional(),
    country: countryParam.optional().describe('sending country of the channel’s actor'),
    registry: z
      .enum(['true', 'false'])
      .transform((s) => s === 'true')
      .optional()
      .describe('only registry channels'),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      id: z.number().int(),
      platform: z.string(),
      handle: z.string().nullable(),
      actorId: z.number().int().nullable(),
      actorName: z.string().nullable(),
      country: z.string().nullable(),
      posts: z.number().int(),
      lastPostAt: dateTime.nullable(),
      lastSnapshotAt: dateTime.nullable(),
      lastFollowersAt: dateTime.nullable(),
      daysWithPosts: z.number().int(),
      metricDays: z.object({
        likes: z.number().int(),
        reposts: z.number().int(),
        replies: z.number().int(),
        quotes: z.number().int(),
        views: z.number().int(),
      }),
      missing: z.array(z.enum(COVERAGE_METRICS)),
    }),
  ),
  example: {
    items: [
      {
        id: 7,
        platform: 'x',
        handle: 'FranceDiplo',
        actorId: 3,
        actorName: 'Ministry for Europe and Foreign Affairs',
        country: 'FR',
        posts: 1200,
        lastPostAt: '2026-03-31T10:00:00.000Z',
        lastSnapshotAt: '2026-04-01T00:00:00.000Z',
        lastFollowersAt: '2026-04-01T00:00:00.000Z',
        daysWithPosts: 300,
        metricDays: { likes: 300, reposts: 300, replies: 300, quotes: 280, views: 0 },
        missing: ['views'],
      },
    ],
    nextCursor: null,
  },
  async handler({ query: q, ctx }) {
    const after = decodeCursor(CURSOR, idKey, q.cursor)?.[0];
    const limit = q.limit ?? DEFAULT_LIMIT;
    // An interrupted import's batches count (docs/import.md): folded first when any are pending.
    const rows = await readFolded(ctx.db, () => coveragePage(ctx.db, q, after, limit + 1));
    const page = toPage(CURSOR, rows, limit, (r) => [r.id] as const);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        id: r.id,
        platform: r.platform,
        handle: r.handle,
        actorId: r.actorId,
        actorName: r.actorName,
        country: r.country,
        posts: r.posts,
        lastPostAt: r.lastPostAt,
        lastSnapshotAt: r.lastSnapshotAt,
        lastFollowersAt: r.lastFollowersAt,
        daysWithPosts: r.daysWithPosts,
        metricDays: {
          likes: r.likesDays,
          reposts: r.repostsDays,
          replies: r.repliesDays,
          quotes: r.quotesDays,
          views: r.viewsDays,
        },
        missing: missingMetrics(r),
      })),
    };
  },
});
