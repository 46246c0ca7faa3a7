import { z } from 'zod';
import { UserError } from '../../domain/errors.js';
import { showRegistry } from '../../registry/queries.js';
import { defineEndpoint } from '../endpoint.js';
import { notFound } from '../errors.js';
import { day, idParam } from '../schemas.js';

export const actorEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/actors/{id}',
  summary: 'An actor of the registry: its channels with provenance, registry sources and change history',
  tags: ['registry'],
  params: z.strictObject({ id: idParam }),
  response: z.object({
    id: z.number().int(),
    actorKey: z.string(),
    name: z.string(),
    kind: z.string(),
    sending: z.string(),
    host: z.string().nullable(),
    city: z.string().nullable(),
    wikidataQid: z.string().nullable(),
    website: z.string().nullable(),
    firstSeen: day,
    removedOn: day.nullable(),
    parent: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    channels: z.array(z.string()),
    channelDetails: z.array(
      z.object({
        id: z.number().int(),
        platform: z.string(),
        handle: z.string().nullable(),
        url: z.string().nullable(),
        removedOn: day.nullable(),
        sources: z.array(z.object({ source: z.string(), firstSeen: day, removedOn: day.nullable() })),
      }),
    ),
    sources: z.array(
      z.object({ source: z.string(), sourceKey: z.string(), firstSeen: day, removedOn: day.nullable() }),
    ),
    changes: z.array(
      z.object({
        date: day,
        source: z.string(),
        entity: z.string(),
        change: z.string(),
        details: z.unknown(),
      }),
    ),
  }),
  example: {
    id: 3,
    actorKey: 'wd:Q5369702',
    name: 'Embassy of Finland in Tokyo',
    kind: 'embassy',
    sending: 'FI',
    host: 'JP',
    city: 'Tokyo',
    wikidataQid: 'Q5369702',
    website: 'https://finlandabroad.fi/web/jpn',
    firstSeen: '2026-01-01',
    removedOn: null,
    parent: { id: 1, name: 'Ministry for Foreign Affairs of Finland' },
    channels: ['x:FinEmbTokyo'],
    channelDetails: [
      {
        id: 2,
        platform: 'x',
        handle: 'FinEmbTokyo',
        url: 'https://x.com/FinEmbTokyo',
        removedOn: null,
        sources: [{ source: 'wikidata-embassies', firstSeen: '2026-01-01', removedOn: null }],
      },
    ],
    sources: [
      { source: 'wikidata-embassies', sourceKey: 'Q5369702', firstSeen: '2026-01-01', removedOn: null },
    ],
    changes: [
      { date: '2026-01-01', source: 'wikidata-embassies', entity: 'actor', change: 'added', details: {} },
    ],
  },
  async handler({ params, ctx }) {
    let actor;
    try {
      [actor] = await showRegistry(ctx.db, String(params.id));
    } catch (error) {
      if (!(error instanceof UserError && error.code === 'not-found')) throw error;
    }
    if (!actor) throw notFound(`no actor ${params.id}`);
    return actor;
  },
});
