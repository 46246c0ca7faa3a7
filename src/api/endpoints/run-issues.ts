import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { decodeCursor, DEFAULT_LIMIT, idKey, pageQuery, pageSchema, toPage } from '../pagination.js';
import { issuesPage, runExists } from '../queries/runs.js';
import { dateTime, idParam } from '../schemas.js';

const CURSOR = 'run-issues';

export const runIssuesEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/runs/{id}/issues',
  summary: 'The issues one run met, in order, with file, line and byte offset (paginated)',
  tags: ['data'],
  params: z.strictObject({ id: idParam }),
  query: z.strictObject({
    severity: z.enum(['error', 'warning']).optional(),
    code: z.string().min(1).max(100).optional().describe('only issues with this code (docs/import.md)'),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      id: z.number().int(),
      severity: z.string(),
      code: z.string(),
      message: z.string(),
      connector: z.string().nullable(),
      file: z.string().nullable(),
      line: z.number().int().nullable(),
      byteOffset: z.number().int().nullable(),
      recordKey: z.string().nullable(),
      createdAt: dateTime,
    }),
  ),
  example: {
    items: [
      {
        id: 301,
        severity: 'error',
        code: 'bad-json',
        message: 'line is not JSON: Unexpected end of JSON input',
        connector: 'x-api-v2',
        file: 'tweets.jsonl',
        line: 17,
        byteOffset: 40213,
        recordKey: null,
        createdAt: '2026-03-31T12:00:05.000Z',
      },
    ],
    nextCursor: null,
  },
  async handler({ params, query: q, ctx }) {
    if (!(await runExists(ctx.db, params.id))) throw notFound(`no run ${params.id}`);
    const after = decodeCursor(CURSOR, idKey, q.cursor)?.[0];
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await issuesPage(ctx.db, params.id, q, after, limit + 1);
    return toPage(CURSOR, rows, limit, (r) => [r.id] as const);
  },
});
