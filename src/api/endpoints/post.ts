import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { postDetail } from '../queries/post.js';
import { channelRefSchema, count, dateTime, idParam, postItemSchema } from '../schemas.js';
import { examplePost } from './examples.js';

const REFERENCED_BY_LIMIT = 100;

export const postEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/posts/{id}',
  summary: 'A post with its metrics history, references, hashtags, mentions, links and media',
  description:
    'Text is returned as written (plain text, never HTML). `referencedBy` lists stored posts replying to, ' +
    `quoting or reposting this one (at most ${REFERENCED_BY_LIMIT}, oldest first).`,
  tags: ['posts'],
  params: z.strictObject({ id: idParam }),
  response: z.object({
    post: postItemSchema.extend({
      datasetId: z.number().int().nullable(),
      langSource: z.string().nullable(),
      conversationId: z.string().nullable(),
      editHistoryIds: z.array(z.string()).nullable(),
      withheldIn: z.array(z.string()).nullable(),
      place: z.unknown(),
      firstSeenAt: dateTime,
    }),
    channel: channelRefSchema.nullable(),
    metricsHistory: z.array(
      z.object({
        observedAt: dateTime,
        likes: count.nullable(),
        reposts: count.nullable(),
        replies: count.nullable(),
        quotes: count.nullable(),
        views: count.nullable(),
        bookmarks: count.nullable(),
      }),
    ),
    refs: z.array(
      z.object({
        kind: z.string(),
        targetPlatformPostId: z.string(),
        targetChannelId: z.number().int().nullable(),
        targetPostId: z.number().int().nullable(),
      }),
    ),
    referencedBy: z.array(
      z.object({
        kind: z.string(),
        postId: z.number().int(),
        channelId: z.number().int().nullable(),
        handle: z.string().nullable(),
        publishedAt: dateTime,
      }),
    ),
    hashtags: z.array(z.object({ tag: z.string(), tagNorm: z.string() })),
    mentions: z.array(
      z.object({
        handle: z.string(),
        platformUserId: z.string().nullable(),
        targetChannelId: z.number().int().nullable(),
      }),
    ),
    links: z.array(
      z.object({ url: z.string(), expandedUrl: z.string().nullable(), domain: z.string().nullable() }),
    ),
    media: z.array(
      z.object({
        kind: z.string(),
        platformMediaId: z.string().nullable(),
        url: z.string().nullable(),
        altText: z.string().nullable(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
        durationMs: z.number().int().nullable(),
      }),
    ),
  }),
  example: {
    post: {
      ...examplePost,
      datasetId: null,
      langSource: 'platform',
      conversationId: '1765432109876543210',
      editHistoryIds: null,
      withheldIn: null,
      place: null,
      firstSeenAt: '2026-04-01T00:00:00.000Z',
    },
    channel: {
      id: 7,
      platform: 'x',
      handle: 'FranceDiplo',
      displayName: 'France Diplomatie',
      url: 'https://x.com/FranceDiplo',
      actorId: 3,
    },
    metricsHistory: [
      {
        observedAt: '2026-04-01T00:00:00.000Z',
        likes: 120,
        reposts: 30,
        replies: 4,
        quotes: 2,
        views: 15000,
        bookmarks: null,
      },
    ],
    refs: [],
    referencedBy: [
      {
        kind: 'reply',
        postId: 43,
        channelId: 9,
        handle: 'EU_Commission',
        publishedAt: '2026-03-31T11:00:00.000Z',
      },
    ],
    hashtags: [{ tag: 'Diplomatie', tagNorm: 'diplomatie' }],
    mentions: [{ handle: 'EU_Commission', platformUserId: null, targetChannelId: 9 }],
    links: [
      {
        url: 'https://t.co/abc',
        expandedUrl: 'https://www.diplomatie.gouv.fr/fr/',
        domain: 'www.diplomatie.gouv.fr',
      },
    ],
    media: [
      {
        kind: 'image',
        platformMediaId: null,
        url: 'https://pbs.twimg.com/media/abc.jpg',
        altText: null,
        width: null,
        height: null,
        durationMs: null,
      },
    ],
  },
  async handler({ params, ctx }) {
    const detail = await postDetail(ctx.db, params.id, REFERENCED_BY_LIMIT);
    if (!detail) throw notFound(`no post ${params.id}`);
    return detail;
  },
});
