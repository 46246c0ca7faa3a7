import { stat } from 'node:fs/promises';
import type { Connector, Position, ReadItem } from '../connectors/connector.js';
import type { Database } from '../db/database.js';
import { UserError } from '../domain/errors.js';
import { addCounts, zeroCounts, type Batch, type BatchCounts, type PendingIssue } from './batch.js';
import { ChannelResolver } from './channels.js';
import { detectConnector, expandPaths, fileIssue } from './files.js';
import { inThreadPreparer, workerPreparer } from './prepare-pool.js';
import type { PreparedItem } from './prepare.js';
import type { Progress } from './progress.js';
import { profiled, type Profile } from './profile.js';
import { finishPendingRollups } from './rollup-fold.js';
import { statisticsKeeper } from './statistics.js';
import { writeBatch } from './writer.js';

export interface ImportOptions {
  paths: readonly string[];
  /** A connector id, or 'auto' to detect each file's format from its content. */
  format: string;
  dataset: string | null;
  connectors: readonly Connector[];
  version: string;
  now: () => Date;
  progress: Progress;
  detectLang: (text: string) => string | null;
  /** Flush a batch at this many posts (or 4× as many items, or 32 MB of payload). */
  batchPosts?: number;
  maxItemBytes?: number;
  rawCompression?: 'gzip' | 'none';
  /** When given, filled with the milliseconds spent per statement kind and per phase (benchmarks). */
  profile?: Profile;
  /**
   * Parse, map and compress in a worker thread while this thread writes. Worth it with PGlite, whose engine
   * runs in this thread (200,000 posts: 35 s instead of 49 s); not with a server, where parsing here already
   * overlaps the server's work and handing results across threads costs more than it saves (34 s instead of
   * 21 s). The worker knows the connectors of connectors/index.ts and detects languages with detectLanguage:
   * `detectLang` is not used.
   */
  parseInWorker?: boolean;
  /**
   * Maintain channel_daily (default). `false` only for bench/rollup-share.ts, which measures what the rollup
   * adds to an import's time; the analyses then see none of these posts.
   */
  rollup?: boolean;
}

/** Items per chunk handed to the preparer, and chunks prepared ahead of the batch being filled. */
const CHUNK_ITEMS = 64;
const CHUNK_BYTES = 1 << 20;
const CHUNKS_AHEAD = 6;

export interface FormatSummary {
  files: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  issues: number;
  metrics: number;
  snapshots: number;
}

export interface ImportSummary extends FormatSummary {
  run: number;
  resumed: boolean;
  byFormat: Record<string, FormatSummary>;
}

/** What a committed batch leaves behind so that a re-run of the same command continues after it. */
interface Checkpoint {
  done: string[];
  file: string | null;
  last: Position | null;
  byFormat: Record<string, BatchCounts & { files: number; issues: number }>;
}

/**
 * Imports files through their connectors into the canonical store, one transaction per batch with the run's
 * checkpoint. Running the same command after an interruption resumes the unfinished run where its last
 * committed batch ended, so the final counts equal those of an uninterrupted import.
 */
