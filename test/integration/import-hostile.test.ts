import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';
import { documentCases } from './import-hostile/document-cases.js';
import { feed, telegram, xArchive } from './import-hostile/document-formats.js';
import {
  byPosition,
  expectPosts,
  postsWithReplacement,
  resetStore,
  storedIssues,
  storedPosts,
  staging,
  type HostileCase,
} from './import-hostile/files.js';
import { lineCases } from './import-hostile/line-cases.js';
import { bluesky, csv, mastodon, xApiV1, xApiV2 } from './import-hostile/line-formats.js';

/*
 * Damaged input, per format (issue 3, "Damaged input"). Every damaged file is generated in a temporary folder
 * from the real good fixtures of test/fixtures/<connector>/, so each case shows exactly what was broken:
 * a BOM, invalid UTF-8 inside a record, a truncated end, a wrong type in a field, a record without its id,
 * an over-long item, an unreadable file (missing, cut-off .gz, corrupt .gz) and a .gz of a good file.
 * Each case checks the exact issue rows (connector, code, file, line and byte offset, record key), the exact
 * posts that survived with the position of their raw record, and the run's counts.
 *
 * JSON Lines and CSV (import-hostile/line-formats.ts) are damaged record by record, so records on both sides
 * of the damage must survive. Telegram's result.json, an X archive's tweets.js and a feed
 * (import-hostile/document-formats.ts) are one document per file: a truncation, an over-long or unreadable
 * file loses the whole document by the format's nature (a feed still recovers the entries before the break),
 * so those cases check the issue row and that the other file of the same import survives.
 */

// Nothing is written while the cases are collected: each format's files are written when its cases run.
const tmp = path.join(tmpdir(), `attache-hostile-${process.pid}-${Date.now()}`);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const formats = [
  ...[xApiV2, xApiV1, bluesky, mastodon, csv].map((f) => {
    const files = staging();
    return { id: f.id, files, cases: lineCases(f, path.join(tmp, f.id), files.stage) };
  }),
  ...[telegram, xArchive, feed].map((f) => {
    const files = staging();
    return { id: f.id, files, cases: documentCases(f, path.join(tmp, f.id), files.stage) };
  }),
];
const matrix = backends().flatMap((backend) =>
  formats.map((format) => ({ label: `${format.id} on ${backend.name}`, backend, format })),
);

describe.each(matrix)('damaged $label', ({ backend, format }) => {
  // One database per format: each case empties it first, so a post kept by an earlier case cannot hide a loss.
  let db: Database;
  beforeAll(async () => {
    format.files.writeAll();
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.close();
    rmSync(path.join(tmp, format.id), { recursive: true, force: true });
  });

  const check = async (c: HostileCase) => {
    await resetStore(db);
    const summary = await runImport(db, c.paths, {
      ...(c.maxItemBytes ? { maxItemBytes: c.maxItemBytes } : {}),
      ...(c.format ? { format: c.format } : {}),
    });
    expect(await storedIssues(db)).toEqual([...c.expected.issues].sort(byPosition));
    expectPosts(await storedPosts(db), c.expected.posts);
    if (c.expected.replaced) expect(await postsWithReplacement(db)).toEqual(c.expected.replaced);
    const errors = c.expected.issues.filter((i) => i.severity === 'error').length;
    const counts = { accepted: c.expected.posts.length, skipped: errors, issues: c.expected.issues.length };
    expect(summary).toMatchObject(counts);
    expect(await db.query('SELECT status, accepted, skipped, warned FROM ingest_runs')).toEqual([
      { status: 'completed', accepted: counts.accepted, skipped: errors, warned: counts.issues - errors },
    ]);
  };

  for (const c of format.cases) it(c.name, () => check(c));
});
