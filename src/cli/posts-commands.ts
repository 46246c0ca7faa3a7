import type { Command } from 'commander';
import { postStats } from '../ingest/post-queries.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

export function registerPostsCommands(program: Command, ctx: CliContext): void {
  const posts = program.command('posts').description('imported posts');
  posts
    .command('stats')
    .description('how many posts, by platform, kind, language and dataset')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const s = await withDatabase(ctx, (db) => postStats(db));
      if (opts.json) return ctx.out(json(s));
      if (!s.posts) return ctx.out('no posts yet (try: attache import FILE…)');
      ctx.out(
        `${num(s.posts)} posts from ${num(s.channels)} channels (${num(s.registryChannels)} in the registry), ${s.first?.slice(0, 10)} … ${s.last?.slice(0, 10)}`,
      );
      const section = (title: string, r: Record<string, number>) =>
        ctx.out(`\n${title}\n${table(Object.entries(r).map(([k, n]) => [`  ${k}`, num(n)]))}`);
      section('by platform', s.byPlatform);
      section('by kind', s.byKind);
      section('by language', s.byLanguage);
      section('by dataset', s.byDataset);
    });
}
