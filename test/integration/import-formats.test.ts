import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectors } from '../../src/connectors/index.js';
import type { Database } from '../../src/db/database.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';
import { storeCounts, type StoreCounts } from '../helpers/raw-counts/index.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const fixtures = path.join(root, 'test/fixtures');
/** The project's shared format samples; absent from a CI clone, where the copies in test/fixtures are what counts. */
const shared = path.resolve(root, '../shared/data/formats');

interface Case {
  /** Path under test/fixtures. */
  fixture: string;
  /** The connector that `--format auto` must pick. */
  connector: string;
  /** Path under ../shared/data/formats of the real file this fixture copies; null for a hand-written one. */
  shared: string | null;
  /** Codes of the error issues the file is expected to raise (its damage is part of the real sample). */
  errors?: string[];
}

const real = (from: string, to: string, connector: string, files: string[]): Case[] =>
  files.map((f) => ({ fixture: `${to}/${f}`, connector, shared: `${from}/${f}` }));

/** Every data file of ../shared/data/formats, by its byte-for-byte copy in test/fixtures (see each SOURCE.md). */
const REAL: Case[] = [
  ...real('bluesky', 'bluesky', 'bluesky', [
    'app.bsky.actor.getProfiles.json',
    'app.bsky.feed.getAuthorFeed.json',
    'app.bsky.feed.getPostThread.json',
    'app.bsky.graph.getFollowers.json',
    'com.atproto.identity.resolveHandle.json',
    'com.atproto.repo.getRecord.json',
    'com.atproto.repo.listRecords.json',
  ]),
  ...real('mastodon', 'mastodon', 'mastodon', [
    'account.json',
    'account_followers.json',
    'account_statuses.json',
    'status.json',
    'status_context.json',
    'timeline_tag.json',
  ]),
  ...real('rss-atom', 'feed', 'feed', [
    'atom-feed-youtube.xml',
    'feed-dcdate.xml',
    'feed-google-blog.xml',
    'feed-test-ru.xml',
    'feed-test.xml',
  ]),
  ...real('twitter-api-tweepy', 'x-api-v1', 'x-api-v1', [
    'v1.1_statuses_user_timeline.json',
    'v1.1_users_show.json',
  ]),
  ...real('twitter-api-tweepy', 'x-api-v2', 'x-api-v2', [
    'v2_tweet_lookup.json',
    'v2_tweets_quote_tweets.json',
    'v2_users_tweets.json',
  ]),
  ...real('twitter-v2-twarc', 'x-api-v2', 'x-api-v2', [
    'brexit.jsonl',
    'counts.jsonl',
    'edited_after.jsonl',
    'edited_before.jsonl',
    'flat.jsonl',
    'lists.jsonl',
    'media_tweet.jsonl',
    'mentions_tweet.jsonl',
    'quoted_edit.jsonl',
    'two_tweets.jsonl',
    'users.jsonl',
    'verified_type.jsonl',
  ]),
  {
    fixture: 'x-api-v2/streaming_output_with_error.jsonl',
    connector: 'x-api-v2',
    shared: 'twitter-v2-twarc/streaming_output_with_error.jsonl',
    errors: ['truncated-line'], // its 8th line is cut off on purpose
  },
];

/** The well-formed hand-written fixtures: the formats with no licensed real sample, and cases the real ones lack. */
const WRITTEN: Case[] = (
  [
    ['telegram/channel/result.json', 'telegram'],
    ['telegram/old-export/result.json', 'telegram'],
    ['x-archive/archive/data/tweets.js', 'x-archive'],
    ['x-archive/archive/data/tweets-part1.js', 'x-archive'],
    ['x-archive/old-archive/data/tweet.js', 'x-archive'],
    ['csv/posts.csv', 'csv'],
    ['csv/crlf-bom.csv', 'csv'],
    ['x-api-v1/twarc1.jsonl', 'x-api-v1'],
    ['bluesky/multibyte-facets.json', 'bluesky'],
    ['mastodon/reblog_quote.json', 'mastodon'],
    ['feed/rss1-rdf.xml', 'feed'],
    ['feed/atom-blog.xml', 'feed'],
  ] as const
).map(([fixture, connector]) => ({ fixture, connector, shared: null }));

const CASES = [...REAL, ...WRITTEN];
const isData = (f: string) => /\.(json|jsonl|xml)$/.test(f);

/** Relation tables whose rows are compared with the raw file's counts. */
const TABLES: Record<keyof StoreCounts, string> = {
  posts: 'posts',
  channels: 'channels',
  refs: 'post_refs',
  hashtags: 'post_hashtags',
  mentions: 'post_mentions',
  links: 'post_links',
  media: 'post_media',
};

describe('the format fixtures', () => {
  it('every listed fixture exists, and every connector has at least one', () => {
    expect(CASES.filter((c) => !existsSync(path.join(fixtures, c.fixture)))).toEqual([]);
    expect(new Set(CASES.map((c) => c.connector))).toEqual(new Set(connectors.map((c) => c.id)));
  });

  it.skipIf(!existsSync(shared))(
    'every data file of ../shared/data/formats is listed and copied byte for byte (skipped where that folder is absent, e.g. a CI clone)',
    () => {
      const all = readdirSync(shared)
        .flatMap((dir) => readdirSync(path.join(shared, dir)).map((f) => `${dir}/${f}`))
        .filter(isData)
        .sort();
      expect(REAL.map((c) => c.shared).sort()).toEqual(all);
      for (const c of REAL) {
        const same = readFileSync(path.join(shared, c.shared!)).equals(
          readFileSync(path.join(fixtures, c.fixture)),
        );
        expect([c.fixture, same]).toEqual([c.fixture, true]);
      }
    },
  );

  it('the fixtures exercise every compared table (a zero everywhere would prove nothing)', () => {
    const totals = CASES.map((c) => storeCounts[c.connector]!(path.join(fixtures, c.fixture)));
    for (const key of Object.keys(TABLES) as (keyof StoreCounts)[]) {
      expect([key, totals.reduce((n, t) => n + t[key], 0) > 10]).toEqual([key, true]);
    }
  });
});

