import { defineConnector } from '../connector.js';
import { readJsonLinesOrDocument } from '../shared/read-file.js';
import { mapMastodon } from './map.js';

// `"acct":` (a JSON key, not escaped text inside a string) is Mastodon's own: the other formats have
// `screen_name`, `handle` or `username` only.
const ACCT = /"acct"\s*:/;
const STATUS = /"(reblogs_count|favourites_count|in_reply_to_account_id)"\s*:/;
const ACCOUNT = /"(followers_count|statuses_count)"\s*:/;

/** Mastodon REST API responses (Status lists, a Status, a context, Accounts), one document or JSONL. */
export const mastodon = defineConnector({
  id: 'mastodon',
  platform: 'mastodon',
  title: 'Mastodon REST API JSON (statuses, timelines, context, accounts)',
  payload: 'json',
  rawEncoding: 'json',
  detect: ({ head }) => {
    const first = head.trimStart()[0];
    if ((first !== '{' && first !== '[') || !ACCT.test(head)) return 0;
    if (STATUS.test(head)) return 1;
    if (ACCOUNT.test(head)) return 0.9;
    return 0.3;
  },
  read: readJsonLinesOrDocument,
  map: (value, context) => mapMastodon(value, context.observedAt),
});
