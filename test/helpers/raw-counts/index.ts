import { readFileSync } from 'node:fs';
import { blueskyCounts } from './bluesky.js';
import { csvCounts } from './csv.js';
import { feedCounts } from './feed.js';
import { loadJson } from './json.js';
import { mastodonCounts } from './mastodon.js';
import { telegramCounts } from './telegram.js';
import { xApiV1Counts } from './x-api-v1.js';
import { twarcCounts } from './x-api-v2.js';
import { xArchiveCounts } from './x-archive.js';

/** What importing one file into an empty database must leave in the canonical tables, worked out from the raw file. */
export interface StoreCounts {
  posts: number;
  /** Distinct authors and observed accounts: mentioned accounts do not become channels. */
  channels: number;
  refs: number;
  hashtags: number;
  mentions: number;
  links: number;
  media: number;
}

const pick = (c: StoreCounts): StoreCounts => ({
  posts: c.posts,
  channels: c.channels,
  refs: c.refs,
  hashtags: c.hashtags,
  mentions: c.mentions,
  links: c.links,
  media: c.media,
});

/** The independent counter of each connector's format, by connector id. */
export const storeCounts: Record<string, (file: string) => StoreCounts> = {
  'x-api-v2': (file) => {
    const c = twarcCounts([file]);
    return pick({ ...c, channels: c.authors });
  },
  'x-api-v1': (file) => pick(xApiV1Counts(file)),
  'x-archive': (file) => pick(xArchiveCounts(file)),
  bluesky: (file) => pick(blueskyCounts(loadJson(file))),
  mastodon: (file) => {
    const c = mastodonCounts(loadJson(file));
    return pick({ ...c, channels: c.accounts });
  },
  telegram: (file) => pick(telegramCounts(file)),
  feed: (file) => pick(feedCounts(readFileSync(file, 'utf8'))),
  csv: (file) => pick(csvCounts(file)),
};
