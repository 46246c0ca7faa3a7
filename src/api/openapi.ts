import { z } from 'zod';
import type { Endpoint } from './endpoint.js';
import { errorSchema, ERROR_CODES } from './errors.js';

export const OPENAPI_PATH = '/api/openapi.json';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), without the `$schema` marker. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
  }) as JsonSchema;
  return rest;
}

/** `GET /api/countries/{code}` → `getApiCountriesCode`. */
export function operationId(e: Pick<Endpoint, 'method' | 'path'>): string {
  const words = e.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return e.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined): JsonSchema[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, s]) => {
    const { description, ...json } = jsonSchemaOf(s, 'input');
    return {
      name,
      in: where,
      required: where === 'path' || !s.safeParse(undefined).success,
      ...(typeof description === 'string' || typeof s.description === 'string'
        ? { description: s.description ?? description }
        : {}),
      schema: json,
    };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * The OpenAPI 3.1 document of the endpoint list: every path with its parameters (input schemas, as strings
 * in the query), its 200 response schema and example, and the one error shape for 400, 404, 409 and 500.
 */
export function openApiDocument(endpoints: readonly Endpoint[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const e of endpoints) {
    const op: JsonSchema = {
      operationId: operationId(e),
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [...e.tags],
      parameters: [...parameters('path', e.params), ...parameters('query', e.query)],
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { schema: jsonSchemaOf(e.response, 'output'), example: e.example },
          },
        },
        '400': errorResponse('a parameter or cursor is invalid'),
        '404': errorResponse('no such resource, or no data yet'),
        '409': errorResponse('the reference names more than one resource'),
        '500': errorResponse('a server-side failure (logged)'),
      },
    };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'getApiOpenapiJson',
      summary: 'This OpenAPI 3.1 document',
      tags: ['meta'],
      parameters: [],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Attaché API',
      version,
      description:
        'Read-only JSON API of an Attaché database: rankings, countries, actors, channels, posts, star posts, ' +
        'search, registry, ingest runs, coverage and datasets. Errors: ' +
        Object.entries(ERROR_CODES)
          .map(([s, c]) => `${s} ${c}`)
          .join(', ') +
        ', all in one shape (components.schemas.Error). Lists are pages with an opaque `nextCursor`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Error: jsonSchemaOf(errorSchema, 'output') } },
  };
}
