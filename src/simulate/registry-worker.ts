import { parentPort, workerData } from 'node:worker_threads';
import { readEmbeddedRegistry } from './registry-reader.js';

// The worker of `loadRegistryInWorker`: its embedded database's WebAssembly memory ends with the thread.
const { home } = workerData as { home: string | null };
parentPort!.postMessage(await readEmbeddedRegistry(home));
