import type { Command } from 'commander';
import { migrate, migrationStatus } from '../db/migrate.js';
import { withDatabase, type CliContext } from './context.js';
import { json, table } from './format.js';

export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('the database: schema migrations and status');
  db.command('migrate')
    .description('apply pending schema migrations (every command also does this on start)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const applied = await withDatabase(ctx, (d) => migrate(d), { migrate: false });
      if (opts.json) ctx.out(json({ applied }));
      else ctx.out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    });
  db.command('status')
    .description('which database is used and which migrations are applied')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { kind, location, list } = await withDatabase(
        ctx,
        async (d) => ({ kind: d.kind, location: d.location, list: await migrationStatus(d) }),
        { migrate: false },
      );
      const pending = list.filter((m) => !m.applied).length;
      if (opts.json) ctx.out(json({ backend: kind, location, pending, migrations: list }));
      else {
        ctx.out(`backend: ${kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'} at ${location}`);
        ctx.out(
          table(
            list.map((m) => [m.applied ? 'applied' : 'PENDING', m.name, m.appliedAt?.toISOString() ?? '']),
          ),
        );
        ctx.out(pending ? `${pending} pending: run "attache db migrate"` : 'schema is up to date');
      }
    });
}
