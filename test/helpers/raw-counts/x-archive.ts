import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { arr, obj, type Json } from './json.js';

/** Counts from an X archive's tweets.js by another route: cut at the first '[' (as most archive scripts do), parse, count. */
export function xArchiveCounts(file: string) {
  const text = readFileSync(file, 'utf8');
  const items = arr(JSON.parse(text.slice(text.indexOf('['))));
  const tweets = items.filter(obj).map((i) => (obj(i.tweet) ? i.tweet : i));
  const sum = (f: (t: Json) => number) => tweets.reduce((n, t) => n + f(t), 0);
  const entity = (t: Json, k: string) => (obj(t.entities) ? arr(t.entities[k]).length : 0);
  const replies = tweets.filter((t) => t.in_reply_to_status_id_str).length;
  return {
    posts: tweets.length,
    // An archive is one account's, named in account.js beside the tweets: its owner is the author of every
    // tweet. Without that file (tweets carry no user) the owner is unknown and the posts have no channel.
    channels: existsSync(path.join(path.dirname(file), 'account.js')) ? 1 : 0,
    hashtags: sum((t) => entity(t, 'hashtags')),
    mentions: sum((t) => entity(t, 'user_mentions')),
    links: sum((t) => entity(t, 'urls')),
    media: sum((t) => (obj(t.extended_entities) ? arr(t.extended_entities.media).length : 0)),
    replies,
    // An archived retweet is only its "RT @" text (no target id): a repost without a reference.
    refs: replies,
    retweets: tweets.filter((t) => String(t.full_text).startsWith('RT @')).length,
    likes: sum((t) => Number(t.favorite_count)),
  };
}
