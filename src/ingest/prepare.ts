import type { Connector, ReadItem } from '../connectors/connector.js';
import type { CanonicalAccount, CanonicalPost, MapOutput } from '../domain/canonical.js';
import { normaliseLang } from '../domain/language.js';
import type { PendingIssue, PendingItem } from './batch.js';

export interface PreparedItem {
  item: PendingItem;
  issues: PendingIssue[];
}

const isoOrNull = (s: string | null | undefined): string | null => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/**
 * Parses and maps one read item, and checks what the writer relies on (UTC ISO times, a post id): a record
 * that fails becomes an issue with the item's position and the others are kept. A connector that throws
 * is a bug, recorded as an issue rather than ending the import.
 */
export function prepareItem(
  connector: Connector,
  read: ReadItem,
  file: string,
  observedAt: string,
  detectLang: (text: string) => string | null,
): PreparedItem {
  const issues: PendingIssue[] = [];
  const issue = (severity: 'error' | 'warning', code: string, message: string, recordKey: string | null) =>
    issues.push({
      connector: connector.id,
      file,
      line: read.line,
      byteOffset: read.byteOffset,
      severity,
      code,
      message,
      recordKey,
    });
  const item: PendingItem = {
    connector: connector.id,
    file,
    line: read.line,
    byteOffset: read.byteOffset,
    retrievedAt: observedAt,
    rawEncoding: connector.rawEncoding,
    bytes: read.bytes,
    posts: [],
    accounts: [],
    keepRaw: false,
  };
  let value: unknown = read.text;
  if (connector.payload === 'json') {
    try {
      value = JSON.parse(read.text);
    } catch (error) {
      item.keepRaw = true;
      if (read.unterminated)
        issue(
          'error',
          'truncated-line',
          'the last line is cut off (no newline at the end): not valid JSON',
          null,
        );
      else
        issue(
          'error',
          'bad-json',
          `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          null,
        );
      return { item, issues };
    }
  }
  let out: MapOutput;
  try {
    out = connector.map(value, { observedAt, file });
  } catch (error) {
    item.keepRaw = true;
    issue(
      'error',
      'mapper-failed',
      `the ${connector.id} mapper failed: ${error instanceof Error ? error.message : String(error)}`,
      null,
    );
    return { item, issues };
  }
  for (const i of out.issues) issue(i.severity, i.code, i.message, i.recordKey);
  if (out.issues.some((i) => i.severity === 'error')) item.keepRaw = true;
  for (const p of out.posts) {
    const post = checkPost(p, detectLang);
    if (typeof post === 'string') {
      issue('error', 'bad-post', post, p.platformPostId || null);
      item.keepRaw = true;
    } else item.posts.push(post);
  }
  for (const a of out.accounts) {
    const account = checkAccount(a);
    if (account) item.accounts.push(account);
    else
      issue(
        'warning',
        'bad-account',
        'account observation with an invalid time skipped',
        a.platformUserId ?? a.handle,
      );
  }
  return { item, issues };
}

function checkPost(p: CanonicalPost, detectLang: (text: string) => string | null): CanonicalPost | string {
  if (typeof p.platformPostId !== 'string' || !p.platformPostId) return 'post without an id';
  const publishedAt = isoOrNull(p.publishedAt);
  if (!publishedAt) return `post has an invalid publication time "${String(p.publishedAt)}"`;
  let metrics = p.metrics;
  if (metrics) {
    const observedAt = isoOrNull(metrics.observedAt);
    metrics = observedAt ? { ...metrics, observedAt } : null;
  }
  let lang = normaliseLang(p.lang);
  let langSource = lang ? p.langSource : undefined;
  if (!lang && p.text) {
    lang = detectLang(p.text);
    if (lang) langSource = 'detected';
  }
  return {
    ...p,
    publishedAt,
    editedAt: isoOrNull(p.editedAt),
    deletedAt: isoOrNull(p.deletedAt),
    metrics,
    lang,
    ...(langSource ? { langSource } : {}),
  };
}

function checkAccount(a: CanonicalAccount): CanonicalAccount | null {
  const observedAt = isoOrNull(a.observedAt);
  return observedAt ? { ...a, observedAt } : null;
}
