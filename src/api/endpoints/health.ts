import { z } from 'zod';
import { foldPendingRollups } from '../../ingest/rollup-fold.js';
import { VERSION } from '../../version.js';
import { defineEndpoint } from '../endpoint.js';
import { day } from '../schemas.js';

export const healthEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness: the server answers and its database can be read',
  tags: ['meta'],
  response: z.object({
    status: z.literal('ok'),
    version: z.string(),
    database: z.enum(['pglite', 'postgres']),
    /** The last UTC day with any rollup row; null on an empty database. */
    latestDataDay: day.nullable(),
  }),
  example: { status: 'ok', version: '0.1.0', database: 'pglite', latestDataDay: '2026-03-31' },
  async handler({ ctx }) {
    await foldPendingRollups(ctx.db); // an interrupted import's batches count (docs/import.md)
    const [row] = await ctx.db.query<{ day: string | null }>('SELECT max(day) AS day FROM channel_daily');
    return {
      status: 'ok' as const,
      version: VERSION.replace(/^attache\//, ''),
      database: ctx.db.kind,
      latestDataDay: row?.day ?? null,
    };
  },
});
