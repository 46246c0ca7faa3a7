import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { decodeCursor, DEFAULT_LIMIT, idKey, pageQuery, pageSchema, toPage } from '../pagination.js';
import { runsPage } from '../queries/runs.js';
import { dateTime } from '../schemas.js';

const CURSOR = 'runs';

export const runsEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/runs',
  summary: 'Import, registry and collection runs with their counts, newest first (paginated)',
  tags: ['data'],
  query: z.strictObject({
    kind: z.enum(['registry', 'import', 'collect']).optional(),
    status: z.enum(['running', 'completed', 'failed']).optional(),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      source: z.string(),
      datasetId: z.number().int().nullable(),
      status: z.string(),
      startedAt: dateTime,
      finishedAt: dateTime.nullable(),
      accepted: z.number().int(),
      duplicates: z.number().int(),
      skipped: z.number().int(),
      warned: z.number().int(),
      issues: z.number().int(),
    }),
  ),
  example: {
    items: [
      {
        id: 12,
        kind: 'import',
        source: 'twarc2-jsonl',
        datasetId: 1,
        status: 'completed',
        startedAt: '2026-03-31T12:00:00.000Z',
        finishedAt: '2026-03-31T12:01:30.000Z',
        accepted: 50000,
        duplicates: 12,
        skipped: 3,
        warned: 1,
        issues: 4,
      },
    ],
    nextCursor: 'eyJrIjoicnVucyIsInYiOlsxMl19',
  },
  async handler({ query: q, ctx }) {
    const before = decodeCursor(CURSOR, idKey, q.cursor)?.[0];
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await runsPage(ctx.db, q, before, limit + 1);
    return toPage(CURSOR, rows, limit, (r) => [r.id] as const);
  },
});
