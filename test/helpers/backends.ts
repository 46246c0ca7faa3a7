import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { migrations as all, type Migration } from '../../src/db/migrations/index.js';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database of this backend (with these migrations: all by default). */
  fresh(migrations?: readonly Migration[]): Promise<Database>;
}

const pgliteBackend: Backend = {
  name: 'pglite',
  async fresh(migrations = all) {
    const db = await openDatabase({ kind: 'pglite', home: null });
    await migrate(db, migrations);
    return db;
  },
};

/** An empty database on the test server, for a test that hands its URL to another process. */
export async function freshPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `attache_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async fresh(migrations = all) {
      const { url, drop } = await freshPostgresDatabase(adminUrl);
      const db = await openDatabase({ kind: 'postgres', url });
      await migrate(db, migrations);
      const close = db.close.bind(db);
      return {
        ...db,
        async close() {
          await close();
          await drop();
        },
      };
    },
  };
}

/** PGlite always; a PostgreSQL server whenever the global setup found or started one. */
export function backends(): Backend[] {
  const url = inject('postgresUrl');
  return url ? [pgliteBackend, postgresBackend(url)] : [pgliteBackend];
}

export function postgresUrl(): string | null {
  return inject('postgresUrl');
}
