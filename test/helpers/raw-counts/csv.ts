import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

type Row = { [column: string]: string };

/** Counts from a CSV file in Attaché's layout by another route: csv-parse reads it, each column counted as written. */
export function csvCounts(file: string) {
  const rows = parse<Row>(readFileSync(file), { bom: true, columns: true });
  const words = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter((w) => w.replace(/^[#＃@]/, ''));
  const urls = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean);
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const metricColumns = ['likes', 'reposts', 'replies', 'quotes', 'views', 'bookmarks'];
  // Channels: one per platform and author, named by id or else by handle. The layout accepts "Twitter" for x
  // (docs/formats/csv.md), and a handle's leading "@" and case do not make another account.
  const platform = (label: string) =>
    label.trim().toLowerCase() === 'twitter' ? 'x' : label.trim().toLowerCase();
  const author = (r: Row) => r.author_id || (r.author_handle ?? '').replace(/^@/, '').toLowerCase();
  return {
    posts: rows.length,
    channels: new Set(rows.map((r) => `${platform(r.platform ?? '')} ${author(r)}`)).size,
    refs: sum((r) => ['reply_to_id', 'quote_of_id', 'repost_of_id'].filter((c) => r[c]).length),
    hashtags: sum((r) => words(r.hashtags).length),
    mentions: sum((r) => words(r.mentions).length),
    links: sum((r) => urls(r.links).length),
    media: sum((r) => urls(r.media_urls).length || Number(r.media_count || 0)),
    withMetrics: rows.filter((r) => metricColumns.some((c) => r[c])).length,
    accounts: rows.filter((r) =>
      ['author_name', 'author_followers', 'author_following', 'author_posts'].some((c) => r[c]),
    ).length,
  };
}
