import { createHash } from 'node:crypto';
import type { Database } from './database.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import { AppError } from '../domain/errors.js';

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export interface MigrationStatus {
  name: string;
  applied: boolean;
  appliedAt: Date | null;
}

const ensureTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

// Any constant works; it only has to be the same in every Attaché process.
const MIGRATION_LOCK = 4_217_000_301;

/** Applies pending migrations, each in its own transaction; refuses if an applied one was edited. */
export async function migrate(db: Database, list: readonly Migration[] = allMigrations): Promise<string[]> {
  await db.exec(ensureTable);
  const applied: string[] = [];
  for (const m of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [m.name],
      );
      const sum = checksum(m.sql);
      if (rows[0]) {
        if (rows[0].checksum !== sum) {
          throw new AppError(
            `migration ${m.name} was changed after it was applied; migrations are frozen`,
            'migration',
          );
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, sum]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

export async function migrationStatus(
  db: Database,
  list: readonly Migration[] = allMigrations,
): Promise<MigrationStatus[]> {
  await db.exec(ensureTable);
  const rows = await db.query<{ name: string; applied_at: Date }>(
    'SELECT name, applied_at FROM schema_migrations',
  );
  const byName = new Map(rows.map((r) => [r.name, r.applied_at]));
  return list.map((m) => ({
    name: m.name,
    applied: byName.has(m.name),
    appliedAt: byName.get(m.name) ?? null,
  }));
}
