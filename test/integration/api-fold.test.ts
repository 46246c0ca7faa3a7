import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dataDir = path.join(root, 'data');

/**
 * An interrupted import leaves its committed batches' rollup differences in channel_daily_pending
 * (docs/import.md); the endpoints that read channel_daily directly fold them first.
 */
describe.each(backends())('API reads of pending rollup differences on $name', (backend) => {
  let db: Database;
  let app: FastifyInstance;
  let channelId: number;

  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry(
      { db, dataDir, now: fixedNow },
      { source: path.join(root, 'test/fixtures/analytics/registry.csv'), asOf: '2026-01-01' },
    );
    const [row] = await db.query<{ id: number }>(`SELECT id FROM channels WHERE handle = 'fi_mfa_test'`);
    channelId = row!.id;
    await db.query(
      `INSERT INTO channel_daily_pending (channel_id, day, posts, originals, replies, quotes, reposts, media_posts,
         langs, measured_posts, interactions, likes_reposts, measured_originals, original_reposts)
       VALUES ($1, '2026-03-04', 3, 3, 0, 0, 0, 1, '{fi}', 0, 0, 0, 0, 0)`,
      [channelId],
    );
    app = buildServer({ db, dataDir });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('health and coverage count them, once', async () => {
    const health = (await app.inject('/api/health')).json<{ latestDataDay: string | null }>();
    expect(health.latestDataDay).toBe('2026-03-04');
    const coverage = (await app.inject('/api/coverage?registry=true&limit=200')).json<{
      items: { id: number; posts: number }[];
    }>();
    expect(coverage.items.find((c) => c.id === channelId)?.posts).toBe(3);
    const again = (await app.inject('/api/coverage?registry=true&limit=200')).json<{
      items: { id: number; posts: number }[];
    }>();
    expect(again.items.find((c) => c.id === channelId)?.posts).toBe(3);
    expect(await db.query('SELECT * FROM channel_daily_pending')).toEqual([]);
  });
});
