import type { Command } from 'commander';
import { connectors } from '../connectors/index.js';
import { UserError } from '../domain/errors.js';
import { detectLanguage } from '../domain/language.js';
import { importFiles } from '../ingest/import.js';
import { profileInSeconds, type Profile } from '../ingest/profile.js';
import { createProgress } from '../ingest/progress.js';
import { VERSION } from '../version.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

interface ImportFlags {
  format: string;
  dataset?: string;
  json?: boolean;
  batchSize: string;
  maxItemMb: string;
  progressEvery: string;
  profile?: boolean;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UserError(`${flag} "${value}" must be a positive number`, 'usage');
  return n;
}

export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import posts and account observations from export files (folders are walked, .gz is read)')
    .argument('<paths...>', 'files or folders')
    .option('--format <id>', `file format: auto, ${connectors.map((c) => c.id).join(', ')}`, 'auto')
    .option('--dataset <name>', 'label the imported posts with a dataset name')
    .option('--json', 'print the summary as JSON')
    .option('--batch-size <posts>', 'posts per transaction (a killed import loses at most one batch)', '5000')
    .option('--max-item-mb <mb>', 'larger lines or documents are reported and skipped', '16')
    .option('--progress-every <seconds>', 'seconds between progress lines when not on a terminal', '5')
    .option('--profile', 'also report the seconds spent per phase and per database statement kind')
    .addHelpText(
      'after',
      `
Formats:
${connectors.map((c) => `  ${c.id.padEnd(10)} ${c.title}`).join('\n')}

Importing the same files again adds no post; newer metric and profile observations are appended.
An interrupted import resumes where it stopped when the same command is run again.
Bad records become issues (see: attache runs show RUN) and the records around them are kept.`,
    )
    .action(async (paths: string[], opts: ImportFlags) => {
      const batchPosts = positive(opts.batchSize, '--batch-size');
      const maxItemMb = positive(opts.maxItemMb, '--max-item-mb');
      const every = Number(opts.progressEvery);
      if (!(every >= 0))
        throw new UserError(`--progress-every "${opts.progressEvery}" is not a number of seconds`, 'usage');
      const profile: Profile | undefined = opts.profile ? {} : undefined;
      const summary = await withDatabase(ctx, (db) =>
        importFiles(db, {
          paths,
          format: opts.format,
          dataset: opts.dataset ?? null,
          connectors,
          version: VERSION,
          now: ctx.now,
          detectLang: (text) => detectLanguage(text),
          parseInWorker: db.kind === 'pglite', // see ImportOptions.parseInWorker
          batchPosts,
          maxItemBytes: maxItemMb * 1024 * 1024,
          profile,
          progress: createProgress({
            interactive: ctx.config.interactive,
            write: ctx.err,
            intervalMs: every * 1000,
          }),
        }),
      );
      const profileSeconds = profile && profileInSeconds(profile);
      if (opts.json) return ctx.out(json(profileSeconds ? { ...summary, profileSeconds } : summary));
      ctx.out(
        `run ${summary.run}${summary.resumed ? ' (resumed)' : ''}: ${num(summary.accepted)} new posts, ${num(summary.duplicates)} duplicates, ${num(summary.skipped)} skipped, ${num(summary.issues)} issues, ${num(summary.metrics)} metric observations, ${num(summary.snapshots)} account snapshots from ${num(summary.files)} files`,
      );
      const formats = Object.entries(summary.byFormat);
      if (formats.length)
        ctx.out(
          table([
            ['format', 'files', 'new posts', 'duplicates', 'skipped', 'issues'],
            ...formats.map(([id, f]) => [
              id,
              num(f.files),
              num(f.accepted),
              num(f.duplicates),
              num(f.skipped),
              num(f.issues),
            ]),
          ]),
        );
      if (summary.issues) ctx.out(`issues: attache runs show ${summary.run}`);
      if (profileSeconds)
        ctx.out(
          table([
            ['phase or statement', 'seconds'],
            ...Object.entries(profileSeconds).map(([k, v]) => [k, v.toFixed(2)]),
          ]),
        );
    });
}