export async function importFiles(db: Database, opts: ImportOptions): Promise<ImportSummary> {
  const fixed = opts.format === 'auto' ? null : opts.connectors.find((c) => c.id === opts.format);
  if (opts.format !== 'auto' && !fixed) {
    throw new UserError(
      `unknown format "${opts.format}" (one of: auto, ${opts.connectors.map((c) => c.id).join(', ')})`,
      'usage',
    );
  }
  const { files, issues: pathIssues } = await expandPaths(opts.paths);
  if (!files.length) {
    throw new UserError(
      `nothing to import: ${pathIssues[0]?.file ?? opts.paths.join(', ')}: ${pathIssues[0]?.message ?? 'no files'}`,
      'input',
    );
  }
  const args = { paths: opts.paths.map(String).sort(), format: opts.format, dataset: opts.dataset };
  const datasetId = opts.dataset ? await ensureDataset(db, opts.dataset) : null;
  const { runId, checkpoint, resumed } = await openRun(db, args, datasetId, opts);
  const cp = checkpoint;
  const done = new Set(cp.done);
  const resolver = new ChannelResolver();
  const keepStatistics = statisticsKeeper(db);
  const batchPosts = opts.batchPosts ?? 5_000;
  const maxItemBytes = opts.maxItemBytes ?? 16 * 1024 * 1024;
  const fresh = !cp.done.length && !cp.last;
  let batch: Batch = { items: [], issues: fresh ? [...pathIssues] : [] };
  let batchPostCount = 0;
  let batchBytes = 0;
  const readDone: string[] = []; // files read to the end, done once their last batch commits
  let writing: Promise<void> = Promise.resolve();
  let position: { file: string | null; last: Position | null } = { file: cp.file, last: cp.last };
  const formatOf = (id: string) => (cp.byFormat[id] ??= { ...zeroCounts(), files: 0, issues: 0 });

  const flush = async (): Promise<void> => {
    const b = batch;
    const finished = readDone.splice(0);
    const pos = { ...position };
    batch = { items: [], issues: [] };
    batchPostCount = 0;
    batchBytes = 0;
    await writing; // one batch in flight: the next is parsed while this one is written
    writing = (async () => {
      const now = opts.now();
      const t0 = performance.now();
      await db
        .transaction(async (conn) => {
          const tx = opts.profile ? profiled(conn, opts.profile) : conn;
          const counts = await writeBatch(tx, b, {
            runId,
            datasetId,
            collectorVersion: opts.version,
            now,
            resolver,
            rawCompression: opts.rawCompression ?? 'gzip',
            deferCopies: db.kind === 'postgres',
            rollup: opts.rollup ?? true,
          });
          for (const [id, c] of counts) addCounts(formatOf(id), c);
          for (const i of b.issues) formatOf(i.connector ?? 'unrecognised').issues++;
          for (const f of finished) done.add(f);
          const next: Checkpoint = { done: [...done], file: pos.file, last: pos.last, byFormat: cp.byFormat };
          const total = totals(cp.byFormat);
          await tx.query(
            `UPDATE ingest_runs SET accepted = $2, duplicates = $3, skipped = $4, warned = $5, checkpoint = $6 WHERE id = $1`,
            [runId, total.accepted, total.duplicates, total.skipped, total.warned, JSON.stringify(next)],
          );
        })
        .then(
          () => resolver.commit(),
          (error: unknown) => {
            resolver.rollback();
            throw error;
          },
        );
      if (opts.profile)
        opts.profile['write batch (total)'] =
          (opts.profile['write batch (total)'] ?? 0) + performance.now() - t0;
      const t1 = performance.now();
      await keepStatistics(totals(cp.byFormat).accepted);
      if (opts.profile) opts.profile['analyze'] = (opts.profile['analyze'] ?? 0) + performance.now() - t1;
      opts.progress.committed(totals(cp.byFormat).accepted);
    })();
    writing.catch(() => undefined); // handled: the next flush or the end of the import awaits it and throws
  };

  const pending = files.filter((f) => !done.has(f));
  opts.progress.start({ files: pending.length, bytes: await totalBytes(pending) });
  const preparer = opts.parseInWorker
    ? workerPreparer(
        { detectLanguage: true, rawCompression: opts.rawCompression ?? 'gzip' },
        opts.profile
          ? (ms) =>
              (opts.profile!['parse and map (worker thread)'] =
                (opts.profile!['parse and map (worker thread)'] ?? 0) + ms)
          : undefined,
      )
    : inThreadPreparer(opts.detectLang);
  // In this thread, a chunk is taken at once (nothing to overlap); a worker gets a few chunks ahead.
  const ahead = opts.parseInWorker ? CHUNKS_AHEAD : 0;
  try {
    for (const file of pending) {
      const detected = fixed ?? (await detectConnector(file, opts.connectors));
      if (!detected || 'unreadable' in detected) {
        batch.issues.push(
          detected
            ? fileIssue(file, 'unreadable', detected.unreadable)
            : {
                ...fileIssue(
                  file,
                  'unknown-format',
                  'file skipped: no connector recognises it (use --format to choose one)',
                ),
                severity: 'warning',
              },
        );
        readDone.push(file);
        continue;
      }
      const connector = detected;
      const from = position.file === file ? position.last : null;
      if (!from) formatOf(connector.id).files++;
      const observedAt = await fileTime(file, opts.now());
      // Read items go to the preparer in chunks; their results, and read issues, are taken in reading order.
      const queue: (PendingIssue | { items: ReadItem[]; prepared: Promise<PreparedItem[]> })[] = [];
      let chunk: ReadItem[] = [];
      let chunkBytes = 0;
      const send = () => {
        if (!chunk.length) return;
        const t1 = performance.now();
        queue.push({ items: chunk, prepared: preparer.prepare(connector, file, observedAt, chunk) });
        if (opts.profile && !opts.parseInWorker)
          opts.profile['parse and map'] = (opts.profile['parse and map'] ?? 0) + performance.now() - t1;
        chunk = [];
        chunkBytes = 0;
      };
      const take = async (keep: number) => {
        while (queue.length > keep) {
          const entry = queue.shift()!;
          if (!('items' in entry)) {
            batch.issues.push(entry);
            continue;
          }
          const prepared = await entry.prepared;
          for (let i = 0; i < prepared.length; i++) {
            const { item, issues } = prepared[i]!;
            const ev = entry.items[i]!;
            batch.items.push(item);
            batch.issues.push(...issues);
            batchPostCount += item.posts.length;
            batchBytes += ev.bytes.length;
            opts.progress.posts(item.posts.length);
            position = { file, last: { line: ev.line, byteOffset: ev.byteOffset } };
            if (
              batchPostCount >= batchPosts ||
              batch.items.length >= batchPosts * 4 ||
              batchBytes >= 32 << 20 ||
              batch.issues.length >= batchPosts
            ) {
              await flush();
            }
          }
        }
      };
      for await (const ev of connector.read(file, { from, maxItemBytes })) {
        if (from && ev.byteOffset !== null && from.byteOffset !== null && ev.byteOffset <= from.byteOffset)
          continue;
        opts.progress.advance(file, ev.byteOffset ?? 0);
        if (ev.kind === 'issue') {
          send();
          queue.push({
            connector: connector.id,
            file,
            line: ev.line,
            byteOffset: ev.byteOffset,
            severity: ev.severity,
            code: ev.code,
            message: ev.message,
            recordKey: null,
          });
        } else {
          chunk.push(ev);
          chunkBytes += ev.bytes.length;
          if (chunk.length >= CHUNK_ITEMS || chunkBytes >= CHUNK_BYTES) send();
        }
        await take(ahead);
      }
      send();
      await take(0);
      readDone.push(file);
      position = { file: null, last: null };
    }
    await flush();
    await writing;
    // The batches' rollup differences into channel_daily, before the run is marked completed.
    if (opts.rollup ?? true) {
      const t2 = performance.now();
      await finishPendingRollups(db);
      if (opts.profile) opts.profile['fold rollups'] = performance.now() - t2;
    }
  } catch (error) {
    await writing.catch(() => undefined);
    await db.query(`UPDATE ingest_runs SET status = 'failed', finished_at = $2 WHERE id = $1`, [
      runId,
      opts.now(),
    ]);
    throw error;
  } finally {
    opts.progress.stop();
    await preparer.close();
  }
  const total = totals(cp.byFormat);
  await db.query(`UPDATE ingest_runs SET status = 'completed', finished_at = $2 WHERE id = $1`, [
    runId,
    opts.now(),
  ]);
  const byFormat = Object.fromEntries(
    Object.entries(cp.byFormat).map(([id, c]) => [
      id,
      {
        files: c.files,
        accepted: c.accepted,
        duplicates: c.duplicates,
        skipped: c.skipped,
        issues: c.issues,
        metrics: c.metrics,
        snapshots: c.snapshots,
      },
    ]),
  );
  const issues = Object.values(cp.byFormat).reduce((n, c) => n + c.issues, 0);
  const fileCount = Object.values(cp.byFormat).reduce((n, c) => n + c.files, 0);
  return {
    run: runId,
    resumed,
    accepted: total.accepted,
    duplicates: total.duplicates,
    skipped: total.skipped,
    issues,
    metrics: total.metrics,
    snapshots: total.snapshots,
    files: fileCount,
    byFormat,
  };
}

