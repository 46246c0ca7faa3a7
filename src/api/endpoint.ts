import type { z } from 'zod';
import type { WeightsFile } from '../analytics/index.js';
import type { Database } from '../db/database.js';
import type { ResultCache } from './cache.js';

/** What a handler may use: the database and the server's fixed inputs. No request-global state. */
export interface ApiContext {
  db: Database;
  /** Bundled data (the published ranking weights). */
  dataDir: string;
  /** The published ranking weights, read once at start. */
  weights: WeightsFile;
  /** Analysis results per data version (src/api/cache.ts). */
  cache: ResultCache;
  /** Runs `fn` alone among the calls that share `key` (for handlers that write, such as star scoring). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * A value as a handler may return it before JSON serialisation: a Date where the schema has a date-time
 * string (it serialises to ISO 8601 UTC).
 */
export type Jsonable<T> = T extends string
  ? string | Date
  : T extends readonly (infer U)[]
    ? Jsonable<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonable<T[K]> }
      : T;

/**
 * One endpoint: method, OpenAPI-style path (`/api/posts/{id}`), documentation, zod schemas of its path
 * parameters, query and response, an example response (checked against the response schema by the tests),
 * and the handler. The server validates params and query (a bad value is a 400) and validates the response
 * before sending it (a mismatch is a 500: a bug, logged).
 */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET';
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly response: R;
  readonly example: z.input<R>;
  /**
   * The response depends only on the data and the input: the server keeps the serialised body per data
   * version (src/api/cache.ts). For analyses computed from rollups on every call.
   */
  readonly cached?: boolean;
  handler(input: { params: z.output<P>; query: z.output<Q>; ctx: ApiContext }): Promise<Jsonable<z.input<R>>>;
}

export function defineEndpoint<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, R>,
): Endpoint<P, Q, R> {
  return endpoint;
}

/** `/api/posts/{id}` → `/api/posts/:id` (Fastify's route syntax). */
export const routePath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
