import type { CanonicalPost, MapIssue, MapOutput, PostKind } from '../../domain/canonical.js';
import { normaliseHandle } from '../../domain/handles.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { normaliseLang } from '../../domain/language.js';
import { platformFromLabel } from '../../domain/platforms.js';
import { CSV_COLUMNS, type CsvColumn } from './columns.js';
import { isHttpUrl, mediaKindOf, parseCount, parseIsoTime, splitUrls, splitWords } from './values.js';

/** One row as `read` hands it over: the known, non-empty columns by name. */
export type CsvRow = Partial<Record<CsvColumn, string>>;

const KINDS: ReadonlyMap<string, PostKind> = new Map([
  ['original', 'original'],
  ['post', 'original'],
  ['reply', 'reply'],
  ['quote', 'quote'],
  ['repost', 'repost'],
  ['retweet', 'repost'],
  ['reblog', 'repost'],
]);
/** More media than any platform allows in one post: the count is wrong, not the post. */
const MAX_MEDIA = 100;

function asRow(value: unknown): CsvRow | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const row: CsvRow = {};
  for (const column of CSV_COLUMNS) {
    const v = record[column];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return null;
    row[column] = v;
  }
  return row;
}

const trimmed = (v: string | undefined): string | null => v?.trim() || null;
/** A value quoted for a message: escaped, and cut short, since a hostile row can hold megabytes. */
const shown = (v: string | undefined): string => {
  const s = v ?? '';
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
};

type Handle = { handle: string; norm: string };
function handleOf(platform: string, raw: string): Handle | null {
  const r = normaliseHandle(platform, raw);
  return r.ok ? { handle: r.value.handle, norm: r.value.norm } : null;
}

function inferKind(row: CsvRow): PostKind {
  if (trimmed(row.repost_of_id)) return 'repost';
  if (trimmed(row.reply_to_id)) return 'reply';
  if (trimmed(row.quote_of_id)) return 'quote';
  return 'original';
}

/**
 * One CSV row (docs/formats/csv.md) to a post and, when the row carries author name or counts, an account
 * observation. A row without platform, post id, author or a valid publication time is dropped with an
 * error; a bad optional value (a metric that is not a whole number, an unknown kind, a bad URL) is left
 * out with a warning and the post is kept.
 */
export function mapCsvRow(value: unknown, fallbackObservedAt: string): MapOutput {
  const out: MapOutput = { posts: [], accounts: [], issues: [] };
  try {
    mapInto(value, fallbackObservedAt, out);
  } catch (error) {
    // Defensive: map must never throw; a bug here costs one row, not the import.
    out.posts = [];
    out.accounts = [];
    const message = `row skipped: ${error instanceof Error ? error.message : String(error)}`;
    out.issues.push({ severity: 'error', code: 'bad-record', message, recordKey: null });
  }
  return out;
}

