import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { detectLanguage } from '../../src/domain/language.js';
import { decodeRaw } from '../../src/ingest/raw.js';
import { rebuildChannelDaily } from '../../src/ingest/rollup.js';
import { backends } from '../helpers/backends.js';
import { rollupRows, runImport, tableCounts } from '../helpers/import.js';
import { twarcCounts } from '../helpers/raw-counts/x-api-v2.js';

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../fixtures');
const twarcDir = path.join(fixtures, 'x-api-v2');
const twarcFiles = readdirSync(twarcDir)
  .filter((f) => /\.jsonl?$/.test(f))
  .sort()
  .map((f) => path.join(twarcDir, f));
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-import-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
};
const count = async (db: Database, sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params))[0]!.n;

/** One twarc2 page with the given tweets (by one author), retrieved at `at`. */
function page(
  tweets: { id: string; likes: number; tags?: string[] }[],
  at: string,
  author = 'attache_demo1',
) {
  return JSON.stringify({
    data: tweets.map((t) => ({
      id: t.id,
      text: `synthetic ${t.id}`,
      author_id: '4242',
      created_at: '2026-03-01T10:00:00.000Z',
      public_metrics: { like_count: t.likes, retweet_count: 1, reply_count: 0, quote_count: 0 },
      entities: { hashtags: (t.tags ?? []).map((tag) => ({ tag })) },
    })),
    includes: {
      users: [{ id: '4242', username: author, name: 'Demo', public_metrics: { followers_count: 10 } }],
    },
    __twarc: { retrieved_at: at },
  });
}

