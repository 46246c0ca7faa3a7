import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { decodeCursor, DEFAULT_LIMIT, pageQuery, pageSchema, toPage } from '../pagination.js';
import { registryPage } from '../queries/registry.js';
import { loadRegistryIndex } from '../queries/registry-index.js';
import { countryParam, platformParam } from '../schemas.js';
import { ACTOR_KINDS } from '../../domain/actor-kinds.js';

const CURSOR = 'registry';
const key = z.tuple([z.string().max(1000), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);

export const registryEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/registry',
  summary:
    'Search the registry of actors (ministries, embassies, missions, people) with their channels (paginated)',
  description:
    '`q`: every word must match (case-insensitive substring) the name, city, Wikidata QID, the sending or host ' +
    'country’s code or name, or one of the actor’s handles. Ordered by name.',
  tags: ['registry'],
  query: z.strictObject({
    q: z.string().trim().max(200).optional().describe('words to match'),
    country: countryParam.optional().describe('sending country'),
    host: countryParam.optional().describe('host country or organisation'),
    kind: z.enum(ACTOR_KINDS).optional(),
    platform: platformParam.optional().describe('only actors with a channel on this platform'),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.string(),
      sendingCountry: z.string(),
      hostCountry: z.string().nullable(),
      city: z.string().nullable(),
      wikidataQid: z.string().nullable(),
      channels: z.array(
        z.object({ id: z.number().int(), platform: z.string(), handle: z.string().nullable() }),
      ),
    }),
  ),
  example: {
    items: [
      {
        id: 3,
        name: 'Embassy of Finland in Tokyo',
        kind: 'embassy',
        sendingCountry: 'FI',
        hostCountry: 'JP',
        city: 'Tokyo',
        wikidataQid: 'Q5369702',
        channels: [{ id: 2, platform: 'x', handle: 'FinEmbTokyo' }],
      },
    ],
    nextCursor: 'eyJrIjoicmVnaXN0cnkiLCJ2IjpbIkVtYmFzc3kgb2YgRmlubGFuZCBpbiBUb2t5byIsM119',
  },
  async handler({ query: q, ctx }) {
    const after = decodeCursor(CURSOR, key, q.cursor);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const index = await ctx.cache.get('registry-index', () => loadRegistryIndex(ctx.db));
    const rows = await registryPage(ctx.db, q, after, limit + 1, index);
    return toPage(CURSOR, rows, limit, (r) => [r.name, r.id] as const);
  },
});
