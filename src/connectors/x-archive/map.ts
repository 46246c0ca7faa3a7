import type { AuthorRef, CanonicalAccount, MapOutput } from '../../domain/canonical.js';
import { isObject, toId } from '../x-api-v1/fields.js';
import { collectStatus, newCollector } from '../x-api-v1/status.js';
import { applyNotes, parseNotes } from './note-tweets.js';

/**
 * An X account archive's data files are JavaScript: `window.YTD.<name>.partN = [ … ]`. The reader hands
 * `map` the text of tweets.js with account.js, profile.js and note-tweet.js of the same folder before it, so
 * one item can hold several assignments. A JSON string cannot contain a raw newline, so an assignment at the start of a
 * line can only be a real section boundary.
 */
const SECTION = /(?:^|\n)[ \t]*window\.YTD\.([A-Za-z0-9_]+)\.part(\d+)[ \t]*=[ \t]*/g;
const TWEET_SECTIONS = new Set(['tweets', 'tweet', 'deleted_tweets']);
/** The whole text of long posts (note-tweet.js): it completes tweets, and is never posts of its own. */
const NOTE_SECTION = 'note_tweet';

interface Section {
  name: string;
  part: string;
  json: string;
}

export function splitSections(text: string): Section[] {
  const found = [...text.matchAll(SECTION)];
  return found.map((m, i) => {
    const end = found[i + 1]?.index ?? text.length;
    const json = text
      .slice(m.index + m[0].length, end)
      .trim()
      .replace(/;$/, '');
    return { name: m[1]!, part: m[2]!, json };
  });
}

const first = (items: unknown[], key: string): Record<string, unknown> | null => {
  const x: unknown = items[0];
  return isObject(x) && isObject(x[key]) ? x[key] : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The archive's owner from account.js (id, handle, name) completed by profile.js (bio, location, avatar). */
function ownerAccount(
  account: Record<string, unknown>,
  profile: Record<string, unknown> | null,
  observedAt: string,
): CanonicalAccount | null {
  const id = toId(account.accountId);
  const handle = str(account.username);
  if (!id && !handle) return null;
  const description = profile && isObject(profile.description) ? profile.description : {};
  return {
    platform: 'x',
    platformUserId: id,
    handle,
    displayName: str(account.accountDisplayName),
    observedAt,
    // An archive holds no follower or tweet counters.
    followers: null,
    following: null,
    postCount: null,
    bio: str(description.bio),
    location: str(description.location),
    avatarUrl: profile ? str(profile.avatarMediaUrl) : null,
    verified: null,
  };
}

/**
 * One archive item (text): tweets.js (`tweets` or the older `tweet` section, items with or without the
 * `{ "tweet": … }` wrapper), deleted-tweets.js, the owner's account.js / profile.js and note-tweet.js. Tweets
 * carry no author: the owner from account.js is their author; without it the author is unknown ('no-owner').
 * A long post's cut text is replaced by its note's whole text (note-tweets.ts); a note section that cannot be
 * read is a warning only, since the tweets are complete without it but for that text.
 */
export function mapXArchive(value: unknown, observedAt: string): MapOutput {
  const col = newCollector();
  const out = col.out;
  const add = (severity: 'error' | 'warning', code: string, message: string) =>
    out.issues.push({ severity, code, message, recordKey: null });
  if (typeof value !== 'string') {
    add('error', 'bad-record', 'an archive item must be the text of a .js file');
    return out;
  }
  let sections = splitSections(value);
  // Some tools save tweets.js with the assignment already stripped: a bare JSON array of tweets.
  if (sections.length === 0 && value.trimStart().startsWith('[')) {
    sections = [{ name: 'tweets', part: '0', json: value.trim() }];
  }
  if (sections.length === 0) {
    add('error', 'not-an-archive', 'no `window.YTD.<name>.partN = …` assignment found');
    return out;
  }
  const parsed: { name: string; items: unknown[] }[] = [];
  for (const s of sections) {
    let items: unknown;
    const note = s.name === NOTE_SECTION;
    const unreadable = (why: string) =>
      note
        ? add('warning', 'bad-note-tweets', `${s.name}.part${s.part}${why}: long posts keep their cut text`)
        : add('error', 'bad-json', `${s.name}.part${s.part}${why}`);
    try {
      items = JSON.parse(s.json);
    } catch (error) {
      unreadable(`: ${error instanceof Error ? error.message : 'invalid JSON'}`);
      continue;
    }
    if (!Array.isArray(items)) {
      unreadable(' is not an array');
      continue;
    }
    parsed.push({ name: s.name, items });
  }

  const account = parsed.find((s) => s.name === 'account');
  const profile = parsed.find((s) => s.name === 'profile');
  const accountData = account ? first(account.items, 'account') : null;
  const owner = accountData
    ? ownerAccount(accountData, profile ? first(profile.items, 'profile') : null, observedAt)
    : null;
  if (owner) out.accounts.push(owner);
  const author: AuthorRef | null = owner
    ? { platformUserId: owner.platformUserId, handle: owner.handle }
    : null;

  let tweets = 0;
  for (const s of parsed) {
    if (s.name === 'account' || s.name === 'profile' || s.name === NOTE_SECTION) continue;
    if (!TWEET_SECTIONS.has(s.name)) {
      add('warning', 'unsupported-section', `section ${s.name} is not imported (${s.items.length} items)`);
      continue;
    }
    for (const item of s.items) {
      // Archives since 2020 wrap each tweet as { "tweet": … }; older ones list bare tweet objects.
      const tweet = isObject(item) && isObject(item.tweet) ? item.tweet : item;
      tweets++;
      collectStatus(tweet, { observedAt, owner: author, archive: true }, col);
    }
  }
  const notes = parsed.filter((s) => s.name === NOTE_SECTION).flatMap((s) => s.items);
  if (tweets > 0 && notes.length > 0) applyNotes(out.posts, parseNotes(notes, out.issues), out.issues);
  if (tweets > 0 && !author) {
    add(
      'warning',
      'no-owner',
      `${tweets} tweet(s) mapped without an author: no account.js beside the tweets file`,
    );
  }
  return out;
}
