import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { arr, obj, type Json } from './json.js';

/** The array of an archive .js file, cut at the first '[' (as most archive scripts do); [] when it does not parse. */
function ytdItems(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  try {
    return arr(JSON.parse(text.slice(text.indexOf('['))));
  } catch {
    return [];
  }
}

/**
 * The long-post note of each tweet, by the community archive's rule (TheExGenesis/community-archive,
 * `patchTweetsWithNoteTweets`): the tweet's `full_text` contains the first 200 characters of the note's text
 * and the two times are less than a second apart. Another route than the connector's (cut text as a prefix of
 * the note, within 5 s): both must find the same notes in the fixtures.
 */
function noteOf(tweet: Json, notes: Json[]): Json | null {
  const at = Date.parse(String(tweet.created_at));
  const fit = notes.filter((n) => {
    const core = obj(n.core) ? n.core : {};
    return (
      String(tweet.full_text).includes(String(core.text).slice(0, 200)) &&
      Math.abs(at - Date.parse(String(n.createdAt))) < 1000
    );
  });
  return fit.length === 1 && obj(fit[0]!.core) ? fit[0]!.core : null;
}

/** Counts from an X archive's tweets.js by another route: cut at the first '[' (as most archive scripts do), parse, count. */
export function xArchiveCounts(file: string) {
  const text = readFileSync(file, 'utf8');
  const items = arr(JSON.parse(text.slice(text.indexOf('['))));
  const tweets = items.filter(obj).map((i) => (obj(i.tweet) ? i.tweet : i));
  // note-tweet.js beside the file holds the whole text and entities of long posts (cut in tweets.js).
  const notesFile = path.join(path.dirname(file), 'note-tweet.js');
  const notes = existsSync(notesFile)
    ? ytdItems(notesFile)
        .filter(obj)
        .map((i) => i.noteTweet)
        .filter(obj)
    : [];
  const sum = (f: (t: Json) => number) => tweets.reduce((n, t) => n + f(t), 0);
  const entity = (t: Json, k: string, noteKey: string) => {
    const note = noteOf(t, notes);
    if (note) return arr(note[noteKey]).length;
    return obj(t.entities) ? arr(t.entities[k]).length : 0;
  };
  const replies = tweets.filter((t) => t.in_reply_to_status_id_str).length;
  return {
    posts: tweets.length,
    // An archive is one account's, named in account.js beside the tweets: its owner is the author of every
    // tweet. Without that file (tweets carry no user) the owner is unknown and the posts have no channel.
    channels: existsSync(path.join(path.dirname(file), 'account.js')) ? 1 : 0,
    hashtags: sum((t) => entity(t, 'hashtags', 'hashtags')),
    mentions: sum((t) => entity(t, 'user_mentions', 'mentions')),
    links: sum((t) => entity(t, 'urls', 'urls')),
    media: sum((t) => (obj(t.extended_entities) ? arr(t.extended_entities.media).length : 0)),
    replies,
    // An archived retweet is only its "RT @" text (no target id): a repost without a reference.
    refs: replies,
    retweets: tweets.filter((t) => String(t.full_text).startsWith('RT @')).length,
    likes: sum((t) => Number(t.favorite_count)),
  };
}
