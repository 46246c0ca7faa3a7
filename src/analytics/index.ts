import type { Analysis } from './analysis.js';
import { metricsAnalysis } from './metrics/index.js';
import { rankingAnalysis } from './ranking/index.js';
import { starsAnalysis } from './stars/index.js';

/** Every analysis, listed by hand (ARCHITECTURE §5). */
export const analyses: readonly Analysis[] = [metricsAnalysis, rankingAnalysis, starsAnalysis];

export { defineAnalysis, type Analysis } from './analysis.js';
export { channelMetricsFor, metricsParams } from './metrics/index.js';
export type { ChannelMetrics } from './metrics/compute.js';
export type { ChannelWithMetrics } from './metrics/load.js';
export {
  rank,
  rankParams,
  RANK_LEVELS,
  type Ranking,
  type RankLevel,
  type RankRow,
} from './ranking/index.js';
export { INDICATORS, type Indicator } from './ranking/compute.js';
export { defaultWeightsPath, loadWeights, type WeightsFile } from './ranking/weights.js';
export { parseWindowLength, parseDay, type Window } from './window.js';
export { refreshPostScores, stars, starsParams, type Star, type StarsResult } from './stars/index.js';
