import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildServer } from '../api/server.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { errorMessage, UserError } from '../domain/errors.js';
import type { CliContext } from './context.js';

/** The built dashboard: dist/web at the package root (src/ and dist/ both sit one level below it). */
export const defaultWebDir = () => fileURLToPath(new URL('../../dist/web', import.meta.url));

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/**
 * Serves the API (and the dashboard when built) on an open database until SIGINT or SIGTERM, then finishes the
 * requests in flight. Prints the URL. Used by `serve` and at the end of `start`.
 */
export async function serveUntilStopped(
  ctx: CliContext,
  db: Database,
  opts: { port: number; host: string },
): Promise<void> {
  const webDir = defaultWebDir();
  const app = buildServer({
    db,
    dataDir: ctx.config.dataDir,
    config: { webDir, log: (line) => ctx.err(`attache serve: ${line}`) },
  });
  let address: string;
  try {
    address = await app.listen({ port: opts.port, host: opts.host });
  } catch (error) {
    await app.close();
    throw new UserError(`cannot listen on ${opts.host}:${opts.port}: ${errorMessage(error)}`, 'listen');
  }
  const dashboard = existsSync(path.join(webDir, 'index.html'))
    ? `Dashboard at ${address}/ · `
    : 'Dashboard not built (npm run build) · ';
  ctx.out(`${dashboard}API at ${address}/api (OpenAPI: ${address}/api/openapi.json) on ${db.location}`);
  if (!isLoopback(opts.host)) ctx.err('attache: warning: listening beyond this machine (--allow-remote)');
  ctx.err('  (Ctrl-C to stop)');
  // Stop on the first SIGINT or SIGTERM: finish requests in flight, then return (the caller closes the database).
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  ctx.out('stopped');
}

/** The port flag: 0 to 65535. */
export function parsePort(text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UserError(`--port "${text}" is not a port (0 to 65535)`, 'usage');
  return n;
}

interface ServeOptions {
  port: string;
  host: string;
  allowRemote?: boolean;
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the HTTP API (and the dashboard when built) on this machine')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--allow-remote', 'allow a non-loopback --host (there are no accounts or roles yet)')
    .addHelpText('after', '\nEndpoints and the error shape: docs/api.md; OpenAPI at /api/openapi.json.')
    .action(async (opts: ServeOptions) => {
      const port = parsePort(opts.port);
      if (!isLoopback(opts.host) && !opts.allowRemote) {
        throw new UserError(
          `refusing to listen on ${opts.host}: the API has no accounts or roles yet, so anyone who can reach it reads everything; use a loopback address (127.0.0.1) or pass --allow-remote to accept that`,
          'usage',
        );
      }
      const db = await openDatabase(
        ctx.config.databaseUrl
          ? { kind: 'postgres', url: ctx.config.databaseUrl }
          : { kind: 'pglite', home: ctx.config.home },
      );
      try {
        await migrate(db);
        await serveUntilStopped(ctx, db, { port, host: opts.host });
      } finally {
        await db.close();
      }
    });
}
