import { loadJson, objects, type Json } from './json.js';

/** Counts from a raw Telegram Desktop channel export by another route: filter messages by type, count entity runs by kind. */
export function telegramCounts(file: string) {
  const chat = loadJson(file) as Json;
  const all = objects(chat.messages);
  const messages = all.filter((m) => m.type === 'message');
  const runs = (m: Json) => objects(m.text_entities ?? (Array.isArray(m.text) ? m.text : []));
  const runsOf = (type: string) =>
    messages.reduce((n, m) => n + runs(m).filter((r) => r.type === type).length, 0);
  const reactions = (m: Json) =>
    objects(m.reactions)
      .filter((r) => r.type !== 'paid')
      .reduce((n, r) => n + Number(r.count), 0);
  const replies = messages.filter((m) => 'reply_to_message_id' in m).length;
  return {
    posts: messages.length,
    // One export of one chat: the channel is the author of every message.
    channels: 1,
    hashtags: runsOf('hashtag'),
    mentions: runsOf('mention') + runsOf('mention_name'),
    links: runsOf('link') + runsOf('text_link'),
    media: messages.filter((m) => 'photo' in m || 'file' in m).length,
    replies,
    // A forward names its source chat by name only (no message id): it is a repost without a reference.
    refs: replies,
    reposts: messages.filter((m) => 'forwarded_from' in m && !('reply_to_message_id' in m)).length,
    likes: messages.reduce((n, m) => n + reactions(m), 0),
    service: all.filter((m) => m.type === 'service').length,
  };
}
