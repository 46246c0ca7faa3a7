import type { Command } from 'commander';
import { channelMetricsFor, parseWindowLength, type ChannelWithMetrics } from '../analytics/index.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

const n = (v: number | null, digits = 2) => (v === null ? 'no data' : v.toFixed(digits));
const pct = (v: number | null, digits = 1) => (v === null ? 'no data' : `${(v * 100).toFixed(digits)}%`);

export function describeMetrics({ channel: c, metrics: m }: ChannelWithMetrics): string {
  const who = c.actorName
    ? `${c.actorName} (${c.sendingCountry}${c.hostCountry ? ` in ${c.hostCountry}` : ''})`
    : 'not in the registry';
  const growth =
    m.followerGrowth === null
      ? 'no data'
      : `${m.followerGrowth >= 0 ? '+' : ''}${num(m.followerGrowth)} since ${m.followersStartDay} (${pct(m.followerGrowthRate, 2)})`;
  return [
    `${c.platform}:${c.handle ?? c.id} · ${who}`,
    `window ${m.window.from} … ${m.window.to} (${m.window.days} days)`,
    '',
    table([
      ['followers', m.followers === null ? 'no data' : `${num(m.followers)} (${m.followersDay})`],
      ['follower growth', growth],
      [
        'posts',
        `${num(m.posts)}: ${m.originals} original, ${m.replies} replies, ${m.quotes} quotes, ${m.reposts} reposts`,
      ],
      ['posts per day', n(m.postsPerDay)],
      ['production (posts per week of age)', n(m.production)],
      ['contribution (originals ÷ posts)', pct(m.contribution)],
      ['responsiveness (replies ÷ originals)', n(m.responsiveness)],
      ['reply share', pct(m.replyShare)],
      ['effectiveness (reposts per original)', n(m.effectiveness)],
      ['message efficiency ((likes + reposts) per post)', n(m.messageEfficiency)],
      ['interaction rate (per follower)', pct(m.interactionRate, 3)],
      ['media share', pct(m.mediaShare)],
      ['languages', m.languages.length ? `${m.languageDiversity} (${m.languages.join(', ')})` : '0'],
      ['platform breadth of the actor', m.platformBreadth === null ? 'no data' : String(m.platformBreadth)],
      ['reciprocity (mutual follows)', m.reciprocity === null ? 'no data' : num(m.reciprocity)],
      ['posts with known interactions', num(m.measuredPosts)],
    ]),
  ].join('\n');
}

export function registerMetricsCommand(program: Command, ctx: CliContext): void {
  program
    .command('metrics')
    .description("one channel's metrics over a window")
    .argument('<channel>', 'platform:handle (x:StateDept) or a handle that names one channel')
    .option('--window <length>', 'window length, e.g. 7d, 30d, 4w', '30d')
    .option('--to <YYYY-MM-DD>', 'last day of the window (default: the latest day with data)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nFormulas: docs/methodology.md, "Account metrics".')
    .action(async (channel: string, opts: { window: string; to?: string; json?: boolean }) => {
      const days = parseWindowLength(opts.window);
      const r = await withDatabase(ctx, (db) => channelMetricsFor(db, { channel, days, to: opts.to }));
      ctx.out(opts.json ? json(r) : describeMetrics(r));
    });
}
