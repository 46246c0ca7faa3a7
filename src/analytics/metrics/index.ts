import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { UserError } from '../../domain/errors.js';
import { defineAnalysis } from '../analysis.js';
import { resolveWindow } from '../window.js';
import { scopeMetrics, type ChannelWithMetrics } from './load.js';
import { findChannels } from './query.js';

export const metricsParams = z.object({
  /** `platform:handle`, or a handle alone when it names one channel. */
  channel: z.string().min(1),
  days: z.number().int().min(1).max(3660).default(30),
  /** Last day of the window (YYYY-MM-DD); default the latest day with data. */
  to: z.string().optional(),
});

/** One channel's metrics over a window (docs/methodology.md, "Account metrics"). */
export async function channelMetricsFor(
  db: Queryable,
  params: z.input<typeof metricsParams>,
): Promise<ChannelWithMetrics> {
  const p = metricsParams.parse(params);
  const found = await findChannels(db, p.channel);
  if (!found.length)
    throw new UserError(`no channel "${p.channel}" (use platform:handle, e.g. x:StateDept)`, 'not-found');
  if (found.length > 1) {
    throw new UserError(
      `"${p.channel}" names ${found.length} channels (${found.map((c) => `${c.platform}:${c.handle ?? c.id}`).join(', ')}): use platform:handle`,
      'ambiguous',
    );
  }
  const window = await resolveWindow(db, p.days, p.to);
  const [one] = await scopeMetrics(db, { channelIds: [found[0]!.id] }, window, { history: true });
  return one!;
}

export const metricsAnalysis = defineAnalysis({
  id: 'metrics',
  title: 'Account metrics over a window',
  params: metricsParams,
  run: (db, params) => channelMetricsFor(db, params),
});
