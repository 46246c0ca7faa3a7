/** The columns of the published CSV layout (docs/formats/csv.md); any other column is ignored. */
export const CSV_COLUMNS = [
  'platform',
  'post_id',
  'author_id',
  'author_handle',
  'author_name',
  'author_followers',
  'author_following',
  'author_posts',
  'published_at',
  'kind',
  'text',
  'lang',
  'url',
  'conversation_id',
  'reply_to_id',
  'quote_of_id',
  'repost_of_id',
  'hashtags',
  'mentions',
  'links',
  'media_urls',
  'media_count',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'views',
  'bookmarks',
  'observed_at',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const KNOWN: ReadonlySet<string> = new Set(CSV_COLUMNS);

export function isCsvColumn(name: string): name is CsvColumn {
  return KNOWN.has(name);
}

/** Header names match case-insensitively, with spaces and hyphens read as underscores ("Post ID" = post_id). */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The columns a header lacks for any row to be usable (empty when it is complete). */
export function missingColumns(names: ReadonlySet<string>): string[] {
  const missing = ['platform', 'post_id', 'published_at'].filter((c) => !names.has(c));
  if (!names.has('author_id') && !names.has('author_handle')) missing.push('author_id or author_handle');
  return missing;
}
