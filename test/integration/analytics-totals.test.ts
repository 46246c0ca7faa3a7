import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelMetrics,
  type DayRow,
  type FollowerObservation,
} from '../../src/analytics/metrics/compute.js';
import { scopeMetricsOver } from '../../src/analytics/metrics/load.js';
import {
  actorPlatforms,
  mutualFollows,
  scopedChannels,
  type ChannelScope,
} from '../../src/analytics/metrics/query.js';
import { windowEnding, type Window } from '../../src/analytics/window.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';

// The database sums each channel's rollup per window (metrics/query.ts, windowTotals). Checked here against
// the TypeScript formulas applied to every raw rollup row and snapshot of the channel, read with plain SELECTs:
// the two must agree exactly, floating-point sums included.

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dir = path.join(root, 'test/fixtures/analytics');

/** Windows of 1, 7 and 30 days ending every 4 days from before the first post to after the last observation. */
function windows(): Window[] {
  const out: Window[] = [];
  for (
    let t = Date.parse('2025-12-30T00:00:00Z');
    t <= Date.parse('2026-04-12T00:00:00Z');
    t += 4 * 86_400_000
  ) {
    const to = new Date(t).toISOString().slice(0, 10);
    for (const days of [1, 7, 30]) out.push(windowEnding(to, days));
  }
  return out;
}

async function reference(db: Database, scope: ChannelScope, list: readonly Window[]) {
  const channels = await scopedChannels(db, scope);
  const ids = channels.map((c) => c.id);
  const rows = await db.query<DayRow & { channelId: number }>(
    `SELECT channel_id AS "channelId", day, posts, originals, replies, quotes, reposts, media_posts AS "mediaPosts",
       langs, measured_posts AS "measuredPosts", interactions, likes_reposts AS "likesReposts",
       measured_originals AS "measuredOriginals", original_reposts AS "originalReposts", followers
     FROM channel_daily`,
  );
  const snaps = await db.query<{ channelId: number; observedAt: Date; followers: number }>(
    `SELECT channel_id AS "channelId", observed_at AS "observedAt", followers FROM channel_snapshots
     WHERE followers IS NOT NULL`,
  );
  const platforms = await actorPlatforms(
    db,
    channels.flatMap((c) => (c.actorId === null ? [] : [c.actorId])),
  );
  const follows = await mutualFollows(db, ids);
  const before = (channelId: number, w: Window): FollowerObservation | null => {
    const start = Date.parse(`${w.from}T00:00:00Z`);
    const last = snaps
      .filter((s) => s.channelId === channelId && s.observedAt.getTime() < start)
      .sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime())
      .at(-1);
    return last ? { day: last.observedAt.toISOString().slice(0, 10), followers: last.followers } : null;
  };
  return list.map((window) =>
    channels.map((channel) => ({
      channel,
      metrics: channelMetrics({
        window,
        // Every row of the channel, follower-only days and days outside the window included.
        days: rows.filter((r) => r.channelId === channel.id),
        before: before(channel.id, window),
        actorPlatforms: channel.actorId === null ? null : (platforms.get(channel.actorId) ?? null),
        mutualFollows: follows.get(channel.id) ?? null,
      }),
    })),
  );
}

describe.each(backends())('per-channel window totals in SQL on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry(
      { db, dataDir: path.join(root, 'data'), now: fixedNow },
      { source: path.join(dir, 'registry.csv'), asOf: '2026-01-01' },
    );
    for (const f of ['posts-a.csv', 'posts-b.csv', 'update.csv']) await runImport(db, [path.join(dir, f)]);
    // Edge cases the fixture lacks: posting days without a follower observation (the count at posting time is
    // carried from an earlier day or from before the window), a count of 0 followers, a follower-only day, a
    // snapshot without a follower count.
    const [fi] = await db.query<{ id: number }>(`SELECT id FROM channels WHERE handle_norm = 'fi_emb_jp'`);
    const [de] = await db.query<{ id: number }>(`SELECT id FROM channels WHERE handle_norm = 'de_mfa_test'`);
    await db.query(
      `INSERT INTO channel_snapshots (channel_id, observed_at, followers) VALUES
         ($1, '2026-02-10T23:59:00Z', 0), ($1, '2026-02-20T00:00:00Z', NULL), ($2, '2026-02-14T00:00:00Z', 777)`,
      [fi!.id, de!.id],
    );
    await db.query(
      `INSERT INTO channel_daily (channel_id, day, followers) VALUES ($1, '2026-02-10', 0), ($2, '2026-02-14', 777)
       ON CONFLICT (channel_id, day) DO UPDATE SET followers = EXCLUDED.followers`,
      [fi!.id, de!.id],
    );
    await db.query(
      `UPDATE channel_daily SET followers = NULL
       WHERE day BETWEEN '2026-01-20' AND '2026-03-10' AND (channel_id + extract(day FROM day)::int) % 3 <> 0`,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  const scopes: [string, ChannelScope][] = [
    ['every channel', {}],
    ['registry channels', { registryOnly: true }],
    ['one platform in one host country', { platform: 'x', host: 'JP' }],
  ];
  it.each(scopes)(
    'equal the formulas over the raw rows for %s, in many windows at once',
    async (_, scope) => {
      const list = windows();
      const actual = await scopeMetricsOver(db, scope, list);
      const expected = await reference(db, scope, list);
      expect(actual.length).toBe(list.length);
      for (let i = 0; i < list.length; i++) expect(actual[i], JSON.stringify(list[i])).toEqual(expected[i]);
      // The windows are not all empty: the check covers posts, growth and the interaction rate.
      const all = actual.flat().map((c) => c.metrics);
      expect(all.some((m) => m.posts > 0 && m.interactionRate !== null)).toBe(true);
      expect(all.some((m) => m.followerGrowth !== null)).toBe(true);
      expect(all.some((m) => m.posts === 0 && m.followers !== null)).toBe(true);
    },
  );
});
