import path from 'node:path';
import { error, issueRow, warning } from './issues.js';
import type { LineFormat } from './line-cases.js';
import {
  assemble,
  editJson,
  fixture,
  fixtureLines,
  gzipCorrupt,
  replaceOnce,
  type Assembled,
  type Json,
} from './files.js';

// JSON Lines and CSV, damaged record by record: the records on both sides of the damage must survive.

const first = (v: Json, key: string) => (v[key] as Json[])[0]!;
const padJson = (record: string, bytes: number) =>
  editJson(record, (v) => {
    v.padding = 'x'.repeat(bytes);
  });

export const xApiV2: LineFormat = {
  id: 'x-api-v2',
  ext: '.jsonl',
  // Three twarc2 response pages of the real fixtures, one per line. The middle one is a retweet whose original
  // comes in `includes`: damaging the retweet loses the retweet only.
  records: [
    { text: fixtureLines('x-api-v2/media_tweet.jsonl')[0]!, ids: ['1558553189766631429'] },
    {
      text: fixtureLines('x-api-v2/two_tweets.jsonl')[0]!,
      ids: ['1394735776701816833', '1391677057810288641'],
    },
    {
      text: fixtureLines('x-api-v2/edited_before.jsonl')[0]!,
      ids: ['1576994746135764992', '1576994789110992896'],
    },
  ],
  target: 1,
  utf8: { after: /"text":\s*"/, post: '1394735776701816833' },
  truncated: error('truncated-line'),
  firstLine: error('bad-json'),
  wrongType: {
    // JSON numbers lose the id's last digits: the issue names the id as it was read.
    edit: (r) => editJson(r, (v) => void (first(v, 'data').id = Number('1394735776701816833'))),
    issue: error('bad-tweet', '1394735776701816800'),
    lost: ['1394735776701816833'],
  },
  missingId: {
    edit: (r) => editJson(r, (v) => void delete first(v, 'data').id),
    issue: error('missing-id'),
    lost: ['1394735776701816833'],
  },
  pad: padJson,
};

const twarc1 = fixtureLines('x-api-v1/twarc1.jsonl');
export const xApiV1: LineFormat = {
  id: 'x-api-v1',
  ext: '.jsonl',
  // twarc1.jsonl as it is: six statuses; the retweet (line 2) and the quote (line 3) embed line 1's status.
  records: [
    { text: twarc1[0]!, ids: ['1746827059000246273'] },
    { text: twarc1[1]!, ids: ['1746835158201270273', '1746827059000246273'] },
    { text: twarc1[2]!, ids: ['1747166797624246273', '1746827059000246273'] },
    { text: twarc1[3]!, ids: ['1747168055915446273'] },
    { text: twarc1[4]!, ids: ['1747589583467446273'] },
    { text: twarc1[5]!, ids: ['1747589583467446301'] },
  ],
  target: 3,
  utf8: { after: /"full_text":\s*"/, post: '1747168055915446273' },
  truncated: error('truncated-line'),
  firstLine: error('bad-json'),
  wrongType: {
    edit: (r) => editJson(r, (v) => void (v.full_text = 42)),
    issue: error('bad-status', '1747168055915446273'),
    lost: ['1747168055915446273'],
  },
  missingId: {
    edit: (r) =>
      editJson(r, (v) => {
        delete v.id;
        delete v.id_str;
      }),
    issue: error('missing-id'),
    lost: ['1747168055915446273'],
  },
  pad: padJson,
  extra: (dir, stage) => {
    const kept = (f: string, a: Pick<Assembled, 'at'>, lost: number) =>
      xApiV1.records.flatMap((r, i) => (i === lost ? [] : [{ id: r.ids[0]!, file: f, ...a.at[i]! }]));
    // The one real 50 MB single line of the suite, read with the import's default item limit (16 MiB). Its
    // positions are taken here; the 50 MB are built again only when the file is written.
    const bigRecords = () => twarc1.map((t, i) => (i === 3 ? padJson(t, 50 * 1024 * 1024) : t));
    const big = { at: assemble(bigRecords()).at };
    const bigFile = stage(path.join(dir, 'fifty-mb-line.jsonl'), () => assemble(bigRecords()).bytes);
    // The corrupt .gz again with the format given, so that detection is out of the way: the records
    // decompressed before the damage are still lost.
    const gz = assemble(twarc1);
    const cut = gz.at[5]!.byteOffset;
    const gzFile = stage(
      path.join(dir, 'corrupt-given.jsonl.gz'),
      gzipCorrupt(gz.bytes.subarray(0, cut), gz.bytes.subarray(cut)),
    );
    return [
      {
        name: 'a real 50 MB single line (default limit)',
        paths: [bigFile],
        expected: {
          issues: [issueRow('x-api-v1', bigFile, big.at[3]!, error('item-too-large'))],
          posts: kept(bigFile, big, 3),
        },
      },
      {
        name: 'unreadable: corrupt bytes in a .gz, format given',
        paths: [gzFile],
        format: 'x-api-v1',
        expected: {
          issues: [issueRow('x-api-v1', gzFile, gz.at[5]!, error('unreadable'))],
          posts: kept(gzFile, gz, 5),
        },
      },
    ];
  },
};

const blueskyResponses = fixtureLines('bluesky/responses.jsonl');
const bskyFeedPost = 'at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3multibyte22a';
const feedPost = (v: Json) => first(v, 'feed').post as Json;
export const bluesky: LineFormat = {
  id: 'bluesky',
  ext: '.jsonl',
  // A paging script's JSONL: a real getRecord response, a one-post author feed, a hand-written getRecord.
  records: [
    {
      text: JSON.stringify(JSON.parse(fixture('bluesky/com.atproto.repo.getRecord.json'))),
      ids: ['at://did:plc:ic6zqvuw5ulmfpjiwnhsr2ns/app.bsky.feed.post/3k7qmjev5lr2s'],
    },
    { text: JSON.stringify(JSON.parse(fixture('bluesky/multibyte-facets.json'))), ids: [bskyFeedPost] },
    {
      text: blueskyResponses[0]!,
      ids: ['at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3jsonlrec2a'],
    },
  ],
  target: 1,
  // At the end of the text, after its facets: bytes inside would shift the facets' byte ranges.
  utf8: { after: /"text":"[^"]*@ambassade\.example\.net/, post: bskyFeedPost },
  truncated: error('truncated-line'),
  firstLine: error('bad-json'),
  wrongType: {
    edit: (r) => editJson(r, (v) => void ((feedPost(v).record as Json).text = 42)),
    issue: error('bad-post', bskyFeedPost),
    lost: [bskyFeedPost],
  },
  missingId: {
    edit: (r) => editJson(r, (v) => void delete feedPost(v).uri),
    issue: error('missing-id'),
    lost: [bskyFeedPost],
  },
  pad: padJson,
};

const mastodonResponses = fixtureLines('mastodon/responses.jsonl');
export const mastodon: LineFormat = {
  id: 'mastodon',
  ext: '.jsonl',
  // A real Status, then a Status and a list of two Statuses as a collector appends them.
  records: [
    {
      text: JSON.stringify(JSON.parse(fixture('mastodon/status.json'))),
      ids: ['https://fosstodon.org/users/schochastics/statuses/114620457512351116'],
    },
    { text: mastodonResponses[0]!, ids: ['https://home.example/users/booster/statuses/600'] },
    {
      text: mastodonResponses[1]!,
      ids: [
        'https://home.example/users/booster/statuses/401',
        'https://home.example/users/booster/statuses/402',
      ],
    },
  ],
  target: 1,
  utf8: { after: /"content":\s*"<p>/, post: 'https://home.example/users/booster/statuses/600' },
  truncated: error('truncated-line'),
  firstLine: error('bad-json'),
  wrongType: {
    edit: (r) => editJson(r, (v) => void (v.id = 600)),
    issue: error('bad-post', 'https://home.example/users/booster/statuses/600'),
    lost: ['https://home.example/users/booster/statuses/600'],
  },
  missingId: {
    edit: (r) =>
      editJson(r, (v) => {
        delete v.id;
        delete v.uri;
      }),
    issue: error('missing-id'),
    lost: ['https://home.example/users/booster/statuses/600'],
  },
  pad: padJson,
};

/** The rows of a well-formed RFC 4180 text: newlines inside quotes stay in their row. */
function csvRows(text: string): string[] {
  const rows: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n' && !quoted) {
      rows.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) rows.push(text.slice(start));
  return rows;
}
const [csvHeader, ...csvData] = csvRows(fixture('csv/posts.csv'));
const bskyRow = 'at://did:plc:abc123/app.bsky.feed.post/3kabc';
export const csv: LineFormat = {
  id: 'csv',
  ext: '.csv',
  header: csvHeader!,
  // posts.csv as it is: ten rows, two of them spanning several lines; the damage hits the Bluesky row. The
  // post id is the second column, never quoted in this file.
  records: csvData.map((text) => ({ text, ids: [text.split(',')[1]!] })),
  target: 2,
  headerIssues: [warning('unknown-columns')],
  utf8: { after: /本日/, post: bskyRow },
  // A row cut off is reported as what it has become: a row with too few fields.
  truncated: error('wrong-field-count'),
  // A counter is optional: its bad value is left out with a warning and the post is kept (docs/formats/csv.md).
  wrongType: {
    edit: (r) => replaceOnce(r, ',12,', ',twelve,'),
    issue: warning('bad-metric', bskyRow),
    lost: [],
  },
  missingId: {
    edit: (r) => replaceOnce(r, `,${bskyRow},`, ',,'),
    issue: error('missing-id'),
    lost: [bskyRow],
  },
  pad: (r, bytes) => replaceOnce(r, '本日', `本日${'x'.repeat(bytes)}`),
};
