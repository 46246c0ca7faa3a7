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

/**
 * The whole rollup table in a stable order, channels named by platform and user id or handle (surrogate ids
 * differ between databases: sequences do not roll back), for comparing incremental maintenance with a rebuild.
 */
export async function rollupRows(db: Database): Promise<unknown[]> {
  return db.query(
    `SELECT c.platform, coalesce(c.platform_user_id, c.handle_norm) AS channel, d.day, d.posts, d.originals, d.replies,
       d.quotes, d.reposts, d.media_posts, d.likes_received, d.reposts_received, d.replies_received, d.quotes_received,
       d.views_received, d.followers
     FROM channel_daily d JOIN channels c ON c.id = d.channel_id ORDER BY 1, 2, 3`,
  );
}
