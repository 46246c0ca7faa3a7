import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryFollowers } from '../../src/api/queries/country.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * Finland has three X channels (fi_mfa_test, fi_emb_jp, fi_amb_jp), France one X and one Bluesky channel.
 * Follower observations (channel_daily.followers) are written directly: the rollup is tested elsewhere.
 */
describe.each(backends())('country follower series on $name', (backend) => {
  let db: Database;
  const id = async (handle: string) =>
    (await db.query<{ id: number }>('SELECT id FROM channels WHERE handle = $1', [handle]))[0]!.id;
  const observe = async (handle: string, day: string, followers: number | null) =>
    db.query('INSERT INTO channel_daily (channel_id, day, posts, followers) VALUES ($1, $2, 1, $3)', [
      await id(handle),
      day,
      followers,
    ]);

  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry(
      { db, dataDir: path.join(root, 'data'), now: fixedNow },
      { source: path.join(root, 'test/fixtures/analytics/registry.csv'), asOf: '2026-01-01' },
    );
    await observe('fi_mfa_test', '2026-02-27', 1000); // before the window: carried into it
    await observe('fi_mfa_test', '2026-03-02', 1100);
    await observe('fi_emb_jp', '2026-03-02', null); // a day with posts but no observation
    await observe('fi_emb_jp', '2026-03-03', 50); // first observed inside the window
    await observe('fi_mfa_test', '2026-03-05', 1200); // after the window: ignored
    await observe('fr_mfa_test', '2026-03-01', 7000);
    await observe('fr-mfa.example.org', '2026-03-03', 300);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('carries each channel’s latest observation forward and sums per platform', async () => {
    expect(await countryFollowers(db, 'FI', '2026-03-01', '2026-03-04')).toEqual([
      { day: '2026-03-01', platform: 'x', followers: 1000, channels: 1 },
      { day: '2026-03-02', platform: 'x', followers: 1100, channels: 1 },
      { day: '2026-03-03', platform: 'x', followers: 1150, channels: 2 },
      { day: '2026-03-04', platform: 'x', followers: 1150, channels: 2 },
    ]);
  });

  it('keeps platforms apart, filters by platform, and is empty without observations', async () => {
    expect(await countryFollowers(db, 'FR', '2026-03-02', '2026-03-03')).toEqual([
      { day: '2026-03-02', platform: 'x', followers: 7000, channels: 1 },
      { day: '2026-03-03', platform: 'bluesky', followers: 300, channels: 1 },
      { day: '2026-03-03', platform: 'x', followers: 7000, channels: 1 },
    ]);
    expect(await countryFollowers(db, 'FR', '2026-03-03', '2026-03-03', 'bluesky')).toEqual([
      { day: '2026-03-03', platform: 'bluesky', followers: 300, channels: 1 },
    ]);
    expect(await countryFollowers(db, 'FI', '2026-02-01', '2026-02-26')).toEqual([]);
    expect(await countryFollowers(db, 'SE', '2026-03-01', '2026-03-04')).toEqual([]);
  });
});
