import type { Command } from 'commander';
import { UserError } from '../domain/errors.js';
import { listRuns, showRun } from '../ingest/run-queries.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

export function registerRunsCommands(program: Command, ctx: CliContext): void {
  const runs = program.command('runs').description('import and registry runs, with the issues each met');
  runs
    .command('list')
    .description('the latest runs')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const list = await withDatabase(ctx, (db) => listRuns(db, Math.max(1, Number(opts.limit) || 50)));
      if (opts.json) return ctx.out(json(list));
      if (!list.length) return ctx.out('no runs yet (try: attache registry import)');
      ctx.out(
        table([
          ['run', 'kind', 'source', 'status', 'started', 'accepted', 'duplicates', 'skipped', 'issues'],
          ...list.map((r) => [
            String(r.id),
            r.kind,
            r.source,
            r.status,
            r.startedAt.toISOString(),
            num(r.accepted),
            num(r.duplicates),
            num(r.skipped),
            num(r.issues),
          ]),
        ]),
      );
    });
  runs
    .command('show')
    .description('one run: its counts and its issues with file and line')
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      if (!/^\d+$/.test(id)) throw new UserError(`run id "${id}" is not a number`, 'usage');
      const detail = await withDatabase(ctx, (db) => showRun(db, Number(id)));
      if (opts.json) return ctx.out(json(detail));
      const r = detail.run;
      ctx.out(
        `run ${r.id}: ${r.kind} ${r.source} — ${r.status}, accepted ${num(r.accepted)}, duplicates ${num(r.duplicates)}, skipped ${num(r.skipped)}, ${num(r.issues)} issues`,
      );
      for (const i of detail.issues) {
        ctx.out(
          `  ${i.severity.padEnd(7)} ${i.code.padEnd(20)} ${i.file ?? ''}${i.line === null ? '' : `:${i.line}`}  ${i.message}`,
        );
      }
    });
}
