import type { z } from 'zod';
import type { postItemSchema } from '../schemas.js';

/** Example values shared by several endpoints' documentation (checked against the schemas by the tests). */
export const examplePost: z.input<typeof postItemSchema> = {
  id: 42,
  platform: 'x',
  platformPostId: '1765432109876543210',
  channelId: 7,
  handle: 'FranceDiplo',
  publishedAt: '2026-03-31T10:00:00.000Z',
  kind: 'original',
  text: 'Rencontre avec mon homologue. #Diplomatie',
  lang: 'fr',
  url: 'https://x.com/FranceDiplo/status/1765432109876543210',
  hasMedia: true,
  deletedAt: null,
  editedAt: null,
  metrics: {
    observedAt: '2026-04-01T00:00:00.000Z',
    likes: 120,
    reposts: 30,
    replies: 4,
    quotes: 2,
    views: 15000,
    bookmarks: null,
  },
  score: { interactions: 156, baselinePosts: 100, baselineMedian: 40, ratio: 3.9 },
};
