import type { Command } from 'commander';
import { parseWindowLength, stars, type StarsResult } from '../analytics/index.js';
import { UserError } from '../domain/errors.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

const signed = (n: number | null) => (n === null ? '—' : `${n >= 0 ? '+' : ''}${num(Math.round(n))}`);

export function describeStars(r: StarsResult): string {
  const head =
    `Star posts · ${r.window.from} … ${r.window.to} · interactions ≥ ${r.threshold}× the median of the ` +
    `account's previous 100 posts of the same kind (at least ${r.minBaseline}), at least ${r.minInteractions} interactions` +
    (r.filters.country ? ` · ${r.filters.country}` : '') +
    (r.filters.platform ? ` · ${r.filters.platform}` : '');
  if (!r.stars.length) return `${head}\n\nno star posts`;
  return [
    head,
    '',
    table([
      [
        'ratio',
        'interactions',
        'median',
        'kind',
        'published',
        'channel',
        'country',
        'followers 48 h (usual)',
        'post',
      ],
      ...r.stars.map((s) => [
        `${s.ratio.toFixed(1)}×`,
        num(s.interactions),
        String(s.baselineMedian),
        s.kind,
        s.publishedAt.toISOString().slice(0, 16).replace('T', ' '),
        `${s.platform}:${s.handle ?? '?'}`,
        s.country ?? '—',
        `${signed(s.followers.change48h)} (${signed(s.followers.usual48h)})`,
        s.url ?? s.platformPostId,
      ]),
    ]),
  ].join('\n');
}

export function registerStarsCommand(program: Command, ctx: CliContext): void {
  program
    .command('stars')
    .description('star posts: posts far above their account’s usual interactions')
    .option('--window <length>', 'window length, e.g. 7d, 30d', '7d')
    .option('--to <YYYY-MM-DD>', 'last day of the window (default: the latest day with data)')
    .option('--country <code>', 'only accounts of this sending country')
    .option('--platform <platform>', 'only this platform')
    .option('--threshold <ratio>', 'minimum ratio to the median', '3')
    .option('--min-previous <n>', 'minimum number of previous posts of the same kind', '10')
    .option('--min-interactions <n>', 'minimum interactions of a star', '10')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nFormula: docs/methodology.md, "Star posts".')
    .action(
      async (opts: {
        window: string;
        to?: string;
        country?: string;
        platform?: string;
        threshold: string;
        minPrevious: string;
        minInteractions: string;
        json?: boolean;
      }) => {
        const days = parseWindowLength(opts.window);
        const threshold = Number(opts.threshold);
        const minBaseline = Number(opts.minPrevious);
        if (!(threshold > 0))
          throw new UserError(`--threshold "${opts.threshold}" is not a positive number`, 'usage');
        if (!Number.isInteger(minBaseline) || minBaseline < 1 || minBaseline > 100) {
          throw new UserError(
            `--min-previous "${opts.minPrevious}" is not a whole number from 1 to 100`,
            'usage',
          );
        }
        const minInteractions = Number(opts.minInteractions);
        if (!Number.isInteger(minInteractions) || minInteractions < 0) {
          throw new UserError(`--min-interactions "${opts.minInteractions}" is not a whole number`, 'usage');
        }
        const r = await withDatabase(ctx, (db) =>
          stars(db, {
            days,
            to: opts.to,
            country: opts.country,
            platform: opts.platform,
            threshold,
            minBaseline,
            minInteractions,
          }),
        );
        ctx.out(opts.json ? json(r) : describeStars(r));
      },
    );
}
