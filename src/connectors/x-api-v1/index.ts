import { defineConnector } from '../connector.js';
import { readJsonLinesOrDocument } from '../shared/read-file.js';
import { mapXApiV1 } from './map.js';

// The v1.1 date format ("Wed Dec 23 17:12:08 +0000 2020") as a JSON value: specific to v1.1 and archives.
const V1_DATE =
  /"created_at"\s*:\s*"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}"/;

/** X API v1.1 statuses and users: API responses, twarc1 JSONL (one status per line), users/show. */
export const xApiV1 = defineConnector({
  id: 'x-api-v1',
  platform: 'x',
  title: 'X API v1.1 (statuses, twarc1 JSONL, user objects)',
  payload: 'json',
  rawEncoding: 'json',
  detect: ({ head }) => {
    // An X archive file is JavaScript (`window.YTD…`), and twarc2 pages are API v2: both have their own connector.
    if (head.trimStart().startsWith('window.YTD') || head.includes('"__twarc"')) return 0;
    if (!head.includes('"id_str"')) return 0;
    if (V1_DATE.test(head)) return 0.9;
    return head.includes('"screen_name"') ? 0.7 : 0;
  },
  read: readJsonLinesOrDocument,
  map: (value, context) => mapXApiV1(value, context.observedAt),
});
