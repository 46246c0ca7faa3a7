import { expect } from 'vitest';
import type { DocFormat } from './document-cases.js';
import { error, warning } from './issues.js';
import { fixture, replaceOnce, type Json } from './files.js';

// One document per file: a truncation, an over-long or an unreadable file loses the whole document (a feed
// recovers the entries before the break), so these cases check the issue row and that the other file of the
// same import survives; damage inside one record loses that record only.

const editDoc = (text: string, edit: (v: Json) => void) => {
  const v = JSON.parse(text) as Json;
  edit(v);
  return JSON.stringify(v, null, 1);
};
const message = (v: Json, id: number) => (v.messages as Json[]).find((m) => m.id === id)!;
// Messages 1, 7 and 12 of the channel are service messages: skipped, with one warning.
const telegramIds = [2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14].map((id) => `1234567890/${id}`);
const serviceSkipped = warning('service-messages-skipped', '1234567890');
export const telegram: DocFormat = {
  id: 'telegram',
  file: 'damaged/result.json',
  text: fixture('telegram/channel/result.json'),
  ids: telegramIds,
  issues: [serviceSkipped],
  companion: {
    file: 'other/result.json',
    text: fixture('telegram/old-export/result.json'),
    ids: ['1100000001/1', '1100000001/2'],
    issues: [
      warning('service-messages-skipped', '1100000001'),
      warning('local-time-assumed-utc', '1100000001'),
    ],
  },
  utf8: { after: /"text": "Full text /, post: '1234567890/4' },
  // The document cannot be parsed at all: every message of it is lost, the other export survives.
  truncated: { at: (t) => Math.floor(t.length / 2), issues: [error('bad-json')], kept: [] },
  wrongType: {
    edit: (t) => editDoc(t, (v) => void (message(v, 4).text = 42)),
    issues: [error('bad-message', '1234567890/4'), serviceSkipped],
    lost: ['1234567890/4'],
  },
  missingId: {
    edit: (t) => editDoc(t, (v) => void delete message(v, 4).id),
    issues: [error('missing-id'), serviceSkipped],
    lost: ['1234567890/4'],
  },
  pad: (t, bytes) => editDoc(t, (v) => void (v.padding = 'x'.repeat(bytes))),
};

const archiveDir = 'x-archive/archive/data';
const editArchive = (text: string, edit: (tweets: Json[]) => void) => {
  const eq = text.indexOf('=');
  const tweets = JSON.parse(text.slice(eq + 1)) as Json[];
  edit(tweets);
  return `${text.slice(0, eq + 1)} ${JSON.stringify(tweets, null, 2)}`;
};
const tweet = (tweets: Json[], i: number) => tweets[i]!.tweet as Json;
export const xArchive: DocFormat = {
  id: 'x-archive',
  file: 'data/tweets.js',
  text: fixture(`${archiveDir}/tweets.js`),
  ids: [
    '1746834608747446273',
    '1747174347371446273',
    '1747544284984246273',
    '1748706946053046273',
    '1748708204344246273',
    '1748709462635446273',
  ],
  issues: [],
  // The archive's second tweets file, beside the damaged one (its third tweet is a long post).
  companion: {
    file: 'data/tweets-part1.js',
    text: fixture(`${archiveDir}/tweets-part1.js`),
    ids: ['1753025401451446273', '1753387789317046273', '1754437204177846273'],
    issues: [],
  },
  // note-tweet.js completes the long post of the companion and is read beside every damaged tweets.js too.
  siblings: {
    'data/account.js': fixture(`${archiveDir}/account.js`),
    'data/profile.js': fixture(`${archiveDir}/profile.js`),
    'data/note-tweet.js': fixture(`${archiveDir}/note-tweet.js`),
  },
  utf8: { after: /"full_text" : "/, post: '1746834608747446273' },
  truncated: { at: (t) => Math.floor(t.length / 2), issues: [error('bad-json')], kept: [] },
  wrongType: {
    edit: (t) => editArchive(t, (tw) => void (tweet(tw, 1).full_text = 42)),
    issues: [error('bad-status', '1747174347371446273')],
    lost: ['1747174347371446273'],
  },
  missingId: {
    edit: (t) =>
      editArchive(t, (tw) => {
        delete tweet(tw, 1).id;
        delete tweet(tw, 1).id_str;
      }),
    issues: [error('missing-id')],
    lost: ['1747174347371446273'],
  },
  pad: (t, bytes) =>
    editArchive(
      t,
      (tw) => void (tweet(tw, 0).full_text = `${String(tweet(tw, 0).full_text)}${'x'.repeat(bytes)}`),
    ),
};

const blogPost1 =
  'https://blog.google/company-news/inside-google/around-the-globe/google-europe/investing-in-ukraines-ai-leadership-and-economic-future/';
const blogPost2 = 'https://blog.google/products-and-platforms/products/gemini/find-job-with-google-ai-tools/';
export const feed: DocFormat = {
  id: 'feed',
  file: 'feed.xml',
  text: fixture('feed/feed-google-blog.xml'),
  ids: [blogPost1, blogPost2],
  issues: [],
  companion: {
    file: 'rss1-rdf.xml',
    text: fixture('feed/rss1-rdf.xml'),
    ids: ['https://diplo.example.org/notes/1', 'https://diplo.example.org/notes/2'],
    issues: [],
  },
  utf8: { after: /<item>\s*<title>Investing in /, post: blogPost1 },
  // Cut inside the second item: the first is recovered (docs/formats/feed.md, "Parsing and broken XML").
  truncated: {
    at: (t) => t.indexOf('<pubDate>', t.indexOf('<item>', t.indexOf('<item>') + 1)),
    issues: [error('malformed-xml')],
    kept: [blogPost1],
  },
  // A feed's fields are text: the closest to a wrong type is a date field that holds no date.
  wrongType: {
    edit: (t) =>
      replaceOnce(t, '<pubDate>Thu, 25 Jun 2026 17:40:00 +0000</pubDate>', '<pubDate>yesterday</pubDate>'),
    issues: [error('bad-date', blogPost1)],
    lost: [blogPost1],
  },
  // An item without guid and link is kept under a derived id (docs/formats/feed.md, platformPostId): no issue.
  missingId: {
    edit: (t) =>
      replaceOnce(replaceOnce(t, `<guid>${blogPost1}</guid>`, ''), `<link>${blogPost1}</link>`, ''),
    issues: [],
    lost: [blogPost1],
    derived: [expect.stringMatching(/^sha256:[0-9a-f]{32}$/)],
  },
  pad: (t, bytes) => replaceOnce(t, '<description>Google.org', `<description>${'x'.repeat(bytes)}Google.org`),
};
