import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { refreshPostScores } from '../analytics/index.js';
import { connectors } from '../connectors/index.js';
import type { Database } from '../db/database.js';
import { detectLanguage } from '../domain/language.js';
import { importFiles, type ImportSummary } from '../ingest/import.js';
import type { Progress } from '../ingest/progress.js';
import { simulate, type SimulationSummary } from '../simulate/index.js';
import { VERSION } from '../version.js';

/** The dataset every simulated demo post belongs to; it is flagged synthetic and labelled wherever shown. */
export const DEMO_DATASET = 'synthetic-demo';

export interface DemoWorld {
  seed: number;
  posts: number;
  days: number;
}

/** The default demo world: about 200,000 posts over 90 days (issue 4). */
export const DEFAULT_DEMO: DemoWorld = { seed: 1, posts: 200_000, days: 90 };

export interface DemoState {
  /** The import run that completed the demo dataset, if any. */
  run: number | null;
  posts: number;
}

/** Whether the demo dataset has been imported to the end. */
export async function demoState(db: Database): Promise<DemoState> {
  const [row] = await db.query<{ run: number | null; posts: number }>(
    `SELECT (SELECT max(r.id) FROM ingest_runs r JOIN datasets d ON d.id = r.dataset_id
             WHERE d.name = $1 AND r.status = 'completed') AS run,
            (SELECT count(*) FROM posts p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1) AS posts`,
    [DEMO_DATASET],
  );
  return { run: row?.run ?? null, posts: row?.posts ?? 0 };
}

export interface DemoSteps {
  /** Called before and after each step with its name; `seconds` is set when it ended. */
  step: (name: string, seconds?: number) => void;
  simulateProgress?: (done: number, total: number) => void;
  importProgress: Progress;
  now: () => Date;
}

/** Brings the stored results of the analyses up to date (star-post scores; rankings read rollups on demand). */
export async function runAnalyses(db: Database): Promise<void> {
  await refreshPostScores(db);
}

/**
 * Simulates the demo world into `worldDir` (unless a complete world is already there) and imports it as the
 * synthetic `synthetic-demo` dataset. An interrupted demo resumes: a complete world is kept (its marker file
 * is written last), and the import of the same folder resumes its run.
 */
export async function buildDemo(
  db: Database,
  worldDir: string,
  world: DemoWorld,
  steps: DemoSteps,
): Promise<{ simulation: SimulationSummary | null; import: ImportSummary }> {
  const marker = path.join(worldDir, '.complete.json');
  let simulation: SimulationSummary | null = null;
  if (!existsSync(marker)) {
    steps.step('simulate');
    const t0 = performance.now();
    await rm(worldDir, { recursive: true, force: true });
    await mkdir(worldDir, { recursive: true });
    simulation = await simulate({
      db,
      seed: world.seed,
      posts: world.posts,
      days: world.days,
      out: worldDir,
      onProgress: (p) => steps.simulateProgress?.(p.posts, world.posts),
    });
    await writeFile(marker, JSON.stringify({ ...world, version: VERSION }) + '\n');
    steps.step('simulate', (performance.now() - t0) / 1000);
  }
  steps.step('import');
  const t1 = performance.now();
  const summary = await importFiles(db, {
    paths: [path.join(worldDir, 'data')],
    format: 'auto',
    dataset: DEMO_DATASET,
    connectors,
    version: VERSION,
    now: steps.now,
    progress: steps.importProgress,
    detectLang: (text) => detectLanguage(text),
  });
  await db.query(`UPDATE datasets SET synthetic = true, description = $2 WHERE name = $1`, [
    DEMO_DATASET,
    `synthetic demo data: simulated activity over the real registry (seed ${world.seed}, ${world.posts} posts, ${world.days} days)`,
  ]);
  steps.step('import', (performance.now() - t1) / 1000);
  steps.step('analyses');
  const t2 = performance.now();
  await runAnalyses(db);
  steps.step('analyses', (performance.now() - t2) / 1000);
  return { simulation, import: summary };
}
