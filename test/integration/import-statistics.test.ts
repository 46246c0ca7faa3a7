import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { statisticsKeeper } from '../../src/ingest/statistics.js';
import { backends } from '../helpers/backends.js';
import { runImport } from '../helpers/import.js';

// The import keeps the looked-up tables' planner statistics current (src/ingest/statistics.ts): ANALYZE at the
// first threshold and each time the run's posts have doubled.

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../fixtures');

/** The planner's row count of posts (-1 until the table is first analyzed) and the real one. */
const postStats = async (db: Database) =>
  (
    await db.query<{ planned: number; real: number }>(
      `SELECT (SELECT reltuples::int FROM pg_class WHERE oid = 'posts'::regclass) AS planned,
         (SELECT count(*)::int FROM posts) AS real`,
    )
  )[0]!;

describe.each(backends())('planner statistics during an import on $name', (backend) => {
  let db: Database;
  beforeEach(async () => {
    db = await backend.fresh();
  });
  afterEach(async () => {
    await db.close();
  });

  it('analyzes at the first threshold and again when the posts have doubled', async () => {
    await runImport(db, [path.join(fixtures, 'analytics/posts-a.csv')]);
    const keep = statisticsKeeper(db, 2);
    await keep(1); // under the threshold: nothing
    if (backend.name === 'pglite') expect((await postStats(db)).planned).toBe(-1); // no autovacuum in PGlite
    await keep(2);
    const first = await postStats(db);
    expect(first.real).toBeGreaterThan(0);
    expect(first.planned).toBe(first.real);

    await runImport(db, [path.join(fixtures, 'x-api-v2')]);
    await keep(3); // under 2 × 2
    const between = await postStats(db);
    expect(between.real).toBeGreaterThan(first.real);
    if (backend.name === 'pglite') expect(between.planned).toBe(first.real);
    await keep(4);
    const second = await postStats(db);
    expect(second.planned).toBe(second.real);
  });
});
