import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread: creating a PGlite data directory runs initdb in its own WebAssembly instance,
// whose memory (~500 MB of resident memory) a process never gives back. In a worker it is freed on exit.
const INIT = `
const { workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.module);
(async () => {
  const db = await PGlite.create(workerData.dataDir);
  await db.close();
})().catch((error) => { throw error; });
`;

/** Creates the embedded database's data directory when it does not exist yet, in a worker thread. */
export async function initPgliteDataDir(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const module = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(INIT, { eval: true, workerData: { module, dataDir } });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb worker exited with code ${code}`)),
    );
  });
}