describe.each(backends())('import on $name', (backend) => {
  let db: Database;
  beforeEach(async () => {
    db = await backend.fresh();
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports the real twarc2 files with the counts computed from the raw JSON, and again adds nothing', async () => {
    const expected = twarcCounts(twarcFiles);
    const first = await runImport(db, [twarcDir]);
    const counts = await tableCounts(db);
    expect(first.accepted).toBe(expected.posts);
    expect({
      posts: counts.posts,
      authors: counts.channels,
      refs: counts.post_refs,
      hashtags: counts.post_hashtags,
      mentions: counts.post_mentions,
      media: counts.post_media,
      metrics: counts.post_metrics,
    }).toEqual({
      posts: expected.posts,
      authors: expected.authors,
      refs: expected.refs,
      hashtags: expected.hashtags,
      mentions: expected.mentions,
      media: expected.media,
      metrics: expected.observations,
    });
    // Every post keeps its raw payload and position.
    expect(await count(db, 'SELECT count(*) AS n FROM posts WHERE raw_record_id IS NULL')).toBe(0);
    // Provenance links and a post's rows are not foreign keys (see the import-writer migration): none dangles.
    for (const table of ['posts', 'post_metrics', 'channel_snapshots']) {
      const dangling = await count(
        db,
        `SELECT count(*) AS n FROM ${table} t LEFT JOIN raw_records r ON r.id = t.raw_record_id
         WHERE t.raw_record_id IS NOT NULL AND r.id IS NULL`,
      );
      expect(dangling, table).toBe(0);
    }
    for (const table of [
      'post_refs',
      'post_hashtags',
      'post_mentions',
      'post_links',
      'post_media',
      'post_metrics',
    ]) {
      const orphans = await count(
        db,
        `SELECT count(*) AS n FROM ${table} t LEFT JOIN posts p ON p.id = t.post_id WHERE p.id IS NULL`,
      );
      expect(orphans, table).toBe(0);
    }
    // Nor are a post's channel and dataset (the ingest-speed migration), nor a rollup row's channel.
    for (const [table, column, target] of [
      ['posts', 'channel_id', 'channels'],
      ['posts', 'dataset_id', 'datasets'],
      ['channel_daily', 'channel_id', 'channels'],
    ]) {
      const dangling = await count(
        db,
        `SELECT count(*) AS n FROM ${table} p LEFT JOIN ${target} t ON t.id = p.${column}
         WHERE p.${column} IS NOT NULL AND t.id IS NULL`,
      );
      expect(dangling, `${table}.${column}`).toBe(0);
    }
    expect(await count(db, 'SELECT count(*) AS n FROM channel_daily')).toBeGreaterThan(0);
    expect(await count(db, 'SELECT count(*) AS n FROM posts WHERE channel_id IS NOT NULL')).toBeGreaterThan(
      0,
    );
    const raw = await db.query<{ file: string; line: number; connector: string }>(
      `SELECT r.file, r.line, r.connector FROM posts p JOIN raw_records r ON r.id = p.raw_record_id
       WHERE p.platform_post_id = '1394735776701816833'`,
    );
    expect(raw).toEqual([{ file: path.join(twarcDir, 'two_tweets.jsonl'), line: 1, connector: 'x-api-v2' }]);
    // The truncated last line of the streaming file is an issue with its line; LICENSE and SOURCE.md are not data.
    const issues = await db.query<{ code: string; file: string; line: number | null }>(
      `SELECT code, file, line FROM ingest_issues WHERE severity = 'error' ORDER BY id`,
    );
    expect(issues).toEqual([
      { code: 'truncated-line', file: path.join(twarcDir, 'streaming_output_with_error.jsonl'), line: 8 },
    ]);

    const again = await runImport(db, [twarcDir]);
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: first.accepted + first.duplicates,
      metrics: 0,
      snapshots: 0,
    });
    const after = await tableCounts(db);
    // Only the new run's issue rows and the raw copy of the damaged line (kept for re-mapping) are added.
    expect({ ...after, ingest_issues: 0, raw_records: 0 }).toEqual({
      ...counts,
      ingest_issues: 0,
      raw_records: 0,
    });
    expect(after.raw_records! - counts.raw_records!).toBe(1);
  });

  it('maintains the daily rollup on ingest exactly as a rebuild from the posts computes it', async () => {
    await runImport(db, [twarcDir]);
    const incremental = await rollupRows(db);
    expect(incremental.length).toBeGreaterThan(0);
    await rebuildChannelDaily(db);
    expect(await rollupRows(db)).toEqual(incremental);
  });

  it('appends a newer metric observation and profile observation of known posts, and updates the rollup', async () => {
    const a = write(
      'obs-a.jsonl',
      page(
        [
          { id: '1001', likes: 5 },
          { id: '1002', likes: 7 },
        ],
        '2026-03-02T00:00:00Z',
      ) + '\n',
    );
    const b = write('obs-b.jsonl', page([{ id: '1001', likes: 50 }], '2026-03-05T00:00:00Z') + '\n');
    await runImport(db, [a]);
    const second = await runImport(db, [b]);
    expect(second).toMatchObject({ accepted: 0, duplicates: 1, metrics: 1, snapshots: 1 });
    expect(await count(db, 'SELECT count(*) AS n FROM post_metrics')).toBe(3);
    const [day] = await db.query<{ likes: number; posts: number }>(
      `SELECT likes_received AS likes, posts FROM channel_daily WHERE day = '2026-03-01'`,
    );
    expect(day).toEqual({ likes: 57, posts: 2 });
    const incremental = await rollupRows(db);
    await rebuildChannelDaily(db);
    expect(await rollupRows(db)).toEqual(incremental);
    // An older observation imported afterwards is stored but does not replace the latest in the rollup.
    const c = write('obs-c.jsonl', page([{ id: '1001', likes: 1 }], '2026-03-03T00:00:00Z') + '\n');
    expect((await runImport(db, [c])).metrics).toBe(1);
    const postDays = (rows: unknown[]) => rows.filter((r) => (r as { posts: number }).posts > 0);
    expect(postDays(await rollupRows(db))).toEqual(postDays(incremental));
  });

  it('takes the platform language first (normalised) and detects one only when the platform gives none', async () => {
    const tweet = (id: string, lang: string | undefined, text: string) => ({
      id,
      text,
      author_id: '4242',
      created_at: '2026-03-01T10:00:00.000Z',
      ...(lang === undefined ? {} : { lang }),
    });
    const french =
      "L'ambassade organise une rencontre sur la coopération culturelle et la jeunesse cette semaine.";
    const file = write(
      'langs.jsonl',
      JSON.stringify({
        data: [
          tweet('5001', 'in', 'Kedutaan besar mengadakan pertemuan budaya minggu ini di ibu kota.'),
          tweet('5002', 'und', french),
          tweet('5003', undefined, french),
          tweet('5004', 'qme', 'ok'),
          tweet('5005', 'en', french),
        ],
        includes: { users: [{ id: '4242', username: 'attache_demo1' }] },
      }) + '\n',
    );
    await runImport(db, [file], { detectLang: detectLanguage });
    expect(
      await db.query('SELECT platform_post_id AS id, lang, lang_source AS source FROM posts ORDER BY 1'),
    ).toEqual([
      { id: '5001', lang: 'id', source: 'platform' }, // X's old code for Indonesian
      { id: '5002', lang: 'fr', source: 'detected' }, // "und": the platform does not know
      { id: '5003', lang: 'fr', source: 'detected' },
      { id: '5004', lang: null, source: null }, // media-only marker, text too short to guess
      { id: '5005', lang: 'en', source: 'platform' }, // the platform's word stands, even when it looks wrong
    ]);
  });

  it('links an author to its registry actor by handle, and the channel learns its user id', async () => {
    await db.query(
      `INSERT INTO countries (code, name, kind) VALUES ('FR', 'France', 'state') ON CONFLICT DO NOTHING`,
    );
    const [actor] = await db.query<{ id: number }>(
      `INSERT INTO actors (actor_key, kind, name, sending_country, first_seen, updated_at)
       VALUES ('test:fr-mfa', 'ministry', 'Test ministry', 'FR', '2026-01-01', now()) RETURNING id`,
    );
    await db.query(
      `INSERT INTO channels (platform, handle, handle_norm, actor_id, link_source, first_seen, updated_at)
       VALUES ('x', 'Attache_Demo1', 'attache_demo1', $1, 'registry', '2026-01-01', now())`,
      [actor!.id],
    );
    const file = write(
      'linked.jsonl',
      page([{ id: '2001', likes: 1 }], '2026-03-02T00:00:00Z', 'ATTACHE_demo1') + '\n',
    );
    await runImport(db, [file]);
    const rows = await db.query<{ actor: number | null; uid: string | null; channels: number }>(
      `SELECT c.actor_id AS actor, c.platform_user_id AS uid, (SELECT count(*) FROM channels) AS channels
       FROM posts p JOIN channels c ON c.id = p.channel_id`,
    );
    expect(rows).toEqual([{ actor: actor!.id, uid: '4242', channels: 1 }]);
  });

  it('keeps the records around damaged lines and records each damage with file, line and code', async () => {
    const good = (id: string) => page([{ id, likes: 1, tags: ['UnitedForUkraine'] }], '2026-03-02T00:00:00Z');
    const wrongType = good('3003').replace('"3003"', '3003');
    const missingId = good('3004').replace('"id":"3004",', '');
    const split = good('3002').indexOf('synthetic') + 10;
    const bad = Buffer.concat([
      Buffer.from('\uFEFF' + good('3001') + '\n'),
      Buffer.from(good('3002').slice(0, split)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(good('3002').slice(split) + '\n'),
      Buffer.from(wrongType + '\n' + missingId + '\n' + good('3005') + '\n' + good('3006').slice(0, 80)),
    ]);
    const file = write('damaged.jsonl', bad);
    const big = write(
      'big-line.jsonl',
      `${good('4001')}\n{"data":"${'x'.repeat(50 * 1024 * 1024)}"}\n${good('4002')}\n`,
    );
    const missing = path.join(tmp, 'no-such-file.jsonl');
    const summary = await runImport(db, [file, big, missing]);
    const posts = await db.query<{ id: string }>('SELECT platform_post_id AS id FROM posts ORDER BY 1');
    expect(posts.map((p) => p.id)).toEqual(['3001', '3002', '3005', '4001', '4002']);
    const issues = await db.query<{ code: string; file: string; line: number | null }>(
      `SELECT code, file, line FROM ingest_issues ORDER BY file, line, code`,
    );
    expect(issues).toEqual([
      { code: 'item-too-large', file: big, line: 2 },
      { code: 'bom', file, line: 1 },
      { code: 'invalid-utf8', file, line: 2 },
      { code: 'bad-tweet', file, line: 3 },
      { code: 'missing-id', file, line: 4 },
      { code: 'truncated-line', file, line: 6 },
      { code: 'unreadable', file: missing, line: null },
    ]);
    expect(summary).toMatchObject({ accepted: 5, skipped: 5, issues: 7 });
    // Hashtags meet across case: stored as written and normalised.
    expect(await db.query('SELECT DISTINCT tag, tag_norm FROM post_hashtags')).toEqual([
      { tag: 'UnitedForUkraine', tag_norm: 'unitedforukraine' },
    ]);
    // The invalid bytes are kept in the raw payload of the post that carried them; its text has U+FFFD.
    const [stored] = await db.query<{ encoding: string; payload: Uint8Array; text: string }>(
      `SELECT r.encoding, r.payload, p.text FROM posts p JOIN raw_records r ON r.id = p.raw_record_id
       WHERE p.platform_post_id = '3002'`,
    );
    expect(
      decodeRaw(stored!.encoding, Buffer.from(stored!.payload)).includes(Buffer.from([0xff, 0xfe])),
    ).toBe(true);
    expect(stored!.text).toContain('\uFFFD');
  });
});
