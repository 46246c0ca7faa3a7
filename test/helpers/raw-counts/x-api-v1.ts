import { arr, jsonItems, obj, type Json } from './json.js';

/**
 * Counts worked out by walking the raw JSON tree of an API v1.1 file, not by the mapper's route: a status is
 * any object with created_at and a text field, a user any object with followers_count; ids are the id_str
 * values.
 */
export function xApiV1Counts(file: string) {
  const statuses = new Map<string, Json>();
  const users = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!obj(v)) return;
    if ('created_at' in v && ('full_text' in v || 'text' in v)) statuses.set(String(v.id_str), v);
    if ('followers_count' in v) users.add(String(v.id_str));
    Object.values(v).forEach(walk);
  };
  jsonItems(file).forEach(walk);
  const all = [...statuses.values()];
  const entities = (s: Json): Json => {
    const e = s.truncated && obj(s.extended_tweet) ? s.extended_tweet.entities : s.entities;
    return obj(e) ? e : {};
  };
  const sum = (f: (s: Json) => number) => all.reduce((n, s) => n + f(s), 0);
  const replies = all.filter((s) => typeof s.in_reply_to_status_id_str === 'string').length;
  const reposts = all.filter((s) => s.retweeted_status).length;
  const quotes = all.filter((s) => typeof s.quoted_status_id_str === 'string').length;
  // Channels: every user object, and the author of every status (a trim_user status names only the id).
  const authors = all.flatMap((s) => (obj(s.user) ? [String(s.user.id_str)] : []));
  return {
    posts: statuses.size,
    users: users.size,
    channels: new Set([...users, ...authors]).size,
    hashtags: sum((s) => arr(entities(s).hashtags).length),
    mentions: sum((s) => arr(entities(s).user_mentions).length),
    links: sum((s) => arr(entities(s).urls).length),
    media: sum((s) => (obj(s.extended_entities) ? arr(s.extended_entities.media).length : 0)),
    replies,
    reposts,
    quotes,
    // A status has at most one reference of each kind, so the (post, kind, target) key collapses none.
    refs: replies + reposts + quotes,
  };
}
