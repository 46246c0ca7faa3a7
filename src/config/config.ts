import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../domain/errors.js';

/** Everything the program reads from its environment, read once by main.ts and passed down. */
export interface Config {
  /** Home directory of the embedded database and other local state. */
  readonly home: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `home` is used. */
  readonly databaseUrl: string | null;
  /** Folder of the bundled registry data. */
  readonly dataDir: string;
  /** A person watches a terminal (progress bars); false in CI and when stderr is redirected (plain lines). */
  readonly interactive: boolean;
}

const envSchema = z.object({
  ATTACHE_HOME: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
});

export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  opts: { cwd: string; dataDir: string; stderrIsTTY: boolean },
): Config {
  const cleaned = Object.fromEntries(
    Object.entries({ ATTACHE_HOME: env.ATTACHE_HOME, DATABASE_URL: env.DATABASE_URL }).filter(
      ([, v]) => v !== undefined && v !== '',
    ),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserError(`configuration: ${first?.path.join('.')}: ${first?.message}`, 'config');
  }
  return {
    home: path.resolve(opts.cwd, parsed.data.ATTACHE_HOME ?? 'attache-data'),
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    dataDir: opts.dataDir,
    interactive: opts.stderrIsTTY && !env.CI,
  };
}