function totals(byFormat: Checkpoint['byFormat']): BatchCounts {
  const t = zeroCounts();
  for (const c of Object.values(byFormat)) addCounts(t, c);
  return t;
}

async function ensureDataset(db: Database, name: string): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO datasets (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}

async function openRun(
  db: Database,
  args: Record<string, unknown>,
  datasetId: number | null,
  opts: ImportOptions,
): Promise<{ runId: number; checkpoint: Checkpoint; resumed: boolean }> {
  const [open] = await db.query<{ id: number; checkpoint: Checkpoint | null }>(
    `SELECT id, checkpoint FROM ingest_runs WHERE kind = 'import' AND status IN ('running', 'failed') AND args = $1::jsonb
     ORDER BY id DESC LIMIT 1`,
    [JSON.stringify(args)],
  );
  if (open) {
    await db.query(`UPDATE ingest_runs SET status = 'running', finished_at = NULL WHERE id = $1`, [open.id]);
    const checkpoint = open.checkpoint ?? { done: [], file: null, last: null, byFormat: {} };
    return { runId: open.id, checkpoint, resumed: true };
  }
  const rows = await db.query<{ id: number }>(
    `INSERT INTO ingest_runs (kind, source, dataset_id, args, collector_version, status, started_at)
     VALUES ('import', 'import', $1, $2, $3, 'running', $4) RETURNING id`,
    [datasetId, JSON.stringify(args), opts.version, opts.now()],
  );
  return {
    runId: rows[0]!.id,
    checkpoint: { done: [], file: null, last: null, byFormat: {} },
    resumed: false,
  };
}

/** A file's modification time: the observation time of counters the file does not date itself. */
async function fileTime(file: string, fallback: Date): Promise<string> {
  try {
    return (await stat(file)).mtime.toISOString();
  } catch {
    return fallback.toISOString();
  }
}

async function totalBytes(files: readonly string[]): Promise<number> {
  let n = 0;
  for (const f of files)
    n += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  return n;
}
