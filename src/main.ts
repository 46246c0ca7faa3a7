import { fileURLToPath } from 'node:url';
import { buildProgram, CommanderError } from './cli/program.js';
import type { CliContext } from './cli/context.js';
import { readConfig } from './config/config.js';
import { UserError } from './domain/errors.js';

/**
 * Composition root: environment → validated config → CLI. Returns the exit code:
 * 0 done, 1 a user-facing error (one line on stderr), 2 a usage error, 70 an internal error (a bug).
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const out = (s: string) => void process.stdout.write(`${s}\n`);
  const err = (s: string) => void process.stderr.write(`${s}\n`);
  try {
    const config = readConfig(env, {
      cwd: process.cwd(),
      dataDir: fileURLToPath(new URL('../data', import.meta.url)),
      stderrIsTTY: process.stderr.isTTY === true,
    });
    const ctx: CliContext = { config, now: () => new Date(), out, err };
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    if (error instanceof UserError) {
      err(`attache: ${error.message}`);
      return 1;
    }
    err(
      `attache: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 70;
  }
}
