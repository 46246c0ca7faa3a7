import { connectors } from '../../src/connectors/index.js';
import type { Database } from '../../src/db/database.js';
import { importFiles, type ImportOptions, type ImportSummary } from '../../src/ingest/import.js';
import { silentProgress } from '../../src/ingest/progress.js';

export const fixedNow = () => new Date('2026-11-21T12:00:00Z');

/** `importFiles` with the real connectors, a fixed clock and no progress output. */
export function runImport(
  db: Database,
  paths: string[],
  opts: Partial<ImportOptions> = {},
): Promise<ImportSummary> {
  return importFiles(db, {
    paths,
    format: 'auto',
    dataset: null,
    connectors,
    version: 'attache/test',
    now: fixedNow,
    progress: silentProgress,
    detectLang: () => null,
    ...opts,
  });
}

export const CANONICAL_TABLES = [
  'channels',
  'posts',
  'post_refs',
  'post_hashtags',
  'post_mentions',
  'post_links',
  'post_media',
  'post_metrics',
  'channel_snapshots',
  'raw_records',
  'channel_daily',
  'ingest_issues',
] as const;

export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of CANONICAL_TABLES) {
    out[t] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n;
  }
  return out;
}

/** The whole rollup table in a stable order, for comparing incremental maintenance with a rebuild. */
export async function rollupRows(db: Database): Promise<unknown[]> {
  return db.query(
    `SELECT channel_id, day, posts, originals, replies, quotes, reposts, media_posts, likes_received, reposts_received,
       replies_received, quotes_received, views_received, followers FROM channel_daily ORDER BY channel_id, day`,
  );
}
