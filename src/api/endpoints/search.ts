import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { badRequest } from '../errors.js';
import {
  decodeCursor,
  DEFAULT_LIMIT,
  idKeyPart,
  pageQuery,
  pageSchema,
  timeIdKey,
  timeKeyPart,
  toPage,
} from '../pagination.js';
import { postPage, rankedPostPage, textPostPage, withoutKey } from '../queries/posts.js';
import { searchCondition } from '../queries/search.js';
import { countryParam, dayParam, platformParam, postItemSchema } from '../schemas.js';
import { examplePost } from './examples.js';

const CURSOR = 'search';
const RANKED_CURSOR = 'search-relevance';
/** A relevance cursor key: (rank rounded to 6 decimals, time text, id). */
const rankKey = z.tuple([z.number().nonnegative().max(1e6), timeKeyPart, idKeyPart]);

export const searchEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/search',
  summary:
    'Full-text search of posts across languages, with filters (paginated, newest first or by relevance)',
  description:
    'Each post is matched in its own language: PostgreSQL text search with the configuration of the post’s ' +
    'language (stemming and stop words: Arabic, Russian, English, French, …; "simple" for others and for posts ' +
    'without a language), through a GIN index; for Chinese, Japanese, Korean, Thai, Lao, Khmer and Burmese a ' +
    'query in their scripts also matches as a substring. `q` uses web-search syntax: words (all must match), ' +
    '"a phrase", -excluded, or. Without `q` the filters alone select the posts. `sort`: `newest` (default) or ' +
    '`relevance` (with `q`: ts_rank of the post against the query, then newest; it scores every match, so a ' +
    'common word is slow — narrow it with filters).',
  tags: ['posts', 'search'],
  query: z.strictObject({
    q: z.string().trim().min(1).max(500).optional().describe('search text (web-search syntax)'),
    country: countryParam.optional().describe('sending country of the account'),
    platform: platformParam.optional(),
    lang: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/, 'must be a language code such as ru, ar, en')
      .transform((s) => s.toLowerCase().split('-')[0]!)
      .optional()
      .describe('language of the post (ISO 639-1, e.g. ru, ar)'),
    from: dayParam.optional().describe('first day, YYYY-MM-DD (UTC)'),
    to: dayParam.optional().describe('last day, YYYY-MM-DD (UTC)'),
    hashtag: z.string().min(1).max(200).optional().describe('a hashtag, with or without #, any case'),
    kind: z.enum(['original', 'reply', 'quote', 'repost']).optional(),
    sort: z
      .enum(['newest', 'relevance'])
      .optional()
      .describe('newest first (default), or by relevance to q then newest'),
    ...pageQuery,
  }),
  response: pageSchema(postItemSchema),
  example: { items: [examplePost], nextCursor: null },
  async handler({ query: q, ctx }) {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw badRequest('from is after to', [{ path: 'query.from', message: `${q.from} is after ${q.to}` }]);
    }
    const limit = q.limit ?? DEFAULT_LIMIT;
    if (q.sort === 'relevance') {
      if (q.q === undefined) {
        throw badRequest('sort=relevance needs q', [
          { path: 'query.sort', message: 'relevance to what? give q' },
        ]);
      }
      const after = decodeCursor(RANKED_CURSOR, rankKey, q.cursor);
      const { where, text, params, relevance } = await searchCondition(ctx.db, q, 3);
      const all = `${where} AND ${text ?? 'true'}`;
      const rows = await rankedPostPage(ctx.db, all, params, relevance ?? '0::numeric', after, limit + 1);
      const page = toPage(RANKED_CURSOR, rows, limit, (r) => [r.rank ?? 0, r.timeKey, r.id] as const);
      return { items: page.items.map(withoutKey), nextCursor: page.nextCursor };
    }
    const after = decodeCursor(CURSOR, timeIdKey, q.cursor);
    const { where, text, params } = await searchCondition(ctx.db, q);
    const rows =
      text === null
        ? await postPage(ctx.db, where, params, after, limit + 1)
        : await textPostPage(ctx.db, where, text, params, after, limit + 1);
    const page = toPage(CURSOR, rows, limit, (r) => [r.timeKey, r.id] as const);
    return { items: page.items.map(withoutKey), nextCursor: page.nextCursor };
  },
});
