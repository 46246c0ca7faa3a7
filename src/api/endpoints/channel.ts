import { z } from 'zod';
import { EMPTY_TOTALS, metricsFromTotals } from '../../analytics/metrics/compute.js';
import { windowTotals } from '../../analytics/metrics/query.js';
import { windowEnding } from '../../analytics/window.js';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { pageSchema } from '../pagination.js';
import { channelOverview } from '../queries/channel.js';
import { dateTime, day, idParam, postItemSchema, windowDays, windowQuery, windowSchema } from '../schemas.js';
import { channelPostsOf } from './channel-posts.js';
import { examplePost } from './examples.js';

const num = z.number().nullable();
const metricsSchema = z.object({
  window: windowSchema,
  followers: num,
  followersDay: day.nullable(),
  followersStart: num,
  followersStartDay: day.nullable(),
  followerGrowth: num,
  followerGrowthRate: num,
  posts: z.number().int(),
  originals: z.number().int(),
  replies: z.number().int(),
  quotes: z.number().int(),
  reposts: z.number().int(),
  mediaPosts: z.number().int(),
  postsPerDay: z.number(),
  production: num,
  contribution: num,
  responsiveness: num,
  replyShare: num,
  effectiveness: num,
  messageEfficiency: num,
  interactionRate: num,
  mediaShare: num,
  languages: z.array(z.string()),
  languageDiversity: z.number().int(),
  platformBreadth: num,
  reciprocity: num,
  measuredPosts: z.number().int(),
  interactions: z.number(),
  rateSum: z.number(),
  rateWeight: z.number(),
});

const SERIES_DAYS = 365;
const FIRST_PAGE = 20;

export const channelEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/channels/{id}',
  summary: 'A channel: profile, metrics over the window, follower and activity series, latest posts',
  description:
    `Metrics follow docs/methodology.md ("Account metrics"); null is unknown, never 0. The series cover the ` +
    `${SERIES_DAYS} days up to the window's end, from the daily rollup (followers: each day's last observation; ` +
    `days without one are absent). \`posts\` is the first page of /api/channels/{id}/posts.`,
  tags: ['channels'],
  params: z.strictObject({ id: idParam }),
  query: z.strictObject({ ...windowQuery }),
  response: z.object({
    channel: z.object({
      id: z.number().int(),
      platform: z.string(),
      handle: z.string().nullable(),
      platformUserId: z.string().nullable(),
      url: z.string().nullable(),
      displayName: z.string().nullable(),
      linkSource: z.string().nullable(),
      firstSeen: day,
      removedOn: day.nullable(),
      actor: z
        .object({
          id: z.number().int(),
          name: z.string(),
          kind: z.string(),
          sendingCountry: z.string(),
          hostCountry: z.string().nullable(),
        })
        .nullable(),
    }),
    profile: z
      .object({
        observedAt: dateTime,
        followers: num,
        following: num,
        postCount: num,
        displayName: z.string().nullable(),
        bio: z.string().nullable(),
        location: z.string().nullable(),
        avatarUrl: z.string().nullable(),
        verified: z.boolean().nullable(),
      })
      .nullable(),
    metrics: metricsSchema.nullable(),
    followers: z.array(z.object({ day, followers: z.number() })),
    activity: z.array(
      z.object({
        day,
        posts: z.number().int(),
        originals: z.number().int(),
        replies: z.number().int(),
        quotes: z.number().int(),
        reposts: z.number().int(),
        measuredPosts: z.number().int(),
        interactions: z.number(),
      }),
    ),
    posts: pageSchema(postItemSchema),
  }),
  example: {
    channel: {
      id: 7,
      platform: 'x',
      handle: 'FranceDiplo',
      platformUserId: '1200000001',
      url: 'https://x.com/FranceDiplo',
      displayName: 'France Diplomatie',
      linkSource: 'registry',
      firstSeen: '2026-01-01',
      removedOn: null,
      actor: {
        id: 3,
        name: 'Ministry for Europe and Foreign Affairs',
        kind: 'ministry',
        sendingCountry: 'FR',
        hostCountry: null,
      },
    },
    profile: {
      observedAt: '2026-03-31T12:00:00.000Z',
      followers: 1500000,
      following: 900,
      postCount: 42000,
      displayName: 'France Diplomatie',
      bio: 'Ministère de l’Europe et des Affaires étrangères',
      location: 'Paris',
      avatarUrl: null,
      verified: true,
    },
    metrics: {
      window: { from: '2026-03-02', to: '2026-03-31', days: 30 },
      followers: 1500000,
      followersDay: '2026-03-31',
      followersStart: 1490000,
      followersStartDay: '2026-03-01',
      followerGrowth: 10000,
      followerGrowthRate: 0.0067,
      posts: 60,
      originals: 40,
      replies: 15,
      quotes: 2,
      reposts: 3,
      mediaPosts: 30,
      postsPerDay: 2,
      production: 12.5,
      contribution: 0.67,
      responsiveness: 0.375,
      replyShare: 0.25,
      effectiveness: 31,
      messageEfficiency: 140,
      interactionRate: 0.0001,
      mediaShare: 0.5,
      languages: ['en', 'fr'],
      languageDiversity: 2,
      platformBreadth: 3,
      reciprocity: null,
      measuredPosts: 57,
      interactions: 9000,
      rateSum: 0.0057,
      rateWeight: 57,
    },
    followers: [{ day: '2026-03-31', followers: 1500000 }],
    activity: [
      {
        day: '2026-03-31',
        posts: 2,
        originals: 1,
        replies: 1,
        quotes: 0,
        reposts: 0,
        measuredPosts: 2,
        interactions: 300,
      },
    ],
    posts: { items: [examplePost], nextCursor: null },
  },
  async handler({ params, query: q, ctx }) {
    const length = windowDays(q, 30); // a conflicting window and days is a 400 before anything is read
    // Two statements: the channel with its profile, window end, series, metric inputs and first page of posts;
    // then the window's rollup totals (src/analytics), which need the window's end.
    const overview = await channelOverview(ctx.db, params.id, q.to, SERIES_DAYS, FIRST_PAGE + 1);
    if (!overview) throw notFound(`no channel ${params.id}`);
    const { channel, extras, profile, end, days } = overview;
    const posts = channelPostsOf(overview.posts, FIRST_PAGE);
    // An empty database has no window: no metrics, no series (the profile part still answers).
    let metrics = null;
    if (end !== null) {
      // As scopeMetrics (src/analytics/metrics/load.ts) computes them for one channel; channelOverview folded
      // the pending rollup differences, if any, before reading.
      const window = windowEnding(end, length);
      const [totals] = await windowTotals(ctx.db, { channelIds: [channel.id] }, [window]);
      const t = totals!.get(channel.id);
      metrics = metricsFromTotals(window, t?.totals ?? EMPTY_TOTALS, t?.before ?? null, extras);
    }
    return {
      channel,
      profile,
      metrics,
      followers: days.flatMap((d) => (d.followers === null ? [] : [{ day: d.day, followers: d.followers }])),
      activity: days.filter((d) => d.posts > 0).map(({ followers: _f, ...rest }) => rest),
      posts,
    };
  },
});