describe.each(backends())('each format file imported alone on $name', (backend) => {
  let db: Database;
  let tables: string[];
  beforeAll(async () => {
    db = await backend.fresh();
    const rows = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
    );
    tables = rows.map((r) => r.name);
  });
  afterAll(async () => {
    await db.close();
  });

  // A migrated database emptied of every row is the fresh database each file is imported into: opening a new
  // PGlite per file (seconds each) would multiply the suite's time by the number of files.
  const emptied = async (): Promise<Database> => {
    await db.exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    return db;
  };

  it.each(CASES.map((c) => [c.fixture, c] as const))(
    '%s: detected, stored with the counts of the raw file',
    async (fixture, { connector, errors = [] }) => {
      const file = path.join(fixtures, fixture);
      const expected = storeCounts[connector]!(file);
      const store = await emptied();
      const summary = await runImport(store, [file]);

      expect(Object.keys(summary.byFormat)).toEqual([connector]);
      expect(summary.byFormat[connector]).toMatchObject({ files: 1, accepted: expected.posts });
      const got = {} as StoreCounts;
      for (const [key, table] of Object.entries(TABLES) as [keyof StoreCounts, string][]) {
        got[key] = (await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;
      }
      expect(got).toEqual(expected);
      const problems = await store.query<{ code: string }>(
        `SELECT code FROM ingest_issues WHERE severity = 'error' ORDER BY id`,
      );
      expect(problems.map((p) => p.code)).toEqual(errors);
      expect(summary.skipped).toBe(errors.length);
      // Every post keeps its raw payload, read from this file.
      const [raw] = await store.query<{ orphans: number; files: string[] }>(
        `SELECT count(*) FILTER (WHERE r.id IS NULL) AS orphans, coalesce(array_agg(DISTINCT r.file), '{}') AS files
         FROM posts p LEFT JOIN raw_records r ON r.id = p.raw_record_id`,
      );
      expect(raw).toEqual({ orphans: 0, files: expected.posts ? [file] : [] });
    },
  );
});

describe('attache import of the whole fixture tree (a real process on the embedded database)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'attache-formats-'));
  const attache = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ATTACHE_HOME: path.join(home, 'db'), DATABASE_URL: '' },
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };

  it('prints the documented summary, and posts stats and runs show agree with it', () => {
    const folders = readdirSync(fixtures)
      .filter((d) => d !== 'registry' && statSync(path.join(fixtures, d)).isDirectory())
      .map((d) => path.join(fixtures, d));
    const summary = attache(['import', ...folders, '--json']) as {
      run: number;
      accepted: number;
      issues: number;
      byFormat: Record<string, { files: number; accepted: number }>;
    };
    expect(Object.keys(summary).sort()).toEqual(
      [
        'run',
        'resumed',
        'accepted',
        'duplicates',
        'skipped',
        'issues',
        'metrics',
        'snapshots',
        'files',
        'byFormat',
      ].sort(),
    );
    // Every connector's files are recognised; the only other entry counts the notes beside the data
    // (README.md, SOURCE.md, licences), which no connector claims.
    expect(Object.keys(summary.byFormat).sort()).toEqual(
      [...connectors.map((c) => c.id), 'unrecognised'].sort(),
    );
    for (const c of connectors) expect([c.id, summary.byFormat[c.id]!.accepted > 0]).toEqual([c.id, true]);
    expect(summary.accepted).toBe(Object.values(summary.byFormat).reduce((n, f) => n + f.accepted, 0));

    const stats = attache(['posts', 'stats', '--json']) as {
      posts: number;
      byPlatform: Record<string, number>;
    };
    expect(stats.posts).toBe(summary.accepted);
    expect(Object.values(stats.byPlatform).reduce((n, x) => n + x, 0)).toBe(summary.accepted);

    const run = attache(['runs', 'show', String(summary.run), '--json']) as {
      run: { id: number; accepted: number };
      issues: { severity: string; code: string; file: string | null; line: number | null }[];
    };
    expect(run.run).toMatchObject({ id: summary.run, accepted: summary.accepted });
    expect(run.issues).toHaveLength(summary.issues);
    expect(run.issues.every((i) => typeof i.file === 'string' && i.file.startsWith(fixtures))).toBe(true);
    // No data file goes unrecognised but the CSV whose header lacks the required columns (nothing of it is read)
    // and the analytics fixtures' registry list, which is `attache registry import` input, not posts.
    const unrecognised = run.issues.filter((i) => i.code === 'unknown-format').map((i) => i.file!);
    expect(unrecognised.filter((f) => !/\.(md|txt|py)$/.test(f))).toEqual([
      path.join(fixtures, 'analytics/registry.csv'),
      path.join(fixtures, 'csv/bad-header.csv'),
    ]);
    expect(run.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'truncated-line',
        file: path.join(fixtures, 'x-api-v2/streaming_output_with_error.jsonl'),
        line: 8,
      }),
    );
    // Issues met in a line of a line-based file name that line (only whole-file issues have none).
    const lineBased = run.issues.filter(
      (i) => /\.(jsonl|csv)$/.test(i.file!) && !['unknown-format', 'unreadable'].includes(i.code),
    );
    expect(lineBased.length).toBeGreaterThan(5);
    expect(lineBased.filter((i) => !(typeof i.line === 'number' && i.line > 0))).toEqual([]);
  });
});
