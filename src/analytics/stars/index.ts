import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { foldPendingRollups } from '../../ingest/rollup-fold.js';
import { defineAnalysis } from '../analysis.js';
import { resolveWindow, type Window } from '../window.js';
import {
  DEFAULT_MIN_BASELINE,
  DEFAULT_MIN_INTERACTIONS,
  DEFAULT_THRESHOLD,
  followerJump,
  JUMP_HOURS,
  scorePosts,
  USUAL_DAYS,
  type FollowerJump,
  type FollowerPoint,
} from './compute.js';
import {
  changedChannels,
  followerPoints,
  replaceScores,
  scorablePosts,
  starRows,
  type StarRow,
} from './query.js';

/** Channels scored per transaction: bounds memory (their posts are held at once). */
const CHUNK = 200;

/**
 * Brings post_scores up to date: every channel whose rollup rows changed since it was last scored is scored
 * again from its posts (all of them: a post's baseline depends on the 100 before it). Returns how many
 * channels were scored. `full` scores every channel.
 */
export async function refreshPostScores(db: Database, opts: { full?: boolean } = {}): Promise<number> {
  if (opts.full) await db.exec('DELETE FROM post_scores; DELETE FROM post_scores_basis;');
  await foldPendingRollups(db); // the changed channels are found from channel_daily
  const channels = await changedChannels(db);
  for (let i = 0; i < channels.length; i += CHUNK) {
    const chunk = channels.slice(i, i + CHUNK);
    await db.transaction(async (tx) => {
      const posts = await scorablePosts(tx, chunk);
      const scores = chunk.flatMap((id) =>
        scorePosts(posts.get(id) ?? []).map((s) => ({ ...s, channelId: id })),
      );
      await replaceScores(tx, chunk, scores);
    });
  }
  return channels.length;
}

export const starsParams = z.object({
  days: z.number().int().min(1).max(3660).default(7),
  to: z.string().optional(),
  country: z.string().min(1).optional(),
  platform: z.string().min(1).optional(),
  threshold: z.number().positive().default(DEFAULT_THRESHOLD),
  minBaseline: z.number().int().min(1).max(100).default(DEFAULT_MIN_BASELINE),
  minInteractions: z.number().int().min(0).default(DEFAULT_MIN_INTERACTIONS),
});

export interface Star extends StarRow {
  followers: FollowerJump;
}

export interface StarsResult {
  window: Window;
  threshold: number;
  minBaseline: number;
  minInteractions: number;
  filters: { country: string | null; platform: string | null };
  /** Channels scored again before answering. */
  rescored: number;
  stars: Star[];
}

/** Star posts of a window (docs/methodology.md, "Star posts"), scoring changed channels first. */
export async function stars(db: Database, params: z.input<typeof starsParams>): Promise<StarsResult> {
  const p = starsParams.parse(params);
  const rescored = await refreshPostScores(db);
  const window = await resolveWindow(db, p.days, p.to);
  const filters = { country: p.country?.toUpperCase() ?? null, platform: p.platform?.toLowerCase() ?? null };
  const rows = await starRows(db, window, {
    threshold: p.threshold,
    minBaseline: p.minBaseline,
    minInteractions: p.minInteractions,
    country: filters.country ?? undefined,
    platform: filters.platform ?? undefined,
  });
  const times = rows.map((r) => r.publishedAt.getTime());
  const points = rows.length
    ? await followerPoints(
        db,
        rows.map((r) => r.channelId),
        new Date(Math.min(...times) - USUAL_DAYS * 86_400_000),
        new Date(Math.max(...times) + JUMP_HOURS * 3_600_000),
      )
    : new Map<number, FollowerPoint[]>();
  return {
    window,
    threshold: p.threshold,
    minBaseline: p.minBaseline,
    minInteractions: p.minInteractions,
    filters,
    rescored,
    stars: rows.map((r) => ({ ...r, followers: followerJump(r.publishedAt, points.get(r.channelId) ?? []) })),
  };
}

export const starsAnalysis = defineAnalysis({
  id: 'stars',
  title: 'Star posts: over-performance against the account’s previous posts',
  params: starsParams,
  run: (db, params) => stars(db, params),
});
