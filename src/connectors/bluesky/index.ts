import type { DetectSample } from '../connector.js';
import { defineConnector } from '../connector.js';
import { readJsonLinesOrDocument } from '../shared/read-file.js';
import { mapBluesky } from './map.js';

const JSON_START = /^\s*[[{]/;
// A record type, an at:// URI as a JSON value, or a DID as the value of a "did" key: XRPC JSON, not a feed
// or a CSV that merely mentions a DID, and not Mastodon's Bridgy URLs (".../ap/at://did:...").
const STRONG = /"\$type"\s*:\s*"app\.bsky\.|"[A-Za-z]+"\s*:\s*"at:\/\/did:/;
const DID_KEY = /"did"\s*:\s*"did:(plc|web):/;
const HANDLE_KEY = /"handle"\s*:\s*"/;
// Keys of the other JSON formats; a Bluesky response never has them as keys.
const OTHER = /"(acct|reblogs_count|__twarc|id_str|screen_name|edit_history_tweet_ids)"\s*:/;

export function detectBluesky({ head }: DetectSample): number {
  if (!JSON_START.test(head) || OTHER.test(head)) return 0;
  if (STRONG.test(head)) return 1;
  if (DID_KEY.test(head)) return HANDLE_KEY.test(head) ? 0.9 : 0.8;
  return 0;
}

/** Bluesky XRPC JSON responses (author feeds, threads, repo records, profiles, followers), whole or as JSONL. */
export const bluesky = defineConnector({
  id: 'bluesky',
  platform: 'bluesky',
  title: 'Bluesky XRPC JSON (getAuthorFeed, getPostThread, listRecords, getProfiles, getFollowers)',
  payload: 'json',
  rawEncoding: 'json',
  detect: detectBluesky,
  read: readJsonLinesOrDocument,
  map: (value, context) => mapBluesky(value, context.observedAt),
});
