import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { decodeCursor, DEFAULT_LIMIT, pageQuery, pageSchema, timeIdKey, toPage } from '../pagination.js';
import { channelExists } from '../queries/channel.js';
import { postPage, withoutKey, type PostRow } from '../queries/posts.js';
import { idParam, postItemSchema } from '../schemas.js';
import { examplePost } from './examples.js';

export const CHANNEL_POSTS_CURSOR = 'channel-posts';

const kind = z.enum(['original', 'reply', 'quote', 'repost']);

/** One page of a channel's posts, newest first (shared with the channel endpoint's first page). */
export async function channelPostsPage(
  db: Queryable,
  channelId: number,
  opts: { cursor?: string | undefined; limit?: number | undefined; kind?: string | undefined },
) {
  const after = decodeCursor(CHANNEL_POSTS_CURSOR, timeIdKey, opts.cursor);
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const rows = await postPage(
    db,
    'p.channel_id = $3 AND ($4::text IS NULL OR p.kind = $4)',
    [channelId, opts.kind ?? null],
    after,
    limit + 1,
  );
  return channelPostsOf(rows, limit);
}

/** A page of `limit` posts from `limit + 1` rows of postPage (newest first) over one channel. */
export function channelPostsOf(rows: PostRow[], limit: number) {
  const page = toPage(`${CHANNEL_POSTS_CURSOR}`, rows, limit, (r) => [r.timeKey, r.id] as const);
  return { items: page.items.map(withoutKey), nextCursor: page.nextCursor };
}

export const channelPostsEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/channels/{id}/posts',
  summary: 'A channel’s posts, newest first, with their latest metrics and star scores (paginated)',
  tags: ['channels', 'posts'],
  params: z.strictObject({ id: idParam }),
  query: z.strictObject({ ...pageQuery, kind: kind.optional().describe('only posts of this kind') }),
  response: pageSchema(postItemSchema),
  example: {
    items: [examplePost],
    nextCursor: 'eyJrIjoiY2hhbm5lbC1wb3N0cyIsInYiOlsiMjAyNi0wMy0zMVQxMDowMDowMC4wMDAwMDBaIiw0Ml19',
  },
  async handler({ params, query, ctx }) {
    // One round trip when the page has posts; an empty page asks whether the channel exists (else 404).
    const page = await channelPostsPage(ctx.db, params.id, query);
    if (!page.items.length && !(await channelExists(ctx.db, params.id))) {
      throw notFound(`no channel ${params.id}`);
    }
    return page;
  },
});
