import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { buildDemo } from '../../src/demo/demo.js';
import { silentProgress } from '../../src/ingest/progress.js';
import { importRegistry } from '../../src/registry/import.js';
import { fixedNow } from '../helpers/import.js';
import { dataDir } from './harness.js';

/**
 * A demo-like database: the bundled registry, then a small simulated world imported as the synthetic
 * "synthetic-demo" dataset exactly as `attache demo` does it (3,000 posts over 20 days).
 */
export async function demoDatabase(): Promise<Database> {
  const db = await openDatabase({ kind: 'pglite', home: null });
  await migrate(db);
  await importRegistry({ db, dataDir, now: fixedNow });
  const worldDir = path.join(mkdtempSync(path.join(tmpdir(), 'attache-e2e-world-')), 'world');
  await buildDemo(
    db,
    worldDir,
    { seed: 7, posts: 3000, days: 20 },
    { step: () => undefined, importProgress: silentProgress, now: fixedNow },
  );
  return db;
}
