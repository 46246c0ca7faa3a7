import type { Command } from 'commander';
import { importRegistry } from '../registry/import.js';
import { registryStats } from '../registry/queries.js';
import { withDatabase, type CliContext } from './context.js';
import { ensureDemo } from './demo-command.js';
import { json, num } from './format.js';
import { describeImport, describeStats } from './registry-commands.js';

/** `npm start`: the main job on the configured database (embedded by default). */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description(
      'set up the database, import the bundled registry, build the synthetic demo dataset, and print what is there',
    )
    .option('--no-demo', 'only the registry: do not simulate and import the demo dataset')
    .option('--json', 'print JSON: the database, each import, the registry stats and the demo dataset')
    .action(async (opts: { json?: boolean; demo: boolean }) => {
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
        const demo = opts.demo ? await ensureDemo(ctx, db) : null;
        if (demo && !demo.built)
          ctx.err(
            `  demo dataset "${demo.dataset}" already imported: ${num(demo.posts)} posts (run ${demo.run})`,
          );
        const stats = await registryStats(db);
        step('ready', t0);
        if (opts.json) {
          ctx.out(
            json({
              database: { backend: db.kind, location: db.location },
              imports: results,
              registry: stats,
              demo,
            }),
          );
          return;
        }
        ctx.out('');
        ctx.out(describeStats(stats));
        if (demo) {
          ctx.out('');
          ctx.out(
            `Demo dataset "${demo.dataset}" (SYNTHETIC DEMO DATA — simulated activity over the real registry): ${num(demo.posts)} posts`,
          );
        }
      });
      if (opts.json) return;
      ctx.out('');
      ctx.out('Explore:');
      ctx.out('  npx attache registry search "embassy in Japan"');
      ctx.out('  npx attache registry show StateDept');
      ctx.out('  npx attache registry stats --json');
      ctx.out(
        '  npx attache import PATH…            (twarc2, X archive, Bluesky, Mastodon, Telegram, RSS/Atom, CSV)',
      );
      ctx.out('  npx attache posts stats');
      ctx.out('  npx attache demo --reset              (start the demo over)');
      ctx.out('  npx attache runs list');
      ctx.out('  npx attache --help');
    });
}
