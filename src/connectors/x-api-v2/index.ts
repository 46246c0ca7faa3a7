import { defineConnector } from '../connector.js';
import { readJsonLinesOrDocument } from '../shared/read-file.js';
import { mapXApiV2 } from './map.js';

/** twarc2 JSONL (response pages or flattened tweets), streaming output, and single API v2 JSON responses. */
export const xApiV2 = defineConnector({
  id: 'x-api-v2',
  platform: 'x',
  title: 'X API v2 (twarc2 JSONL, flattened tweets, API responses)',
  payload: 'json',
  rawEncoding: 'json',
  detect: ({ head }) => {
    if (!head.trimStart().startsWith('{')) return 0;
    if (head.includes('"__twarc"')) return 1;
    if (head.includes('"edit_history_tweet_ids"')) return 0.9;
    if (/"data"\s*:/.test(head) && /"(author_id|username|public_metrics)"/.test(head)) return 0.6;
    return 0;
  },
  read: readJsonLinesOrDocument,
  map: (value, context) => mapXApiV2(value, context.observedAt),
});
