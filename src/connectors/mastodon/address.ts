import { domainToASCII } from 'node:url';
import { normaliseHandle } from '../../domain/handles.js';

export interface Address {
  handle: string;
  norm: string;
}

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * The full `user@instance` address of an account, in the registry's form (`normaliseHandle('mastodon')`:
 * host lower-cased and in ASCII/punycode, user as written; `norm` lower-cased). A local account's `acct` has
 * no instance: it is taken from the account's profile URL, which is on the instance that answered.
 */
export function addressOf(acct: string, url: string | null | undefined): Address {
  const key = `${acct} ${url ?? ''}`;
  let address = memo.get(key);
  if (!address) {
    // The same few accounts recur on every page of a timeline: their address is worked out once.
    if (memo.size >= MEMO_SIZE) memo.clear();
    address = computeAddress(acct, url);
    memo.set(key, address);
  }
  return address;
}

// A cache of a pure function (same input, same answer), so map stays deterministic.
const MEMO_SIZE = 50_000;
const memo = new Map<string, Address>();

function computeAddress(acct: string, url: string | null | undefined): Address {
  const bare = acct.startsWith('@') ? acct.slice(1) : acct;
  const at = bare.lastIndexOf('@');
  const user = at > 0 ? bare.slice(0, at) : bare;
  const host = at > 0 ? bare.slice(at + 1) : hostOf(url);
  if (!host) return { handle: bare, norm: bare.toLowerCase() };
  const ascii = (domainToASCII(host) || host).toLowerCase();
  const result = normaliseHandle('mastodon', `${user}@${ascii}`);
  if (result.ok) return { handle: result.value.handle, norm: result.value.norm };
  // Usernames outside Mastodon's alphabet (other fediverse servers): kept as written.
  const handle = `${user}@${ascii}`;
  return { handle, norm: handle.toLowerCase() };
}

/**
 * The platform user id: the account's profile URL (`url`, else its ActivityPub `uri`). Mastodon's numeric
 * account ids are local to the instance that answered; the profile URL is what every instance reports for
 * the account, and mentions carry it too, so authors, mentions and snapshots meet on the same key.
 */
export function accountKey(url: string | null | undefined, uri: string | null | undefined): string | null {
  return url || uri || null;
}
