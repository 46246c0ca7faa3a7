import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defaultWeightsPath, loadWeights } from '../analytics/index.js';
import type { Database } from '../db/database.js';
import { VERSION } from '../version.js';
import { acceptsGzip, matchesEtag, prepareBody } from './body.js';
import { resultCache } from './cache.js';
import { routePath, type ApiContext, type Endpoint } from './endpoint.js';
import { endpoints as allEndpoints } from './endpoints/index.js';
import { badRequest, installErrorHandlers, zodDetails } from './errors.js';
import { OPENAPI_PATH, openApiDocument } from './openapi.js';
import { serveStaticFolder } from './static.js';

export interface ServerOptions {
  db: Database;
  /** Bundled data folder (the published ranking weights). */
  dataDir: string;
  config?: {
    /** The built dashboard (dist/web); served for paths outside /api when the folder exists. */
    webDir?: string | null;
    /** Where internal errors are reported (one line each); default: nowhere. */
    log?: (line: string) => void;
  };
  /** The endpoint list (default: every endpoint of src/api/endpoints/index.ts). */
  endpoints?: readonly Endpoint[];
}

const noInput = z.strictObject({});

function parseInput<T>(where: 'params' | 'query', schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw badRequest(
      `invalid ${where === 'params' ? 'path parameter' : 'query parameter'}`,
      zodDetails(where, parsed.error),
    );
  }
  return parsed.data;
}

/**
 * A handler's result as JSON.parse(JSON.stringify(value)) gives it, without building and parsing the text: Dates
 * (anything with toJSON) as their JSON value, undefined properties dropped (in arrays: null), numbers that JSON
 * cannot hold as null. Three times faster on a 30 kB page, and the text is built once, after validation.
 */
export function jsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return jsonValue(withToJson.toJSON());
  if (Array.isArray(value)) {
    return value.map((x: unknown) => (x === undefined || typeof x === 'function' ? null : jsonValue(x)));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const x = (value as Record<string, unknown>)[key];
    if (x !== undefined && typeof x !== 'function') out[key] = jsonValue(x);
  }
  return out;
}

/** A chain of promises per key: `exclusive` runs one call at a time for that key. */
function exclusiveRunner(): ApiContext['exclusive'] {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/**
 * The HTTP API over one database (tests drive it with `inject`; `attache serve` listens). Each endpoint's
 * params and query are validated with its zod schemas, its result is validated against its response schema
 * before it is sent, and every failure answers the one error shape (src/api/errors.ts).
 */
export function buildServer(opts: ServerOptions): FastifyInstance {
  const endpoints = opts.endpoints ?? allEndpoints;
  const log = opts.config?.log ?? (() => undefined);
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 300 } });
  const ctx: ApiContext = {
    db: opts.db,
    dataDir: opts.dataDir,
    weights: loadWeights(defaultWeightsPath(opts.dataDir)),
    cache: resultCache(opts.db),
    exclusive: exclusiveRunner(),
  };
  // Prepared responses of endpoints marked `cached` (rankings, countries, stars): a few large bodies (body.ts).
  const responses = resultCache(opts.db, 50);
  installErrorHandlers(app, log);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  for (const e of endpoints) {
    app.route({
      method: e.method,
      url: routePath(e.path),
      handler: async (request, reply) => {
        const params = parseInput('params', e.params ?? noInput, request.params);
        const query = parseInput('query', e.query ?? noInput, request.query);
        const respond = async () => {
          const result = await e.handler({ params, query, ctx });
          // What is validated is exactly what is sent: dates as ISO strings, undefined dropped.
          const json = jsonValue(result);
          const checked = e.response.safeParse(json);
          if (!checked.success) {
            throw new Error(
              `response of ${e.method} ${e.path} does not match its schema: ${JSON.stringify(checked.error.issues.slice(0, 3))}`,
            );
          }
          return JSON.stringify(checked.data);
        };
        reply.type('application/json; charset=utf-8');
        if (!e.cached) return reply.send(await respond());
        // Keyed by the validated input, so `?days=30` and `?window=30d` share an entry.
        const body = await responses.get(
          `${e.path} ${JSON.stringify(params)} ${JSON.stringify(query)}`,
          async () => prepareBody(await respond()),
        );
        reply.header('etag', body.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
        if (matchesEtag(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
        if (body.gzip && acceptsGzip(request.headers['accept-encoding'])) {
          return reply.header('content-encoding', 'gzip').send(body.gzip);
        }
        return reply.send(body.json);
      },
    });
  }

  const document = openApiDocument(endpoints, VERSION.replace(/^attache\//, ''));
  app.get(OPENAPI_PATH, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );
  serveStaticFolder(app, opts.config?.webDir ?? null);
  return app;
}
