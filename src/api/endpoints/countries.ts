import { z } from 'zod';
import { defineEndpoint } from '../endpoint.js';
import { countryList } from '../queries/country.js';

export const countriesEndpoint = defineEndpoint({
  method: 'GET',
  path: '/api/countries',
  summary: 'Every country and organisation code with its registry actors and channels (for maps and pickers)',
  description: '`hostedActors` counts foreign actors accredited there. Scores: /api/rank/countries.',
  tags: ['countries'],
  response: z.object({
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        kind: z.string(),
        actors: z.number().int(),
        channels: z.number().int(),
        hostedActors: z.number().int(),
      }),
    ),
  }),
  example: {
    items: [{ code: 'FI', name: 'Finland', kind: 'state', actors: 95, channels: 120, hostedActors: 70 }],
  },
  async handler({ ctx }) {
    return { items: await countryList(ctx.db) };
  },
});
