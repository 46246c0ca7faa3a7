import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../db/database.js';
import { acquireHomeLock } from '../db/home-lock.js';
import { buildDemo, DEFAULT_DEMO, DEMO_DATASET, demoState, type DemoWorld } from '../demo/demo.js';
import { UserError } from '../domain/errors.js';
import { createProgress } from '../ingest/progress.js';
import type { ImportSummary } from '../ingest/import.js';
import { importRegistry } from '../registry/import.js';
import { withDatabase, type CliContext } from './context.js';
import { describeImport } from './registry-commands.js';
import { json, num } from './format.js';

export interface DemoOutcome {
  dataset: string;
  /** false when a complete demo dataset was already there and nothing was done. */
  built: boolean;
  posts: number;
  run: number | null;
  import: ImportSummary | null;
  seconds: Record<string, number>;
}

/** Where the simulated demo world is written: beside the embedded database, in the Attaché home folder. */
export const demoWorldDir = (ctx: CliContext) => path.join(ctx.config.home, 'demo-world');

/** Builds the demo dataset unless it is complete already (then returns at once). Steps and timings on stderr. */
export async function ensureDemo(
  ctx: CliContext,
  db: Database,
  world: DemoWorld = DEFAULT_DEMO,
): Promise<DemoOutcome> {
  const state = await demoState(db);
  if (state.run !== null)
    return {
      dataset: DEMO_DATASET,
      built: false,
      posts: state.posts,
      run: state.run,
      import: null,
      seconds: {},
    };
  const seconds: Record<string, number> = {};
  ctx.err(
    `  demo world: ${num(world.posts)} synthetic posts over ${world.days} days (seed ${world.seed}) in ${demoWorldDir(ctx)}`,
  );
  const progress = createProgress({ interactive: ctx.config.interactive, write: ctx.err, intervalMs: 5000 });
  let lastSimLine = 0;
  const result = await buildDemo(db, demoWorldDir(ctx), world, {
    now: ctx.now,
    importProgress: progress,
    simulateProgress: (done, total) => {
      const t = Date.now();
      if (t - lastSimLine < 5000 && done < total) return;
      lastSimLine = t;
      ctx.err(`  simulate: ${num(done)} of ${num(total)} posts`);
    },
    step: (name, s) => {
      if (s === undefined) return;
      seconds[name] = Math.round(s * 10) / 10;
      ctx.err(`  demo ${name} done (${s.toFixed(1)} s)`);
    },
  });
  const after = await demoState(db);
  return {
    dataset: DEMO_DATASET,
    built: true,
    posts: after.posts,
    run: after.run,
    import: result.import,
    seconds,
  };
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UserError(`${flag} "${value}" must be a positive whole number`, 'usage');
  return n;
}

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(`build the synthetic demo dataset ("${DEMO_DATASET}") if it is not there yet`)
    .option('--reset', 'start over: delete the embedded database and the demo world, then build them again')
    .option('--posts <n>', 'posts to simulate', String(DEFAULT_DEMO.posts))
    .option('--days <n>', 'days to simulate', String(DEFAULT_DEMO.days))
    .option('--seed <s>', 'simulation seed', String(DEFAULT_DEMO.seed))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
The demo is simulated activity over the real registry, imported through the real importers and labelled
"${DEMO_DATASET}" (synthetic) everywhere it appears. \`npm start\` builds it on first run.`,
    )
    .action(async (opts: { reset?: boolean; posts: string; days: string; seed: string; json?: boolean }) => {
      const world: DemoWorld = {
        posts: positiveInt(opts.posts, '--posts'),
        days: positiveInt(opts.days, '--days'),
        seed: positiveInt(opts.seed, '--seed'),
      };
      if (opts.reset) {
        if (ctx.config.databaseUrl)
          throw new UserError(
            'demo --reset deletes the embedded database; with DATABASE_URL set, drop and recreate that database yourself',
            'usage',
          );
        await mkdir(ctx.config.home, { recursive: true });
        const lock = acquireHomeLock(ctx.config.home); // not while another process has the database open
        try {
          await rm(path.join(ctx.config.home, 'pgdata'), { recursive: true, force: true });
          await rm(demoWorldDir(ctx), { recursive: true, force: true });
        } finally {
          lock.release();
        }
        ctx.err(`  removed the embedded database and the demo world in ${ctx.config.home}`);
      }
      const outcome = await withDatabase(ctx, async (db) => {
        // The world is simulated over the registry: bring it in first (a no-op when it is up to date).
        for (const r of await importRegistry({ db, dataDir: ctx.config.dataDir, now: ctx.now }))
          ctx.err(`  ${describeImport(r)}`);
        return ensureDemo(ctx, db, world);
      });
      if (opts.json) return ctx.out(json(outcome));
      ctx.out(
        outcome.built
          ? `demo dataset "${DEMO_DATASET}": ${num(outcome.posts)} posts imported (run ${outcome.run})`
          : `demo dataset "${DEMO_DATASET}" is already there: ${num(outcome.posts)} posts (run ${outcome.run}); --reset to start over`,
      );
    });
}
