import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../db/database.js';
import { UserError } from '../domain/errors.js';
import { avatarPng, noisyCopyPng } from './avatars.js';
import { OutputTree } from './files.js';
import { Generator } from './generate.js';
import type { RegistryChannel } from './model.js';
import { DAY_MS } from './model.js';
import { makePlan, TAIL_DAYS } from './plan.js';
import { TruthRecorder } from './truth.js';
import { loadRegistry } from './world.js';
import { BlueskyWriter } from './write-bluesky.js';
import { FeedWriter } from './write-feed.js';
import { MastodonWriter } from './write-mastodon.js';
import { TelegramWriter } from './write-telegram.js';
import { XWriter } from './write-x.js';

export const DEFAULT_START = '2026-08-01';

export interface SimulateOptions {
  /** The database holding the imported registry (read only), or the registry channels themselves. */
  db?: Queryable;
  registry?: readonly RegistryChannel[];
  seed: string | number;
  posts: number;
  days: number;
  out: string;
  /** First day, YYYY-MM-DD (UTC); default 2026-08-01, never today: the output depends on the arguments only. */
  start?: string;
  /** Replace an earlier simulation in `out` (its data/, avatars/ and truth.json). */
  force?: boolean;
  onProgress?: (p: SimulationProgress) => void;
}

export interface SimulationProgress {
  day: number;
  days: number;
  posts: number;
}

export interface SimulationSummary {
  out: string;
  /** Folder to give `attache import`. */
  dataDir: string;
  truthFile: string;
  seed: string;
  requestedPosts: number;
  posts: number;
  days: number;
  start: string;
  end: string;
  byPlatform: Record<string, number>;
  accounts: number;
  files: number;
  bytes: number;
  planted: Record<string, number>;
}

const OUTPUTS = ['data', 'avatars', 'truth.json'];

function prepareOut(out: string, force: boolean): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length) {
      if (!force)
        throw new UserError(
          `${out} is not empty (add --force to replace an earlier simulation there)`,
          'usage',
        );
      const others = entries.filter((e) => !OUTPUTS.includes(e));
      if (others.length)
        throw new UserError(
          `${out} holds other files than a simulation's (${others.slice(0, 3).join(', ')}): not replaced`,
          'usage',
        );
      for (const e of entries) rmSync(path.join(out, e), { recursive: true, force: true });
    }
  }
  mkdirSync(out, { recursive: true });
}

function parseStart(start: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== start) {
    throw new UserError(`--start "${start}" is not a date (YYYY-MM-DD)`, 'usage');
  }
  return ms;
}

/**
 * Writes a synthetic world over the registry: posts and account observations in the platforms' native formats
 * under `out/data/`, avatars under `out/avatars/`, and `out/truth.json` listing every planted phenomenon. The
 * output depends only on the registry, seed, posts, days and start.
 */
export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  const seed = String(options.seed);
  const { posts, days } = options;
  if (!Number.isInteger(posts) || posts < 1000)
    throw new UserError(`--posts "${posts}" must be a whole number of at least 1000`, 'usage');
  if (!Number.isInteger(days) || days < 7 || days > 3660)
    throw new UserError(`--days "${days}" must be a whole number from 7 to 3660`, 'usage');
  const start = options.start ?? DEFAULT_START;
  const startMs = parseStart(start);
  let registry = options.registry;
  if (!registry) {
    if (!options.db)
      throw new UserError('simulate needs the registry: a database or a list of channels', 'usage');
    registry = await loadRegistry(options.db);
  }
  prepareOut(options.out, options.force ?? false);

  const plan = makePlan(registry, { seed, posts, days, startMs });
  const tree = new OutputTree(options.out);
  const byAvatar = new Map(plan.impersonators.map((p) => [p.account.index, p.target]));
  for (const a of plan.world.accounts) {
    if (!a.avatar) continue;
    const target = byAvatar.get(a.index);
    const png = target?.avatar ? noisyCopyPng(target.userId, a.userId) : avatarPng(a.userId);
    tree.writeFile(a.avatar, png, startMs);
  }

  const truth = new TruthRecorder();
  const generator = new Generator(plan, truth);
  const writers = [
    new XWriter(tree, plan),
    new BlueskyWriter(tree, plan),
    new MastodonWriter(tree, plan),
    new TelegramWriter(tree, plan),
    new FeedWriter(tree, plan),
  ];
  for (let d = 0; d < days; d++) {
    const dayPosts = generator.day(d);
    for (const w of writers) w.day(d, dayPosts);
    // Written: a post keeps its conversation root for later replies, not its whole chain of targets.
    for (const p of dayPosts) p.target = null;
    options.onProgress?.({ day: d + 1, days, posts: truth.total });
  }
  for (const w of writers) if ('finish' in w) w.finish();

  const doc = truth.build(plan, { count: tree.files, bytes: tree.bytes });
  const truthFile = path.join(options.out, 'truth.json');
  writeFileSync(truthFile, `${JSON.stringify(doc, null, 1)}\n`);
  const done = (startMs + (days + TAIL_DAYS) * DAY_MS) / 1000;
  utimesSync(truthFile, done, done);
  const t = doc as Record<string, unknown[]>;
  return {
    out: options.out,
    dataDir: path.join(options.out, 'data'),
    truthFile,
    seed,
    requestedPosts: posts,
    posts: truth.total,
    days,
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + days * DAY_MS).toISOString(),
    byPlatform: { ...truth.byPlatform },
    accounts: plan.world.accounts.length,
    files: tree.files,
    bytes: tree.bytes,
    planted: Object.fromEntries(
      [
        'campaigns',
        'exchanges',
        'stars',
        'impersonators',
        'breaches',
        'dormant',
        'deleted',
        'edited',
        'handleChanges',
      ].map((k) => [k, t[k]!.length]),
    ),
  };
}

export { loadRegistry };
export type { RegistryChannel };
