import type { Config } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';

/** What a command needs: the config, a clock, output streams, and a database opened on demand. */
export interface CliContext {
  config: Config;
  now: () => Date;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Opens the configured database, brings its schema up to date, runs `fn`, and always closes it. */
export async function withDatabase<T>(
  ctx: CliContext,
  fn: (db: Database) => Promise<T>,
  opts = { migrate: true },
): Promise<T> {
  const db = await openDatabase(
    ctx.config.databaseUrl
      ? { kind: 'postgres', url: ctx.config.databaseUrl }
      : { kind: 'pglite', home: ctx.config.home },
  );
  try {
    if (opts.migrate) await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}
