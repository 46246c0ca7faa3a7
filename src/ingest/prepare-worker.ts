// Worker thread of the import (prepare-pool.ts): parses and maps read items and compresses their raw payloads,
// so that the main thread only writes (and, with PGlite, runs the database engine) meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { connectors } from '../connectors/index.js';
import { detectLanguage } from '../domain/language.js';
import { prepareItem } from './prepare.js';
import { encodeRaw } from './raw.js';
import type { PrepareJob, PrepareReply, WorkerSettings } from './prepare-pool.js';

const settings = workerData as WorkerSettings;
const byId = new Map(connectors.map((c) => [c.id, c]));
const detect = settings.detectLanguage ? (text: string) => detectLanguage(text) : () => null;

parentPort!.on('message', (job: PrepareJob) => {
  const t0 = performance.now();
  try {
    const connector = byId.get(job.connector);
    if (!connector) throw new Error(`unknown connector ${job.connector}`);
    const transfer: ArrayBuffer[] = [];
    const prepared = job.items.map((it) => {
      const bytes = Buffer.from(it.bytes.buffer, it.bytes.byteOffset, it.bytes.byteLength);
      const { item, issues } = prepareItem(
        connector,
        { ...it, kind: 'item', bytes },
        job.file,
        job.observedAt,
        detect,
      );
      const raw = encodeRaw(bytes, item.rawEncoding, settings.rawCompression);
      // An exact copy: a view's whole backing store would be cloned or detached with it.
      const payload = new Uint8Array(raw.payload);
      transfer.push(payload.buffer);
      const { bytes: _bytes, ...rest } = item;
      return { item: { ...rest, raw: { encoding: raw.encoding, payload } }, issues };
    });
    const reply: PrepareReply = { id: job.id, prepared, ms: performance.now() - t0 };
    parentPort!.postMessage(reply, transfer);
  } catch (error) {
    const reply: PrepareReply = {
      id: job.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ms: 0,
    };
    parentPort!.postMessage(reply);
  }
});
