import { z } from 'zod';
import { resolveWindow } from '../../analytics/window.js';
import { UserError } from '../../domain/errors.js';
import { defineEndpoint } from '../endpoint.js';
import { day, platformParam, windowDays, windowQuery, windowSchema } from '../schemas.js';

// Written for the dashboard's overview ("activity over time"); reads the daily rollup only.

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export const activityEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/activity',
  summary: 'Posts per day over a window, in total and by platform (all imported channels)',
  description:
    'Sums of channel_daily.posts per UTC day and platform. Every day of the window is listed, a day without posts ' +
    'with 0 (the rollup has a row for every channel-day with a post: no row means no post was imported). ' +
    '`window` is null and `days` empty on a database without data.',
  tags: ['posts'],
  query: z.strictObject({ ...windowQuery, platform: platformParam.optional() }),
  response: z.object({
    window: windowSchema.nullable(),
    days: z.array(
      z.object({
        day,
        posts: z.number().int().nonnegative(),
        byPlatform: z.record(z.string(), z.number().int()),
      }),
    ),
  }),
  example: {
    window: { from: '2026-03-30', to: '2026-03-31', days: 2 },
    days: [
      { day: '2026-03-30', posts: 12, byPlatform: { x: 9, bluesky: 3 } },
      { day: '2026-03-31', posts: 0, byPlatform: {} },
    ],
  },
  async handler({ query: q, ctx }) {
    let window;
    try {
      window = await resolveWindow(ctx.db, windowDays(q, 90), q.to);
    } catch (error) {
      if (error instanceof UserError && error.code === 'no-data') return { window: null, days: [] };
      throw error;
    }
    const rows = await ctx.db.query<{ day: string; platform: string; posts: number }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, c.platform, sum(d.posts)::int AS posts
       FROM channel_daily d JOIN channels c ON c.id = d.channel_id
       WHERE d.day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR c.platform = $3::text) AND d.posts > 0
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [window.from, window.to, q.platform ?? null],
    );
    const byDay = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const platforms = byDay.get(r.day) ?? {};
      platforms[r.platform] = r.posts;
      byDay.set(r.day, platforms);
    }
    const days = [];
    for (let i = 0; i < window.days; i++) {
      const d = addDays(window.from, i);
      const byPlatform = byDay.get(d) ?? {};
      days.push({ day: d, posts: Object.values(byPlatform).reduce((a, b) => a + b, 0), byPlatform });
    }
    return { window, days };
  },
});
