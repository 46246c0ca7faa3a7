import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { detectLanguage } from '../../src/domain/language.js';
import { decodeRaw } from '../../src/ingest/raw.js';
import { backends } from '../helpers/backends.js';
import { rollupRows, runImport, tableCounts } from '../helpers/import.js';

// Parsing and mapping in a worker thread (the CLI on PGlite) stores exactly what the same import in this thread does.

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../fixtures');
const paths = ['x-api-v2', 'bluesky', 'mastodon', 'telegram', 'feed', 'analytics/posts-a.csv'].map((p) =>
  path.join(fixtures, p),
);

const posts = (db: Database) =>
  db.query(
    `SELECT platform, platform_post_id, kind, text, lang, lang_source, published_at, has_media FROM posts
     ORDER BY platform, platform_post_id`,
  );
const raws = async (db: Database) =>
  (
    await db.query<{ file: string; line: number; encoding: string; payload: Buffer }>(
      'SELECT file, line, encoding, payload FROM raw_records ORDER BY file, line',
    )
  ).map((r) => ({ file: r.file, line: r.line, bytes: decodeRaw(r.encoding, r.payload).toString('base64') }));
const issues = (db: Database) =>
  db.query('SELECT file, line, byte_offset, code, severity FROM ingest_issues ORDER BY file, line, code');

describe.each(backends())('import with a worker thread on $name', (backend) => {
  let inThread: Database;
  let worker: Database;
  beforeEach(async () => {
    [inThread, worker] = await Promise.all([backend.fresh(), backend.fresh()]);
  });
  afterEach(async () => {
    await Promise.all([inThread.close(), worker.close()]);
  });

  it('stores the same posts, payloads, issues and rollup as an import in this thread', async () => {
    const a = await runImport(inThread, paths, { detectLang: detectLanguage, batchPosts: 7 });
    const b = await runImport(worker, paths, { parseInWorker: true, batchPosts: 7 });
    expect(b).toEqual(a);
    expect(a.accepted).toBeGreaterThan(100);
    expect(await tableCounts(worker)).toEqual(await tableCounts(inThread));
    expect(await posts(worker)).toEqual(await posts(inThread));
    expect(await raws(worker)).toEqual(await raws(inThread));
    expect(await issues(worker)).toEqual(await issues(inThread));
    expect(await rollupRows(worker)).toEqual(await rollupRows(inThread));
  });
});
