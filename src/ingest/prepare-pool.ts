import { Worker } from 'node:worker_threads';
import type { Connector, ReadItem } from '../connectors/connector.js';
import type { PendingItem } from './batch.js';
import { prepareItem, type PreparedItem } from './prepare.js';

/** Parses and maps read items, in this thread or in a worker thread; results come back in the order sent. */
export interface Preparer {
  prepare(connector: Connector, file: string, observedAt: string, items: ReadItem[]): Promise<PreparedItem[]>;
  close(): Promise<void>;
}

export interface WorkerSettings {
  /** Detect a post's language with detectLanguage when the platform gives none (else leave it unknown). */
  detectLanguage: boolean;
  rawCompression: 'gzip' | 'none';
}

export interface PrepareJob {
  id: number;
  connector: string;
  file: string;
  observedAt: string;
  items: (Omit<ReadItem, 'kind' | 'bytes'> & { bytes: Uint8Array })[];
}

type WorkerItem = Omit<PendingItem, 'bytes' | 'raw'> & { raw: { encoding: string; payload: Uint8Array } };
export interface PrepareReply {
  id: number;
  prepared?: { item: WorkerItem; issues: PreparedItem['issues'] }[];
  error?: string;
  /** Milliseconds the worker spent on the job. */
  ms: number;
}

export function inThreadPreparer(detectLang: (text: string) => string | null): Preparer {
  return {
    prepare: (connector, file, observedAt, items) =>
      Promise.resolve(items.map((it) => prepareItem(connector, it, file, observedAt, detectLang))),
    close: () => Promise.resolve(),
  };
}

/**
 * One worker thread that parses, maps and compresses; the main thread keeps reading and writing. Only the
 * connectors of `connectors/index.ts` are known to it. `onWork` receives the worker's milliseconds per job.
 */
export function workerPreparer(settings: WorkerSettings, onWork?: (ms: number) => void): Preparer {
  // Compiled: the .js beside this file. From source (tests, tsx), the .ts, through tsx registered in the worker
  // (a worker does not inherit the --import loader on Node 20).
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(
          new URL('./prepare-worker.ts', import.meta.url).href,
        )}); });`,
        { eval: true, workerData: settings },
      )
    : new Worker(new URL('./prepare-worker.js', import.meta.url), { workerData: settings });
  worker.unref();
  const waiting = new Map<
    number,
    { resolve: (p: PreparedItem[]) => void; reject: (e: Error) => void; items: ReadItem[] }
  >();
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    if (waiting.size) failAll(new Error(`the import's worker thread exited (code ${code})`));
  });
  worker.on('message', (reply: PrepareReply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.error !== undefined || !reply.prepared) {
      w.reject(new Error(`the import's worker thread failed: ${reply.error ?? 'no result'}`));
      return;
    }
    onWork?.(reply.ms);
    w.resolve(
      reply.prepared.map(({ item, issues }, i) => ({
        item: {
          ...item,
          bytes: w.items[i]!.bytes,
          raw: {
            encoding: item.raw.encoding,
            payload: Buffer.from(
              item.raw.payload.buffer,
              item.raw.payload.byteOffset,
              item.raw.payload.byteLength,
            ),
          },
        },
        issues,
      })),
    );
  });
  let next = 0;
  return {
    prepare(connector, file, observedAt, items) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      const job: PrepareJob = {
        id,
        connector: connector.id,
        file,
        observedAt,
        items: items.map(({ kind: _kind, bytes, ...pos }) => ({ ...pos, bytes: new Uint8Array(bytes) })),
      };
      return new Promise<PreparedItem[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject, items });
        worker.postMessage(
          job,
          job.items.map((it) => it.bytes.buffer as ArrayBuffer),
        );
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
