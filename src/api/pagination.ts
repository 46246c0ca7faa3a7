import { z } from 'zod';
import { badRequest } from './errors.js';

/**
 * Keyset pagination with opaque cursors. A cursor is base64url of `{"k":<kind>,"v":[…sort key of the last row
 * returned…]}`: the next page starts strictly after that key in the endpoint's order, so rows added or removed
 * meanwhile never make a page repeat or skip a row that was there before. A cursor is not signed (it grants
 * nothing: any position in a public listing may be asked for) but it is validated: a cursor that does not
 * decode, belongs to another listing, or holds a key of the wrong shape is a 400, never a 500.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const limitParam = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_LIMIT))
  .optional()
  .describe(`page size, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`);

export const cursorParam = z
  .string()
  .max(2000)
  .optional()
  .describe('opaque cursor from the previous page’s nextCursor; omit for the first page');

export const pageQuery = { limit: limitParam, cursor: cursorParam };

/** The page envelope: `items` and the cursor of the next page (null on the last page). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });

export function encodeCursor(kind: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: key }), 'utf8').toString('base64url');
}

const envelope = z.object({ k: z.string(), v: z.array(z.unknown()) });

/** The sort key a cursor holds, checked against the listing's key schema; undefined without a cursor. */
export function decodeCursor<T>(kind: string, key: z.ZodType<T>, cursor: string | undefined): T | undefined {
  if (cursor === undefined) return undefined;
  const bad = (why: string) =>
    badRequest('malformed cursor (pass nextCursor of the previous page unchanged)', [
      { path: 'query.cursor', message: why },
    ]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('not base64url');
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('does not decode');
  }
  const outer = envelope.safeParse(data);
  if (!outer.success) throw bad('does not decode');
  if (outer.data.k !== kind) throw bad(`a cursor of another listing (${outer.data.k.slice(0, 40)})`);
  const inner = key.safeParse(outer.data.v);
  if (!inner.success) throw bad('sort key of the wrong shape');
  return inner.data;
}

/**
 * A page from `limit + 1` rows fetched in the listing's order: the extra row only says there is a next page.
 */
export function toPage<R, K extends readonly (string | number)[]>(
  kind: string,
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => K,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(kind, keyOf(last)) : null,
  };
}

/** A timestamp with microseconds as text, in a cursor key. */
export const timeKeyPart = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));

/** A surrogate id, in a cursor key. */
export const idKeyPart = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A cursor key of (timestamp with microseconds as text, surrogate id). */
export const timeIdKey = z.tuple([timeKeyPart, idKeyPart]);

/** A cursor key of one surrogate id. */
export const idKey = z.tuple([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);

/**
 * SQL of a timestamptz as UTC text with microseconds, for cursor keys: a JS Date keeps milliseconds only, and a
 * key rounded to the millisecond would repeat or skip rows published within the same millisecond.
 */
export const sqlTimeKey = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
