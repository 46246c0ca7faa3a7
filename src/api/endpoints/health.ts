import { z } from 'zod';
import { VERSION } from '../../version.js';
import { defineEndpoint } from '../endpoint.js';
import { PENDING_ROLLUPS, readFolded } from '../queries/fold.js';
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
    // An interrupted import's batches count (docs/import.md): folded first when any are pending.
    const [row] = await readFolded(ctx.db, () =>
      ctx.db.query<{ day: string | null; pendingRollups: boolean }>(
        `SELECT (SELECT max(day) FROM channel_daily) AS day, ${PENDING_ROLLUPS}`,
      ),
    );
    return {
      status: 'ok' as const,
      version: VERSION.replace(/^attache\//, ''),
      database: ctx.db.kind,
      latestDataDay: row?.day ?? null,
    };
  },
});
