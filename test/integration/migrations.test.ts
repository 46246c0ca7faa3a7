import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { checksum, migrate, migrationStatus } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { foldPendingRollups } from '../../src/ingest/rollup-fold.js';
import { backends } from '../helpers/backends.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../src/db/migrations');

describe('migration list', () => {
  it('lists exactly the migration files, in timestamp order', () => {
    const files = readdirSync(dir)
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrations.map((m) => m.name)).toEqual(files);
    for (const name of files) expect(name).toMatch(/^\d{8}T\d{4}-[a-z0-9-]+$/);
  });

  it('is frozen: every migration still has the checksum it was written with', () => {
    for (const m of migrations) expect(checksum(m.sql), m.name).toBe(m.sha256);
  });
});

/** The schema as the catalog describes it, in a form that does not depend on the server version. */
async function describeSchema(db: Database): Promise<string> {
  const columns = await db.query<{
    t: string;
    c: string;
    type: string;
    nullable: string;
    def: string | null;
  }>(
    `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS def
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const indexes = await db.query<{ t: string; def: string }>(
    `SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
  const constraints = await db.query<{ t: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS t, conname AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2`,
  );
  return [
    ...columns.map(
      (c) =>
        `column ${c.t}.${c.c} ${c.type}${c.nullable === 'NO' ? ' not null' : ''}${c.def ? ` default ${c.def}` : ''}`,
    ),
    ...indexes.map((i) => `index ${i.def}`),
    ...constraints.map((c) => `constraint ${c.t}.${c.name} ${c.def}`),
  ].join('\n');
}

describe.each(backends())('migrations on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration once; a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const status = await migrationStatus(db);
    expect(status.every((s) => s.applied)).toBe(true);
    expect(status.map((s) => s.name)).toEqual(migrations.map((m) => m.name));
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('matches the schema snapshot (the same on PostgreSQL 15 and PGlite 18)', async () => {
    await expect(await describeSchema(db)).toMatchFileSnapshot('__snapshots__/schema.txt');
  });
});

describe.each(backends())('data through the rollup-followers-at migration on $name', (backend) => {
  it("gives stored days their observation's time and pending followed days their value", async () => {
    const upTo = migrations.findIndex((m) => m.name === '20261122T1400-rollup-followers-at');
    const db = await backend.fresh(migrations.slice(0, upTo));
    try {
      const [c] = await db.query<{ id: number }>(
        `INSERT INTO channels (platform, handle, handle_norm, first_seen, updated_at)
         VALUES ('x', 'a', 'a', '2026-01-01', now()) RETURNING id`,
      );
      const id = c!.id;
      await db.query(
        `INSERT INTO channel_snapshots (channel_id, observed_at, followers) VALUES
           ($1, '2026-01-10T08:00:00Z', 100), ($1, '2026-01-10T20:00:00Z', 120), ($1, '2026-01-11T09:00:00Z', NULL),
           ($1, '2026-01-12T07:00:00Z', 130), ($1, '2026-01-12T23:00:00Z', 135)`,
        [id],
      );
      // Stored: the 10th with its last observation, the 11th without any. Pending (an interrupted import):
      // the 12th, followed; the 10th again, not followed.
      await db.query(
        `INSERT INTO channel_daily (channel_id, day, posts, followers) VALUES ($1, '2026-01-10', 2, 120), ($1, '2026-01-11', 1, NULL)`,
        [id],
      );
      await db.query(
        `INSERT INTO channel_daily_pending (channel_id, day, posts, originals, replies, quotes, reposts, media_posts,
           langs, measured_posts, interactions, likes_reposts, measured_originals, original_reposts, followers_changed)
         VALUES ($1, '2026-01-12', 1, 1, 0, 0, 0, 0, '{}', 0, 0, 0, 0, 0, true),
                ($1, '2026-01-10', 1, 1, 0, 0, 0, 0, '{}', 0, 0, 0, 0, 0, false)`,
        [id],
      );
      await migrate(db);
      await foldPendingRollups(db);
      expect(
        await db.query(
          `SELECT day::text, posts, followers::int AS followers,
             to_char(followers_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at
           FROM channel_daily ORDER BY day`,
        ),
      ).toEqual([
        { day: '2026-01-10', posts: 3, followers: 120, at: '2026-01-10 20:00' },
        { day: '2026-01-11', posts: 1, followers: null, at: null },
        { day: '2026-01-12', posts: 1, followers: 135, at: '2026-01-12 23:00' },
      ]);
    } finally {
      await db.close();
    }
  });
});