function mapInto(value: unknown, fallbackObservedAt: string, out: MapOutput): void {
  const row = asRow(value);
  const issue = (severity: MapIssue['severity'], code: string, message: string, key: string | null) =>
    out.issues.push({ severity, code, message, recordKey: key });
  if (!row) {
    issue('error', 'bad-record', 'a row must be an object of text values by column name', null);
    return;
  }
  const id = trimmed(row.post_id);
  const drop = (code: string, message: string, key: string | null): void => {
    issue('error', code, message, key);
  };
  if (!id) return drop('missing-id', 'row without a post_id skipped', null);
  const platformLabel = trimmed(row.platform);
  if (!platformLabel) return drop('missing-platform', 'row without a platform skipped', id);
  // platformFromLabel looks names up in a plain object: "constructor" would come back as a function.
  const platform: unknown = platformFromLabel(platformLabel);
  if (typeof platform !== 'string')
    return drop('bad-platform', `platform ${shown(platformLabel)} is not a platform`, id);
  const authorId = trimmed(row.author_id);
  const rawHandle = trimmed(row.author_handle);
  if (!authorId && !rawHandle) {
    return drop('missing-author', 'row with neither author_id nor author_handle skipped', id);
  }
  if (!trimmed(row.published_at)) return drop('missing-date', 'row without published_at skipped', id);
  const publishedAt = parseIsoTime(row.published_at!);
  if (!publishedAt) {
    const message = `published_at ${shown(row.published_at)} is not an ISO 8601 time with an offset; row skipped`;
    return drop('bad-date', message, id);
  }

  let observedAt = fallbackObservedAt;
  if (trimmed(row.observed_at)) {
    const t = parseIsoTime(row.observed_at!);
    if (t) observedAt = t;
    else
      issue(
        'warning',
        'bad-date',
        `observed_at ${shown(row.observed_at)} is not valid; the file's time is used`,
        id,
      );
  }

  let handle: string | null = null;
  if (rawHandle) {
    handle = handleOf(platform, rawHandle)?.handle ?? null;
    if (!handle) {
      handle = rawHandle.replace(/^@/, '');
      issue(
        'warning',
        'bad-handle',
        `author_handle ${shown(rawHandle)} is not a valid ${platform} handle; kept as written`,
        id,
      );
    }
  }

  let kind = inferKind(row);
  const kindLabel = trimmed(row.kind)?.toLowerCase();
  if (kindLabel) {
    const k = KINDS.get(kindLabel);
    if (k) kind = k;
    else
      issue(
        'warning',
        'bad-kind',
        `kind ${shown(row.kind)} is not original, reply, quote or repost; "${kind}" assumed`,
        id,
      );
  }

  const refs: CanonicalPost['refs'] = [];
  for (const [column, refKind] of [
    ['reply_to_id', 'reply'],
    ['quote_of_id', 'quote'],
    ['repost_of_id', 'repost'],
  ] as const) {
    const target = trimmed(row[column]);
    if (target) refs.push({ kind: refKind, targetId: target });
  }

  let url = trimmed(row.url);
  if (url && !isHttpUrl(url)) {
    issue('warning', 'bad-url', `url ${shown(url)} is not an http(s) address; left out`, id);
    url = null;
  }

  const count = (column: CsvColumn): number | null => {
    const r = parseCount(row[column]);
    if (r.ok) return r.value;
    issue('warning', 'bad-metric', `${column} ${shown(row[column])} is not a whole number; left unknown`, id);
    return null;
  };
  const metrics = {
    likes: count('likes'),
    reposts: count('reposts'),
    replies: count('replies'),
    quotes: count('quotes'),
    views: count('views'),
    bookmarks: count('bookmarks'),
  };

  out.posts.push({
    platform,
    platformPostId: id,
    author: { platformUserId: authorId, handle },
    publishedAt,
    kind,
    text: row.text || null,
    lang: normaliseLang(row.lang),
    url,
    conversationId: trimmed(row.conversation_id),
    editHistoryIds: null,
    editedAt: null,
    deletedAt: null,
    withheldIn: null,
    refs,
    hashtags: splitWords(row.hashtags)
      .map((h) => h.replace(/^[#＃]+/, ''))
      .filter(Boolean)
      .map((tag) => ({ tag, norm: normaliseHashtag(tag) })),
    mentions: splitWords(row.mentions)
      .map((m) => m.replace(/^@/, ''))
      .filter(Boolean)
      .map((m) => {
        const h = handleOf(platform, m);
        return { handle: h?.handle ?? m, norm: h?.norm ?? m.toLowerCase(), platformUserId: null };
      }),
    links: splitUrls(row.links).map((u) => ({ url: u, expandedUrl: null, domain: domainOf(u) })),
    media: mediaOf(row, id, issue),
    metrics: Object.values(metrics).some((m) => m !== null) ? { observedAt, ...metrics } : null,
  });

  const displayName = trimmed(row.author_name);
  const followers = count('author_followers');
  const following = count('author_following');
  const postCount = count('author_posts');
  if (displayName || followers !== null || following !== null || postCount !== null) {
    out.accounts.push({
      platform,
      platformUserId: authorId,
      handle,
      displayName,
      observedAt,
      followers,
      following,
      postCount,
      bio: null,
      location: null,
      avatarUrl: null,
      verified: null,
    });
  }
}

function mediaOf(
  row: CsvRow,
  id: string,
  issue: (severity: 'warning', code: string, message: string, key: string) => void,
): CanonicalPost['media'] {
  const entry = (url: string | null): CanonicalPost['media'][number] => ({
    kind: url ? mediaKindOf(url) : 'other',
    platformMediaId: null,
    url,
    altText: null,
    width: null,
    height: null,
    durationMs: null,
  });
  const urls = splitUrls(row.media_urls);
  if (urls.length) return urls.map(entry);
  const count = parseCount(row.media_count);
  if (!count.ok || (count.value ?? 0) > MAX_MEDIA) {
    issue(
      'warning',
      'bad-media-count',
      `media_count ${shown(row.media_count)} is not a plausible count; ignored`,
      id,
    );
    return [];
  }
  return Array.from({ length: count.value ?? 0 }, () => entry(null));
}
