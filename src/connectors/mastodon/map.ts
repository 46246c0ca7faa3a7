import type { MapIssue, MapOutput } from '../../domain/canonical.js';
import { hostOf } from './address.js';
import { accountSchema, describeZod, statusSchema } from './schema.js';
import type { MastodonAccount, MastodonStatus } from './schema.js';
import { mapAccount, mapStatus, quotedStatus } from './status.js';
import type { ItemScope } from './status.js';

// Reblogs do not nest on Mastodon, quotes do; a deeper chain in a hostile file is not followed.
const MAX_DEPTH = 4;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (v: Record<string, unknown>): string | null =>
  typeof v.uri === 'string' && v.uri ? v.uri : typeof v.id === 'string' && v.id ? v.id : null;
const isAccountLike = (v: Record<string, unknown>): boolean => 'acct' in v && !('account' in v);

interface Found {
  statuses: MastodonStatus[];
  accounts: MastodonAccount[];
  issues: MapIssue[];
}

function error(found: Found, code: string, message: string, recordKey: string | null): void {
  found.issues.push({ severity: 'error', code, message, recordKey });
}

function collectStatus(raw: unknown, depth: number, found: Found): void {
  if (!isObject(raw)) {
    error(found, 'bad-post', 'a status is not a JSON object', null);
    return;
  }
  const key = keyOf(raw);
  const absent = (v: unknown) => v === undefined || v === null || v === '';
  if (absent(raw.id) || absent(raw.uri)) {
    error(found, 'missing-id', `status without ${absent(raw.id) ? 'an id' : 'a uri'} skipped`, key);
    return;
  }
  const r = statusSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0]?.path[0];
    const code = first === 'created_at' ? 'bad-date' : 'bad-post';
    error(found, code, `status skipped: ${describeZod(r.error)}`, key);
    return;
  }
  found.statuses.push(r.data);
  if (depth >= MAX_DEPTH) return;
  // The boosted and the quoted statuses are posts of their own, with their own authors.
  if (isObject(r.data.reblog)) collectStatus(r.data.reblog, depth + 1, found);
  const quoted = quotedStatus(r.data.quote);
  if (quoted) collectStatus(quoted, depth + 1, found);
}

function collectAccount(raw: Record<string, unknown>, found: Found): void {
  const r = accountSchema.safeParse(raw);
  if (r.success) found.accounts.push(r.data);
  else {
    const key = typeof raw.url === 'string' ? raw.url : typeof raw.acct === 'string' ? raw.acct : null;
    error(found, 'bad-account', `account skipped: ${describeZod(r.error)}`, key);
  }
}

function collectAny(v: unknown, found: Found): void {
  if (isObject(v) && isAccountLike(v)) collectAccount(v, found);
  else collectStatus(v, 0, found);
}

/** Sorts a response's entities: statuses, accounts, or both (context, search results, JSONL of either). */
function collect(value: unknown, found: Found): void {
  if (Array.isArray(value)) {
    for (const v of value) collectAny(v, found);
    return;
  }
  if (!isObject(value)) {
    error(found, 'bad-record', 'an item is neither a JSON object nor an array', null);
    return;
  }
  if ('ancestors' in value || 'descendants' in value || 'statuses' in value) {
    for (const k of ['ancestors', 'descendants', 'statuses', 'accounts']) {
      const list = value[k];
      if (Array.isArray(list)) for (const v of list) collectAny(v, found);
      else if (list !== undefined) error(found, 'bad-record', `"${k}" is not an array`, null);
    }
    return;
  }
  if (typeof value.error === 'string') {
    error(found, 'api-error', `the instance answered with an error: ${value.error.slice(0, 200)}`, null);
    return;
  }
  if (isAccountLike(value)) collectAccount(value, found);
  else if ('account' in value || 'uri' in value || 'content' in value || 'id' in value)
    collectStatus(value, 0, found);
  else error(found, 'bad-record', 'not a Mastodon Status, Account, context or list of them', null);
}

/** A local account's profile URL is on the instance that answered the request. */
function servingHost(found: Found): string | null {
  const local = (acct: string, url: string | null | undefined) => (acct.includes('@') ? null : hostOf(url));
  for (const s of found.statuses) {
    const host =
      local(s.account.acct, s.account.url) ?? s.mentions?.map((m) => local(m.acct, m.url)).find(Boolean);
    if (host) return host;
  }
  for (const a of found.accounts) {
    const host = local(a.acct, a.url);
    if (host) return host;
  }
  return null;
}

/**
 * One Mastodon REST response (a Status, a list of Statuses, a context, an Account or a list of Accounts),
 * or one line of a JSONL file of them. Each status and account is checked on its own: a bad one becomes an
 * issue and the others are kept. Posts are keyed by the status `uri`, accounts by their profile URL.
 */
export function mapMastodon(value: unknown, observedAt: string): MapOutput {
  const found: Found = { statuses: [], accounts: [], issues: [] };
  const out: MapOutput = { posts: [], accounts: [], issues: found.issues };
  try {
    collect(value, found);
    const uris = new Map<string, string>();
    for (const s of found.statuses) if (!uris.has(s.id)) uris.set(s.id, s.uri);
    const scope: ItemScope = { observedAt, uris, servingHost: servingHost(found), issues: found.issues };
    const seenPosts = new Set<string>();
    const seenAccounts = new Set<string>();
    const addAccount = (a: MastodonAccount): void => {
      // Keyed as mapAccount keys it (profile URL, else ActivityPub id), checked before the bio is parsed.
      const key = a.url || a.uri || a.acct;
      if (seenAccounts.has(key)) return;
      seenAccounts.add(key);
      out.accounts.push(mapAccount(a, observedAt));
    };
    for (const s of found.statuses) {
      addAccount(s.account);
      if (seenPosts.has(s.uri)) continue;
      seenPosts.add(s.uri);
      out.posts.push(mapStatus(s, scope));
    }
    for (const a of found.accounts) addAccount(a);
  } catch (e) {
    // Never expected; map must not throw, so an unforeseen input is reported rather than raised.
    error(found, 'map-failed', `item not mapped: ${e instanceof Error ? e.message : String(e)}`, null);
  }
  return out;
}
