import type { Command } from 'commander';
import { importRegistry } from '../registry/import.js';
import { registryStats } from '../registry/queries.js';
import { withDatabase, type CliContext } from './context.js';
import { ensureDemo } from './demo-command.js';
import { json, num } from './format.js';
import { describeImport, describeStats } from './registry-commands.js';
import { parsePort, serveUntilStopped } from './serve-command.js';

interface StartFlags {
  json?: boolean;
  demo: boolean;
  serve: boolean;
  port: string;
}

/** `npm start`: the main job on the configured database (embedded by default). */
export function registerStartCommand(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description(
      'set up the database, import the bundled registry, build the synthetic demo dataset, and serve the dashboard',
    )
    .option('--no-demo', 'only the registry: do not simulate and import the demo dataset')
    .option('--no-serve', 'print the summary and exit instead of serving the dashboard')
    .option('--port <n>', 'port of the dashboard and API on 127.0.0.1', '8080')
    .option(
      '--json',
      'print JSON (the database, each import, the registry stats and the demo dataset) and exit',
    )
    .action(async (opts: StartFlags) => {
      const port = parsePort(opts.port);
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
        ctx.out('');
        ctx.out('Explore:');
        ctx.out(
          '  npx attache rank countries             (the country ranking; --help for windows and weights)',
        );
        ctx.out('  npx attache stars                      (star posts of the last 7 days)');
        ctx.out('  npx attache registry search "embassy in Japan"');
        ctx.out('  npx attache registry show StateDept');
        ctx.out(
          '  npx attache import PATH…               (twarc2, X archive, Bluesky, Mastodon, Telegram, RSS/Atom, CSV)',
        );
        ctx.out('  npx attache posts stats');
        ctx.out('  npx attache demo --reset               (start the demo over)');
        ctx.out('  npx attache --help');
        if (!opts.serve) return;
        ctx.out('');
        await serveUntilStopped(ctx, db, { port, host: '127.0.0.1' });
      });
    });
}
