import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { UserError } from '../../domain/errors.js';
import { defineAnalysis } from '../analysis.js';
import type { ChannelMetrics } from '../metrics/compute.js';
import { scopeMetricsOver, type ChannelWithMetrics } from '../metrics/load.js';
import { scopedChannels, type ChannelScope } from '../metrics/query.js';
import { previousWindow, resolveWindow, type Window } from '../window.js';
import {
  indicatorsOf,
  rankChange,
  scoreEntities,
  type EntityInput,
  type Indicator,
  type RankedEntity,
} from './compute.js';
import { countryExists, countryNames } from './query.js';
import { weightsFileSchema } from './weights.js';

export const RANK_LEVELS = ['countries', 'channels', 'missions'] as const;
export type RankLevel = (typeof RANK_LEVELS)[number];

export const rankParams = z.object({
  level: z.enum(RANK_LEVELS),
  days: z.number().int().min(1).max(3660).default(30),
  to: z.string().optional(),
  platform: z.string().min(1).optional(),
  /** Host country or organisation: only actors accredited there (required for missions). */
  host: z.string().min(1).optional(),
  weights: weightsFileSchema,
});

export interface RankRow extends RankedEntity {
  previousRank: number | null;
  rankChange: number | null;
}

export interface Ranking {
  level: RankLevel;
  window: Window;
  previousWindow: Window;
  filters: { platform: string | null; host: string | null };
  weights: { version: string; values: Record<Indicator, number> };
  normalisation: string;
  excluded: Indicator[];
  notes: string[];
  rows: RankRow[];
}

export const NORMALISATION =
  'percentile rank of log1p(value) across the ranked entities, 0–100 (ties share the mid rank; a single entity gets 100)';

/** The entities of one level, each with its member channels. */
function entities(
  level: RankLevel,
  list: readonly ChannelWithMetrics[],
  names: Map<string, string>,
): EntityInput[] {
  const groups = new Map<string, { label: string; members: ChannelMetrics[] }>();
  for (const { channel: c, metrics } of list) {
    let key: string;
    let label: string;
    if (level === 'countries') {
      key = c.sendingCountry!;
      label = names.get(key) ?? key;
    } else if (level === 'missions') {
      key = c.missionKey!;
      label = `${c.missionName ?? key} (${c.sendingCountry})`;
    } else {
      key = `${c.platform}:${c.handle ?? `#${c.id}`}`;
      label = `${c.actorName ?? ''} (${c.sendingCountry})`;
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label, members: [] }));
    g.members.push(metrics);
  }
  return [...groups].map(([key, g]) => ({
    key,
    label: g.label,
    ...indicatorsOf(g.members, level === 'channels' ? 'channel' : 'group'),
  }));
}

const NOUNS: Record<RankLevel, string> = { countries: 'country', channels: 'channel', missions: 'mission' };

/**
 * Ranks countries (by sending country), registry channels, or the missions accredited in one host country,
 * over a window and against the previous window of the same length. Reads channel_daily, channel_snapshots,
 * channels, actors and follows only (docs/methodology.md, "Ranking").
 */
export async function rank(db: Queryable, params: z.input<typeof rankParams>): Promise<Ranking> {
  const p = rankParams.parse(params);
  const host = p.host?.toUpperCase();
  if (p.level === 'missions' && !host)
    throw new UserError('rank missions needs --host COUNTRY (e.g. --host JP)', 'usage');
  if (host && !(await countryExists(db, host)))
    throw new UserError(`unknown host country "${p.host}"`, 'usage');
  const window = await resolveWindow(db, p.days, p.to);
  const previous = previousWindow(window);
  const scope: ChannelScope = { registryOnly: true, platform: p.platform?.toLowerCase(), host };
  const channels = await scopedChannels(db, scope);
  const [now, before] = (await scopeMetricsOver(db, scope, [window, previous], { channels })) as [
    ChannelWithMetrics[],
    ChannelWithMetrics[],
  ];
  const names = await countryNames(
    db,
    now.map((c) => c.channel.sendingCountry!),
  );
  const noun = NOUNS[p.level];
  const current = scoreEntities(entities(p.level, now, names), p.weights.weights, noun);
  const earlier = scoreEntities(entities(p.level, before, names), p.weights.weights, noun);
  const previousRanks = new Map(earlier.rows.map((r) => [r.key, r.rank]));
  return {
    level: p.level,
    window,
    previousWindow: previous,
    filters: { platform: scope.platform ?? null, host: host ?? null },
    weights: { version: p.weights.version, values: p.weights.weights },
    normalisation: NORMALISATION,
    excluded: current.excluded,
    notes: current.notes,
    rows: current.rows.map((r) => ({
      ...r,
      previousRank: previousRanks.get(r.key) ?? null,
      rankChange: rankChange(r.rank, previousRanks.get(r.key)),
    })),
  };
}

export const rankingAnalysis = defineAnalysis({
  id: 'ranking',
  title: 'Ranking of countries, channels or missions in a host country',
  params: rankParams,
  run: (db, params) => rank(db, params),
});
