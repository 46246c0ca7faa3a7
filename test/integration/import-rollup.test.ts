import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWindow } from '../../src/analytics/window.js';
import type { Database } from '../../src/db/database.js';
import type { Progress } from '../../src/ingest/progress.js';
import { foldPendingRollups } from '../../src/ingest/rollup-fold.js';
import { rebuildChannelDaily } from '../../src/ingest/rollup.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';

// channel_daily is maintained through channel_daily_pending: each batch appends its differences, the import's
// end and every analysis fold them in. These tests compare every column with a rebuild from the posts.

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../fixtures');
const files = [
  path.join(fixtures, 'x-api-v2'),
  path.join(fixtures, 'analytics/posts-a.csv'),
  path.join(fixtures, 'analytics/posts-b.csv'),
  path.join(fixtures, 'analytics/update.csv'),
];

/** Every rollup column, channels by platform and natural key (surrogate ids differ after a rebuild). */
const rollup = (db: Database) =>
  db.query(
    `SELECT c.platform, coalesce(c.platform_user_id, c.handle_norm) AS channel, d.day, d.posts, d.originals,
       d.replies, d.quotes, d.reposts, d.media_posts, d.likes_received, d.reposts_received, d.replies_received,
       d.quotes_received, d.views_received, d.followers, d.followers_at, d.langs, d.measured_posts, d.interactions,
       d.likes_reposts, d.measured_originals, d.original_reposts
     FROM channel_daily d JOIN channels c ON c.id = d.channel_id ORDER BY 1, 2, 3`,
  );
const count = async (db: Database, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

/** A progress whose `committed` fails after `n` batches: the import stops as a killed one would. */
const stopAfter = (n: number): Progress => {
  let batches = 0;
  return {
    start: () => undefined,
    advance: () => undefined,
    posts: () => undefined,
    committed: () => {
      if (++batches === n) throw new Error('stopped');
    },
    stop: () => undefined,
  };
};

describe.each(backends())('the rollup through pending differences on $name', (backend) => {
  let db: Database;
  beforeEach(async () => {
    db = await backend.fresh();
  });
  afterEach(async () => {
    await db.close();
  });

  it('equals a rebuild in every column when each (channel, day) gets differences from many batches', async () => {
    // Batches of 2 posts: most channel-days, their language sets and follower days span several batches.
    await runImport(db, files, { batchPosts: 2 });
    expect(await count(db, 'channel_daily_pending')).toBe(0);
    const maintained = await rollup(db);
    expect(maintained.length).toBeGreaterThan(10);
    expect(maintained.some((r) => (r as { langs: string[] }).langs.length > 1)).toBe(true);
    expect(maintained.some((r) => (r as { followers: number | null }).followers !== null)).toBe(true);
    await rebuildChannelDaily(db);
    expect(await rollup(db)).toEqual(maintained);
    // Importing the same files again adds nothing.
    await runImport(db, files, { batchPosts: 2, dataset: 'again' });
    expect(await rollup(db)).toEqual(maintained);
  });

  it('an interrupted import leaves its committed differences pending; the next read folds them in once', async () => {
    await expect(runImport(db, files, { batchPosts: 2, progress: stopAfter(5) })).rejects.toThrow('stopped');
    expect(await count(db, 'channel_daily_pending')).toBeGreaterThan(0);
    expect(await count(db, 'channel_daily')).toBe(0);
    // Two folds at once (on PostgreSQL on two connections): each difference is added exactly once.
    await Promise.all([foldPendingRollups(db), foldPendingRollups(db)]);
    expect(await count(db, 'channel_daily_pending')).toBe(0);
    const folded = await rollup(db);
    expect(folded.length).toBeGreaterThan(0);
    await rebuildChannelDaily(db);
    expect(await rollup(db)).toEqual(folded);

    // An analysis after another interruption sees the new batches without a fold of its own.
    await expect(runImport(db, files, { batchPosts: 2, progress: stopAfter(40) })).rejects.toThrow('stopped');
    const pending = await count(db, 'channel_daily_pending');
    expect(pending).toBeGreaterThan(0);
    const [before] = await db.query<{ day: string }>('SELECT max(day) AS day FROM channel_daily');
    const window = await resolveWindow(db, 7, undefined);
    expect(await count(db, 'channel_daily_pending')).toBe(0);
    const [after] = await db.query<{ day: string }>('SELECT max(day) AS day FROM channel_daily');
    expect(window.to).toBe(after!.day);
    expect(after!.day >= before!.day).toBe(true);
    const maintained = await rollup(db);
    await rebuildChannelDaily(db);
    expect(await rollup(db)).toEqual(maintained);
  });

  it("keeps a day's latest follower observation whatever order the observations arrive in", async () => {
    // Three observations of one account on 2026-01-15, imported latest first, then earliest, then in between
    // and a later one: each in its own import, so each fold meets a stored followers value.
    const dir = mkdtempSync(path.join(tmpdir(), 'attache-followers-'));
    const header =
      'platform,post_id,author_handle,author_followers,published_at,kind,lang,likes,reposts,replies,quotes,media_urls,observed_at';
    const csv = (name: string, rows: string[]) => {
      const file = path.join(dir, name);
      writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
      return file;
    };
    const row = (id: number, followers: number, observed: string) =>
      `x,${id},followers_test,${followers},2026-01-14T10:00:00Z,original,en,1,0,0,0,,${observed}`;
    const day = async () =>
      (
        await db.query<{ followers: number; at: string }>(
          `SELECT d.followers::int AS followers, to_char(d.followers_at AT TIME ZONE 'UTC', 'HH24:MI') AS at
           FROM channel_daily d JOIN channels c ON c.id = d.channel_id
           WHERE c.handle = 'followers_test' AND d.day = '2026-01-15'`,
        )
      )[0];

    await runImport(db, [csv('a.csv', [row(900001, 6000, '2026-01-15T18:00:00Z')])]);
    expect(await day()).toEqual({ followers: 6000, at: '18:00' });
    await runImport(db, [csv('b.csv', [row(900002, 5000, '2026-01-15T09:00:00Z')])]);
    expect(await day()).toEqual({ followers: 6000, at: '18:00' });
    // One batch with an earlier and a later observation than the stored one.
    await runImport(db, [
      csv('c.csv', [row(900003, 6100, '2026-01-15T21:00:00Z'), row(900004, 5500, '2026-01-15T12:00:00Z')]),
    ]);
    expect(await day()).toEqual({ followers: 6100, at: '21:00' });
    const maintained = await rollup(db);
    await rebuildChannelDaily(db);
    expect(await rollup(db)).toEqual(maintained);
  });
});
