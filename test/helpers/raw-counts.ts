import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

const jsonLines = (file: string): Json[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Json];
      } catch {
        return [];
      }
    });

/**
 * Counts worked out from raw twarc2 / API v2 files by a different route than the mapper (no schema, no
 * mapping): distinct tweets (first occurrence wins, files in the given order), distinct users and authors,
 * and the references, hashtags, mentions and media of those tweets.
 */
export function twarcCounts(files: readonly string[]) {
  const tweets = new Map<string, Json>();
  const users = new Set<string>();
  // A metric observation is a tweet's counters at one retrieval time (the file's time when twarc gives none).
  const observations = new Set<string>();
  for (const file of files) {
    for (const page of jsonLines(file)) {
      const retrieved = ((page.__twarc ?? {}) as Json).retrieved_at;
      const at = typeof retrieved === 'string' ? retrieved : `file ${file}`;
      for (const t of [
        ...('data' in page ? ([] as Json[]).concat(page.data as Json[]) : [page]),
        ...((((page.includes ?? {}) as Json).tweets ?? []) as Json[]),
      ]) {
        if (t.public_metrics && !('username' in t)) observations.add(`${String(t.id)} ${at}`);
      }
      const inc = (page.includes ?? {}) as Json;
      const data = 'data' in page ? ([] as Json[]).concat(page.data as Json[]) : [page];
      for (const d of data) {
        if ('username' in d) users.add(String(d.id));
        else if (!tweets.has(String(d.id))) tweets.set(String(d.id), d);
      }
      for (const t of (inc.tweets ?? []) as Json[])
        if (!tweets.has(String(t.id))) tweets.set(String(t.id), t);
      for (const u of (inc.users ?? []) as Json[]) users.add(String(u.id));
      if (page.author) users.add(String((page.author as Json).id));
    }
  }
  const all = [...tweets.values()];
  const sum = (f: (t: Json) => number) => all.reduce((n, t) => n + f(t), 0);
  const entities = (t: Json) => (t.entities ?? {}) as Record<string, unknown[] | undefined>;
  const authors = new Set([
    ...users,
    ...all.flatMap((t) => (typeof t.author_id === 'string' ? [t.author_id] : [])),
  ]);
  return {
    posts: tweets.size,
    users: users.size,
    authors: authors.size,
    refs: sum((t) => ((t.referenced_tweets ?? []) as unknown[]).length),
    hashtags: sum((t) => (entities(t).hashtags ?? []).length),
    mentions: sum((t) => (entities(t).mentions ?? []).length),
    media: sum((t) => (((t.attachments ?? {}) as Json).media_keys as unknown[] | undefined)?.length ?? 0),
    observations: observations.size,
  };
}
