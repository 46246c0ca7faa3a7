import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import type { CliContext } from './context.js';
import { registerDbCommands } from './db-commands.js';
import { registerDemoCommand } from './demo-command.js';
import { registerImportCommand } from './import-command.js';
import { registerMetricsCommand } from './metrics-command.js';
import { registerPostsCommands } from './posts-commands.js';
import { registerRankCommand } from './rank-command.js';
import { registerRegistryCommands } from './registry-commands.js';
import { registerRunsCommands } from './runs-commands.js';
import { registerServeCommand } from './serve-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerStarsCommand } from './stars-command.js';
import { registerStartCommand } from './start-command.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('attache')
    .description('Attaché — an open digital-diplomacy observatory')
    .version(VERSION.replace(/^attache\//, ''))
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.err(s.replace(/\n$/, '')),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Environment:
  ATTACHE_HOME   folder of the embedded database (default ./attache-data)
  DATABASE_URL   use a PostgreSQL server instead (postgres://user:pass@host:5432/db)`,
    );
  registerStartCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerRegistryCommands(program, ctx);
  registerImportCommand(program, ctx);
  registerPostsCommands(program, ctx);
  registerMetricsCommand(program, ctx);
  registerRankCommand(program, ctx);
  registerStarsCommand(program, ctx);
  registerRunsCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerSimulateCommand(program, ctx);
  registerDbCommands(program, ctx);
  return program;
}

export { CommanderError };
