import { Argument, type Command } from 'commander';
import {
  defaultWeightsPath,
  INDICATORS,
  loadWeights,
  parseWindowLength,
  rank,
  RANK_LEVELS,
  type Ranking,
  type RankLevel,
} from '../analytics/index.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

const fixed = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));
/** Long registry names would widen every row: the table shows the first 60 characters (JSON has them whole). */
const clip = (s: string) => ([...s].length > 60 ? `${[...s].slice(0, 59).join('')}…` : s);
const change = (n: number | null) => (n === null ? 'new' : n === 0 ? '=' : n > 0 ? `+${n}` : `${n}`);

export function describeRanking(r: Ranking): string {
  const head =
    `Ranking of ${r.level} · ${r.window.from} … ${r.window.to} (${r.window.days} days), change vs ` +
    `${r.previousWindow.from} … ${r.previousWindow.to} · weights ${r.weights.version}` +
    (r.filters.platform ? ` · platform ${r.filters.platform}` : '') +
    (r.filters.host ? ` · in ${r.filters.host}` : '');
  if (!r.rows.length) return `${head}\n\nnothing to rank (no registry channels match)`;
  const used = INDICATORS.filter((i) => !r.excluded.includes(i));
  const rows = [
    [
      'rank',
      'Δ',
      'score',
      r.level === 'countries' ? 'country' : r.level === 'missions' ? 'mission' : 'channel',
      ...used,
      'channels',
    ],
    ...r.rows.map((x) => [
      x.rank === null ? '—' : String(x.rank),
      change(x.rankChange),
      fixed(x.score),
      clip(r.level === 'missions' ? x.label : `${x.key} ${x.label}`),
      ...used.map((i) => fixed(x.contributions[i])),
      `${x.coverage.withPosts}/${x.coverage.channels} posted, ${num(x.coverage.measuredPosts)} measured`,
    ]),
  ];
  const notes = [
    ...r.notes,
    ...r.rows.filter((x) => x.notes.length).map((x) => `${x.key}: ${x.notes.join('; ')}`),
  ];
  return [
    head,
    `normalisation: ${r.normalisation}; columns per indicator are points of the 0–100 score (— unknown)`,
    '',
    table(rows),
    ...(notes.length ? ['', 'notes:', ...notes.map((n) => `  ${n}`)] : []),
  ].join('\n');
}

interface RankOptions {
  window: string;
  to?: string;
  platform?: string;
  host?: string;
  weights?: string;
  json?: boolean;
}

export function registerRankCommand(program: Command, ctx: CliContext): void {
  program
    .command('rank')
    .description('rank countries, channels, or the missions in one host country (published weights)')
    .addArgument(new Argument('<level>', 'what to rank').choices(RANK_LEVELS))
    .option('--window <length>', 'window length, e.g. 7d, 30d, 4w', '30d')
    .option('--to <YYYY-MM-DD>', 'last day of the window (default: the latest day with data)')
    .option('--platform <platform>', 'only channels of this platform (x, bluesky, mastodon, …)')
    .option(
      '--host <country>',
      'only actors accredited in this country or organisation (required for missions)',
    )
    .option('--weights <file>', 'a weights file (default: data/weights/ranking-v1.json)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nFormulas, normalisation and weights: docs/methodology.md.')
    .action(async (level: RankLevel, opts: RankOptions) => {
      const days = parseWindowLength(opts.window);
      const weights = loadWeights(opts.weights ?? defaultWeightsPath(ctx.config.dataDir));
      const r = await withDatabase(ctx, (db) =>
        rank(db, { level, days, to: opts.to, platform: opts.platform, host: opts.host, weights }),
      );
      ctx.out(opts.json ? json(r) : describeRanking(r));
    });
}
