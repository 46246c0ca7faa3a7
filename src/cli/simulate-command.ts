import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { UserError } from '../domain/errors.js';
import { DEFAULT_START, loadRegistry, simulate, type SimulationProgress } from '../simulate/index.js';
import { loadRegistryInWorker } from '../simulate/registry-reader.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

interface SimulateFlags {
  seed: string;
  posts: string;
  days: string;
  out: string;
  start: string;
  force?: boolean;
  json?: boolean;
}

function whole(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UserError(`${flag} "${value}" must be a whole number`, 'usage');
  return n;
}

/** A bar on a terminal; otherwise a plain line every ten simulated days (CI logs). */
function progressReporter(ctx: CliContext): { update: (p: SimulationProgress) => void; stop: () => void } {
  if (ctx.config.interactive) {
    const bar = new cliProgress.SingleBar(
      { format: 'simulate [{bar}] day {value}/{total} | {posts} posts', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.days, 0, { posts: '0' });
        started = true;
        bar.update(p.day, { posts: num(p.posts) });
      },
      stop: () => started && bar.stop(),
    };
  }
  return {
    update: (p) => {
      if (p.day % 10 === 0 || p.day === p.days)
        ctx.err(`simulate: day ${p.day}/${p.days}, ${num(p.posts)} posts`);
    },
    stop: () => undefined,
  };
}

export function registerSimulateCommand(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description(
      'write a synthetic world over the registry in native formats, with truth.json (synthetic demo data)',
    )
    .requiredOption(
      '--out <dir>',
      'output folder (must be empty, or hold an earlier simulation with --force)',
    )
    .option('--seed <seed>', 'random seed (same seed, same output)', '1')
    .option('--posts <n>', 'number of posts (exact)', '200000')
    .option('--days <n>', 'days simulated', '90')
    .option('--start <date>', 'first day (YYYY-MM-DD, UTC)', DEFAULT_START)
    .option('--force', 'replace an earlier simulation in --out')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Import the result with: attache import OUT/data   (truth.json and avatars/ lie beside it, not in it)
See docs/simulate.md for what is generated and planted.`,
    )
    .action(async (opts: SimulateFlags) => {
      const posts = whole(opts.posts, '--posts');
      const days = whole(opts.days, '--days');
      const progress = progressReporter(ctx);
      const t0 = performance.now();
      // The registry is read before simulating; the embedded database is opened in a worker thread so that its
      // memory is released before the simulation starts (peak RSS at 1M posts: ~600 MB otherwise, ~370 MB so).
      const registry = ctx.config.databaseUrl
        ? await withDatabase(ctx, (db) => loadRegistry(db))
        : await loadRegistryInWorker(ctx.config.home);
      const summary = await simulate({
        registry,
        seed: opts.seed,
        posts,
        days,
        out: opts.out,
        start: opts.start,
        force: opts.force ?? false,
        onProgress: progress.update,
      }).finally(() => progress.stop());
      if (opts.json) return ctx.out(json(summary));
      ctx.out(
        `simulated ${num(summary.posts)} posts over ${summary.days} days from ${summary.start.slice(0, 10)} (seed ${summary.seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${num(summary.files)} files, ${(summary.bytes / 1048576).toFixed(1)} MB`,
      );
      ctx.out(
        table([['platform', 'posts'], ...Object.entries(summary.byPlatform).map(([k, v]) => [k, num(v)])]),
      );
      ctx.out(
        `planted: ${Object.entries(summary.planted)
          .map(([k, v]) => `${k} ${num(v)}`)
          .join(', ')}`,
      );
      ctx.out(`import with: attache import ${summary.dataDir}`);
      ctx.out(`ground truth: ${summary.truthFile}`);
    });
}
