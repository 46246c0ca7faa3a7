import type { MapOutput } from '../../domain/canonical.js';
import { isObject, toId } from './fields.js';
import { collectStatus, collectUser, newCollector, type StatusCollector } from './status.js';

// A user object has a screen_name at the top and no text; a status has text and (usually) a `user`.
const isUser = (x: unknown): x is Record<string, unknown> =>
  isObject(x) && 'screen_name' in x && !('text' in x) && !('full_text' in x);

function collectItem(item: unknown, observedAt: string, col: StatusCollector): void {
  if (isUser(item)) {
    const author = collectUser(item, observedAt, col);
    // users/show and users/lookup embed the user's latest status without its `user`.
    if (isObject(item.status)) collectStatus(item.status, { observedAt, owner: author, archive: false }, col);
    return;
  }
  collectStatus(item, { observedAt, owner: null, archive: false }, col);
}

/**
 * One X API v1.1 item: a status (a twarc1 JSONL line), an array of statuses or users (timeline, lookup),
 * a search page (`statuses`), a user object, or a streaming notice (`delete`, `limit`). Retweeted and
 * quoted statuses become posts of their own; every status and user is checked on its own.
 */
export function mapXApiV1(value: unknown, observedAt: string): MapOutput {
  const col = newCollector();
  const warn = (code: string, message: string, key: string | null) =>
    col.out.issues.push({ severity: 'warning', code, message, recordKey: key });
  if (Array.isArray(value)) {
    for (const item of value) collectItem(item, observedAt, col);
  } else if (!isObject(value)) {
    col.out.issues.push({
      severity: 'error',
      code: 'bad-record',
      message: 'an item is neither a JSON object nor an array',
      recordKey: null,
    });
  } else if (Array.isArray(value.statuses)) {
    for (const item of value.statuses) collectItem(item, observedAt, col);
  } else if (isObject(value.delete)) {
    // Streaming deletion notice: the status is gone; no post to map, but its id is worth recording.
    const status = isObject(value.delete.status) ? value.delete.status : {};
    warn('deleted-status', 'the stream reported a deleted status', toId(status.id_str));
  } else if (isObject(value.limit)) {
    warn('stream-limit', 'the stream reported statuses withheld by its rate limit', null);
  } else if (Array.isArray(value.errors) && !('id_str' in value)) {
    for (const e of value.errors) {
      const message = isObject(e) && typeof e.message === 'string' ? e.message : 'error reported by the API';
      warn('api-error', message, null);
    }
  } else {
    collectItem(value, observedAt, col);
  }
  if (col.authorless > 0) {
    warn('no-author', `${col.authorless} status(es) carry no user: author unknown`, null);
  }
  return col.out;
}
