import type { Command } from 'commander';
import { importRegistry } from '../registry/import.js';
import { registryStats } from '../registry/queries.js';
import { withDatabase, type CliContext } from './context.js';
import { describeImport, describeStats } from './registry-commands.js';

/** `npm start`: the main job on the configured database (embedded by default). */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('set up the database, import the bundled registry, and print what is there')
    .action(async () => {
      const t0 = performance.now();
      const step = (label: string, since: number) =>
        ctx.err(`  ${label} (${((performance.now() - since) / 1000).toFixed(1)} s)`);
      await withDatabase(ctx, async (db) => {
        ctx.err(
          `Attaché — database: ${db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'} at ${db.location}`,
        );
        step('schema up to date', t0);
        const t1 = performance.now();
        const results = await importRegistry({ db, dataDir: ctx.config.dataDir, now: ctx.now });
        for (const r of results) ctx.err(`  ${describeImport(r)}`);
        step('registry imported', t1);
        ctx.out('');
        ctx.out(describeStats(await registryStats(db)));
      });
      ctx.out('');
      ctx.out('Explore:');
      ctx.out('  npx attache registry search "embassy in Japan"');
      ctx.out('  npx attache registry show StateDept');
      ctx.out('  npx attache registry stats --json');
      ctx.out('  npx attache runs list');
      ctx.out('  npx attache --help');
    });
}
