import { Worker } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import type { RegistryChannel } from './model.js';
import { loadRegistry } from './world.js';

/** Opens the embedded database at `home`, brings its schema up to date and reads the registry. */
export async function readEmbeddedRegistry(home: string | null): Promise<RegistryChannel[]> {
  const db = await openDatabase({ kind: 'pglite', home });
  try {
    await migrate(db);
    return await loadRegistry(db);
  } finally {
    await db.close();
  }
}

/**
 * The registry of the embedded database at `home`, read in a worker thread so that the embedded database's
 * memory (a few hundred MB of WebAssembly) is released before a long simulation starts. Run from the
 * TypeScript sources (tests, tsx), where a worker would not have the TypeScript loader, it is read in-process.
 */
export function loadRegistryInWorker(home: string | null): Promise<RegistryChannel[]> {
  if (import.meta.url.endsWith('.ts')) return readEmbeddedRegistry(home);
  const worker = new Worker(new URL('./registry-worker.js', import.meta.url), { workerData: { home } });
  return new Promise((resolve, reject) => {
    let result: RegistryChannel[] | null = null;
    worker.once('message', (rows: RegistryChannel[]) => (result = rows));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`registry reader exited with code ${code}`)),
    );
  });
}
