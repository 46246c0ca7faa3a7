import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { dateTime, idParam } from '../schemas.js';

// Written for the dashboard's channel page: whom an account replies to and quotes, and who replies to or
// quotes it, from post_refs (a reference's target channel as the source named it, else the target post's).

export const channelCounterpartsEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/channels/{id}/counterparts',
  summary: 'Reply and quote counterparts of a channel, both directions, most frequent first (top 50)',
  description:
    '`outgoing`: the channel’s replies and quotes, grouped by the account they answer (the target channel the ' +
    'source named, else the channel of the target post when it was imported; `channelId` null when neither is ' +
    'known). `incoming`: replies and quotes by other accounts to this channel or to one of its imported posts. ' +
    'Replies within its own threads are left out.',
  tags: ['channels'],
  params: z.strictObject({ id: idParam }),
  response: z.object({
    items: z.array(
      z.object({
        direction: z.enum(['outgoing', 'incoming']),
        kind: z.enum(['reply', 'quote']),
        channelId: z.number().int().nullable(),
        platform: z.string().nullable(),
        handle: z.string().nullable(),
        displayName: z.string().nullable(),
        country: z.string().nullable(),
        posts: z.number().int().positive(),
        latestAt: dateTime,
      }),
    ),
  }),
  example: {
    items: [
      {
        direction: 'outgoing',
        kind: 'reply',
        channelId: 12,
        platform: 'x',
        handle: 'GermanyDiplo',
        displayName: 'GermanForeignOffice',
        country: 'DE',
        posts: 4,
        latestAt: '2026-03-31T10:00:00.000Z',
      },
    ],
  },
  async handler({ params, ctx }) {
    const [exists] = await ctx.db.query<{ id: number }>('SELECT id FROM channels WHERE id = $1', [params.id]);
    if (!exists) throw notFound(`no channel ${params.id}`);
    const items = await ctx.db.query<{
      direction: 'outgoing' | 'incoming';
      kind: 'reply' | 'quote';
      channelId: number | null;
      platform: string | null;
      handle: string | null;
      displayName: string | null;
      country: string | null;
      posts: number;
      latestAt: Date;
    }>(
      `WITH outgoing AS (
         SELECT r.ref_kind AS kind, coalesce(r.target_channel_id, t.channel_id) AS cid, p.published_at
         FROM posts p JOIN post_refs r ON r.post_id = p.id
         LEFT JOIN posts t ON t.platform = p.platform AND t.platform_post_id = r.target_platform_post_id
         WHERE p.channel_id = $1 AND r.ref_kind IN ('reply', 'quote')
       ),
       -- references to this channel: named by the source, or pointing at one of its imported posts
       incoming_refs AS (
         SELECT r.post_id, r.ref_kind FROM post_refs r
         WHERE r.target_channel_id = $1 AND r.ref_kind IN ('reply', 'quote')
         UNION
         SELECT r.post_id, r.ref_kind FROM posts t
         JOIN post_refs r ON r.target_platform_post_id = t.platform_post_id
         JOIN posts p ON p.id = r.post_id AND p.platform = t.platform
         WHERE t.channel_id = $1 AND r.ref_kind IN ('reply', 'quote')
       ),
       incoming AS (
         SELECT i.ref_kind AS kind, p.channel_id AS cid, p.published_at
         FROM incoming_refs i JOIN posts p ON p.id = i.post_id
       ),
       grouped AS (
         SELECT 'outgoing' AS direction, kind, cid, count(*)::int AS posts, max(published_at) AS latest
         FROM outgoing WHERE cid IS DISTINCT FROM $1 GROUP BY kind, cid
         UNION ALL
         SELECT 'incoming', kind, cid, count(*)::int, max(published_at)
         FROM incoming WHERE cid IS DISTINCT FROM $1 GROUP BY kind, cid
       )
       SELECT g.direction, g.kind, g.cid AS "channelId", c.platform, c.handle, c.display_name AS "displayName",
         a.sending_country AS country, g.posts, g.latest AS "latestAt"
       FROM grouped g LEFT JOIN channels c ON c.id = g.cid LEFT JOIN actors a ON a.id = c.actor_id
       ORDER BY g.posts DESC, g.direction DESC, g.kind, g.cid NULLS LAST
       LIMIT 50`,
      [params.id],
    );
    return { items };
  },
});
