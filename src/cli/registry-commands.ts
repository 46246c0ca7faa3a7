import type { Command } from 'commander';
import { BUNDLED_SOURCES, importRegistry, type RegistryImportResult } from '../registry/import.js';
import { registryStats, searchRegistry, showRegistry, type RegistryStats } from '../registry/queries.js';
import { withDatabase, type CliContext } from './context.js';
import { json, num, table } from './format.js';

const changeText = (c: { added: number; removed: number; changed: number }) =>
  `+${num(c.added)} −${num(c.removed)} ~${num(c.changed)}`;

export function describeImport(r: RegistryImportResult): string {
  if (r.status === 'unchanged')
    return `${r.source} ${r.snapshotDate}: unchanged (this snapshot is already imported)`;
  return (
    `${r.source} ${r.snapshotDate}: ${num(r.entries)} entries, ${num(r.skipped)} rows skipped, ` +
    `${num(r.errors)} errors, ${num(r.warnings)} warnings (attache runs show ${r.run}); ` +
    `actors ${changeText(r.actors)}, channels ${changeText(r.channels)}`
  );
}

export function describeStats(s: RegistryStats): string {
  const lines = [
    `actors ${num(s.actors)} · channels ${num(s.channels)} · sending countries ${num(s.countries)} · host countries ${num(s.hostCountries)}`,
    '',
    'channels by platform:',
    table(Object.entries(s.platforms).map(([k, v]) => [`  ${k}`, num(v)])),
    '',
    'actors by kind:',
    table(Object.entries(s.kinds).map(([k, v]) => [`  ${k}`, num(v)])),
    '',
    'sources:',
    table(
      Object.entries(s.sources).map(([k, v]) => [
        `  ${k}`,
        `${num(v.entries)} entries`,
        `snapshot ${v.snapshotDate ?? '-'}`,
      ]),
    ),
  ];
  return lines.join('\n');
}

export function registerRegistryCommands(program: Command, ctx: CliContext): void {
  const registry = program
    .command('registry')
    .description('the registry of diplomatic actors and their channels');
  registry
    .command('import')
    .description(`import registry sources (default: the bundled ${BUNDLED_SOURCES.join(' and ')})`)
    .option(
      '--source <name|FILE>',
      `${BUNDLED_SOURCES.join(' | ')} | a CSV file (format detected from its header)`,
    )
    .option('--as-of <YYYY-MM-DD>', 'snapshot date of a file that carries none (default: today)')
    .option('--force', 'import again even if this exact snapshot was imported before')
    .option('--json', 'print JSON')
    .addHelpText('after', "\nA ministry's own list: see docs/registry-csv.md for the CSV columns.")
    .action(async (opts: { source?: string; asOf?: string; force?: boolean; json?: boolean }) => {
      const results = await withDatabase(ctx, (db) =>
        importRegistry(
          { db, dataDir: ctx.config.dataDir, now: ctx.now },
          { source: opts.source, asOf: opts.asOf, force: opts.force },
        ),
      );
      if (opts.json) ctx.out(json(results));
      else for (const r of results) ctx.out(describeImport(r));
    });
  registry
    .command('stats')
    .description('counts of actors, channels, countries, platforms and kinds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const stats = await withDatabase(ctx, (db) => registryStats(db));
      ctx.out(opts.json ? json(stats) : describeStats(stats));
    });
  registry
    .command('search')
    .description('find actors by name, city, country, Wikidata QID or handle')
    .argument('<text...>', 'text to look for')
    .option('--limit <n>', 'at most this many results', '50')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      const found = await withDatabase(ctx, (db) =>
        searchRegistry(db, words.join(' '), Number.isInteger(limit) && limit > 0 ? limit : 50),
      );
      if (opts.json) return ctx.out(json(found));
      if (!found.length) return ctx.out('no match');
      ctx.out(
        table([
          ['id', 'kind', 'from', 'in', 'name', 'channels'],
          ...found.map((a) => [String(a.id), a.kind, a.sending, a.host ?? '-', a.name, a.channels.join(' ')]),
        ]),
      );
    });
  registry
    .command('show')
    .description('one actor with its channels, provenance and history')
    .argument('<ref>', 'actor id, Wikidata QID, or a handle (@handle, x:handle, mastodon:user@instance)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const actors = await withDatabase(ctx, (db) => showRegistry(db, ref));
      if (opts.json) return ctx.out(json(actors));
      for (const a of actors) {
        ctx.out(
          `${a.name}  [#${a.id}${a.wikidataQid ? ` ${a.wikidataQid}` : ''}]${a.removedOn ? `  (removed ${a.removedOn})` : ''}`,
        );
        ctx.out(
          `  ${a.kind} of ${a.sending}${a.host ? ` in ${a.host}` : ''}${a.city ? `, ${a.city}` : ''}${a.website ? `  ${a.website}` : ''}`,
        );
        if (a.parent) ctx.out(`  part of: ${a.parent.name} [#${a.parent.id}]`);
        ctx.out(
          `  sources: ${a.sources.map((s) => `${s.source} since ${s.firstSeen}${s.removedOn ? ` until ${s.removedOn}` : ''}`).join('; ')}`,
        );
        for (const c of a.channelDetails) {
          const prov = c.sources
            .map((s) => `${s.source} ${s.firstSeen}${s.removedOn ? `–${s.removedOn}` : ''}`)
            .join(', ');
          ctx.out(
            `  ${c.platform.padEnd(10)} ${(c.handle ?? '').padEnd(28)} ${c.url ?? ''}  (${prov})${c.removedOn ? ' removed' : ''}`,
          );
        }
        for (const ch of a.changes)
          ctx.out(`  ${ch.date} ${ch.source}: ${ch.entity} ${ch.change} ${JSON.stringify(ch.details)}`);
      }
    });
}
