import { arr, distinctRefs, jsonItems, obj, objects, type Json } from './json.js';

/**
 * Counts worked out from raw twarc2 / API v2 files by a different route than the mapper (no schema, no
 * mapping): distinct tweets (first occurrence wins, files in the given order; a flattened tweet's inline
 * referenced tweets count too), distinct users and authors, and the references, hashtags, mentions, links
 * and media of those tweets. A tweet is an object with a `text` (API v2 always returns it); the other
 * objects a `data` array can hold (list objects, tweet-count buckets) are neither tweets nor users.
 */
export function twarcCounts(files: readonly string[]) {
  const tweets = new Map<string, Json>();
  const users = new Set<string>();
  // A metric observation is a tweet's counters at one retrieval time (the file's time when twarc gives none).
  const observations = new Set<string>();
  for (const file of files) {
    for (const page of jsonItems(file).filter(obj)) {
      const retrieved = obj(page.__twarc) ? page.__twarc.retrieved_at : undefined;
      const at = typeof retrieved === 'string' ? retrieved : `file ${file}`;
      const inc = obj(page.includes) ? page.includes : {};
      const isTweet = (t: Json) => 'text' in t && !('username' in t);
      // A flattened line is one tweet whose referenced tweets are written out in full, each with its author.
      const data =
        'data' in page
          ? objects(([] as unknown[]).concat(page.data))
          : [page, ...objects(page.referenced_tweets).filter(isTweet)];
      for (const t of [...data, ...objects(inc.tweets)]) {
        if (isTweet(t) && t.public_metrics) observations.add(`${String(t.id)} ${at}`);
      }
      for (const d of data) {
        if ('username' in d) users.add(String(d.id));
        else if (isTweet(d) && !tweets.has(String(d.id))) tweets.set(String(d.id), d);
      }
      for (const t of objects(inc.tweets)) if (!tweets.has(String(t.id))) tweets.set(String(t.id), t);
      for (const u of objects(inc.users)) users.add(String(u.id));
      if (!('data' in page)) for (const t of data) if (obj(t.author)) users.add(String(t.author.id));
    }
  }
  const all = [...tweets.values()];
  const sum = (f: (t: Json) => number) => all.reduce((n, t) => n + f(t), 0);
  // A long post (note_tweet) carries the entities of its whole text.
  const entities = (t: Json) =>
    obj(t.note_tweet) && obj(t.note_tweet.entities)
      ? t.note_tweet.entities
      : obj(t.entities)
        ? t.entities
        : {};
  const authors = new Set([
    ...users,
    ...all.flatMap((t) => (typeof t.author_id === 'string' ? [t.author_id] : [])),
  ]);
  return {
    posts: tweets.size,
    users: users.size,
    /** Channels: every user object and every author id, known or not (mentions make no channel). */
    authors: authors.size,
    refs: sum((t) =>
      distinctRefs(objects(t.referenced_tweets).map((r) => [String(r.type), String(r.id)] as const)),
    ),
    hashtags: sum((t) => objects(entities(t).hashtags).length),
    mentions: sum((t) => objects(entities(t).mentions).length),
    links: sum((t) => objects(entities(t).urls).length),
    media: sum((t) => (obj(t.attachments) ? arr(t.attachments.media_keys).length : 0)),
    observations: observations.size,
  };
}
