import { defineConnector } from '../connector.js';
import { mapXArchive } from './map.js';
import { readArchive } from './read.js';

// The sections this connector maps; other archive files (like.js, direct-messages.js, …) are not its format.
const ARCHIVE_FILE = /^\s*window\.YTD\.(tweets|tweet|deleted_tweets|account|profile|note_tweet)\.part\d+\s*=/;

/**
 * An X (Twitter) account archive: data/tweets.js with the owner from account.js and profile.js, and the
 * whole text of long posts from note-tweet.js, beside it. The files beside tweets.js, given on their own,
 * are claimed too (a lower score), so that importing an archive folder leaves none unrecognised.
 */
export const xArchive = defineConnector({
  id: 'x-archive',
  platform: 'x',
  title: 'X account archive (data/tweets.js with account.js)',
  payload: 'text',
  rawEncoding: 'text',
  detect: ({ head }) => {
    const m = ARCHIVE_FILE.exec(head);
    if (!m) return 0;
    return m[1] === 'account' || m[1] === 'profile' || m[1] === 'note_tweet' ? 0.9 : 1;
  },
  read: readArchive,
  map: (value, context) => mapXArchive(value, context.observedAt),
});
