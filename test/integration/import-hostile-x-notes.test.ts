import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';
import { resetStore, storedIssues, storedPosts } from './import-hostile/files.js';

/*
 * An X archive's note-tweet.js (the whole text of long posts) damaged or absent: a warning of the tweets file
 * it completes, and every tweet kept with its cut text. And the intact archive folder: the long post stored
 * with its note's whole text and entities. Expected values are written out by hand from the fixtures
 * (test/fixtures/x-archive/README.md).
 */

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../fixtures/x-archive');
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-x-notes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LONG = '1754437204177846273';
const HOSTILE_LONG = '1764606713656246273';
const HOSTILE_SHORT = '1764611746821046273';

/** The hostile-notes archive with another note-tweet.js: not an archive file at all. */
function garbageNotes(): string {
  const dir = path.join(tmp, 'garbage', 'data');
  mkdirSync(dir, { recursive: true });
  for (const f of ['account.js', 'tweets.js']) {
    copyFileSync(path.join(fixtures, 'hostile-notes/data', f), path.join(dir, f));
  }
  writeFileSync(path.join(dir, 'note-tweet.js'), '<html><body>Rate limit exceeded</body></html>');
  return path.join(dir, 'tweets.js');
}

const textOf = async (db: Database, id: string) =>
  (await db.query<{ text: string }>('SELECT text FROM posts WHERE platform_post_id = $1', [id]))[0]?.text;

describe.each(backends())('X archive long posts on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.close();
  });

  it('note-tweet.js cut off: one warning on the tweets file, both tweets kept with their cut text', async () => {
    await resetStore(db);
    const file = path.join(fixtures, 'hostile-notes/data/tweets.js');
    const summary = await runImport(db, [file]);
    expect(summary).toMatchObject({ accepted: 2, skipped: 0, issues: 1 });
    expect(await storedIssues(db)).toEqual([
      {
        connector: 'x-archive',
        severity: 'warning',
        code: 'bad-note-tweets',
        file,
        line: 1,
        byteOffset: 0,
        recordKey: null,
      },
    ]);
    expect((await storedPosts(db)).map((p) => p.id).sort()).toEqual([HOSTILE_LONG, HOSTILE_SHORT]);
    expect(await textOf(db, HOSTILE_LONG)).toMatch(/The full text of the agreement is…$/);
    expect(await db.query('SELECT count(*) AS n FROM post_hashtags')).toEqual([{ n: 0 }]);
  });

  it('note-tweet.js that is not an archive file: a read warning, both tweets kept', async () => {
    await resetStore(db);
    const file = garbageNotes();
    const summary = await runImport(db, [file]);
    expect(summary).toMatchObject({ accepted: 2, skipped: 0, issues: 1 });
    expect(await storedIssues(db)).toEqual([
      {
        connector: 'x-archive',
        severity: 'warning',
        code: 'note-file-unreadable',
        file,
        line: null,
        byteOffset: null,
        recordKey: null,
      },
    ]);
    expect((await storedPosts(db)).map((p) => p.id).sort()).toEqual([HOSTILE_LONG, HOSTILE_SHORT]);
  });

  it('the archive folder: the long post whole, with the hashtag and mention beyond the cut', async () => {
    await resetStore(db);
    const summary = await runImport(db, [path.join(fixtures, 'archive')]);
    // tweets.js (6) + tweets-part1.js (3); account.js, profile.js and note-tweet.js give no posts.
    expect(summary).toMatchObject({ accepted: 9, skipped: 0, issues: 0 });
    expect(summary.byFormat['x-archive']).toMatchObject({ files: 5, accepted: 9 });
    expect(await textOf(db, LONG)).toBe(
      '#Ruritania at work: today Ambassador Elena Varga opened the Ruritanian Trade Week in London with ' +
        '@FCDOGovUK & British exporters. Twenty-four companies from Strelsau, Zenda and Hentzau are showing ' +
        'furniture, glass, wine and software at the Guildhall until Friday, and every stand welcomes ' +
        'visitors without registration. Our thanks to @StrelsauNews for covering the opening live. ' +
        'Programme: https://t.co/LoNg000001 #TradeWeek',
    );
    const rel = (table: string, cols: string) =>
      db.query(
        `SELECT ${cols} FROM ${table} r JOIN posts p ON p.id = r.post_id
         WHERE p.platform_post_id = $1 ORDER BY r.position`,
        [LONG],
      );
    expect(await rel('post_hashtags', 'r.tag, r.tag_norm')).toEqual([
      { tag: 'Ruritania', tag_norm: 'ruritania' },
      { tag: 'TradeWeek', tag_norm: 'tradeweek' },
    ]);
    expect(await rel('post_mentions', 'r.handle, r.platform_user_id')).toEqual([
      { handle: 'FCDOGovUK', platform_user_id: '1200000000000000007' },
      { handle: 'StrelsauNews', platform_user_id: null },
    ]);
    expect(await rel('post_links', 'r.url, r.expanded_url, r.domain')).toEqual([
      {
        url: 'https://t.co/LoNg000001',
        expanded_url: 'https://embassy.example.org/trade-week',
        domain: 'embassy.example.org',
      },
    ]);
    // Metrics stay the tweet's own.
    expect(
      await db.query(
        `SELECT m.likes, m.reposts FROM post_metrics m JOIN posts p ON p.id = m.post_id
         WHERE p.platform_post_id = $1`,
        [LONG],
      ),
    ).toEqual([{ likes: 88, reposts: 31 }]);
  });
});
