import { z } from 'zod';
import type { CanonicalPost, MapOutput } from '../../domain/canonical.js';
import { count, idOf, isRecord, likesOf, mediaOf, timeOf } from './fields.js';
import { entitiesOf, plainText, runsOf } from './text.js';

const CHANNEL_TYPES = new Set(['public_channel', 'private_channel']);
const PEER = /^(?:channel|chat|user)(\d+)$/;

const unix = z.union([z.string(), z.number()]).nullish();
const size = z.number().nullish();
const messageSchema = z.object({
  date: z.string().nullish(),
  date_unixtime: unix,
  edited: z.string().nullish(),
  edited_unixtime: unix,
  text: z.union([z.string(), z.array(z.unknown())]).nullish(),
  text_entities: z.array(z.unknown()).nullish(),
  reply_to_message_id: z.union([z.number(), z.string()]).nullish(),
  reply_to_peer_id: z.string().nullish(),
  forwarded_from: z.string().nullish(),
  views: z.unknown().optional(),
  forwards: z.unknown().optional(),
  reactions: z.array(z.unknown()).nullish(),
  photo: z.string().nullish(),
  file: z.string().nullish(),
  media_type: z.string().nullish(),
  width: size,
  height: size,
  duration_seconds: size,
});
type Message = z.infer<typeof messageSchema>;

function describeZod(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'message'}: ${first.message}` : 'invalid message';
}

/** One channel of the export: its account, its messages as posts, and one summary issue per skipped kind. */
function mapChat(chat: Record<string, unknown>, observedAt: string, out: MapOutput): void {
  const fail = (code: string, message: string, key: string | null): void => {
    out.issues.push({ severity: 'error', code, message, recordKey: key });
  };
  if (!Array.isArray(chat.messages)) return fail('bad-record', 'the chat has no messages array', null);
  const messages: unknown[] = chat.messages;
  if (typeof chat.type !== 'string' || !CHANNEL_TYPES.has(chat.type)) {
    return fail(
      'not-a-channel',
      `chat type ${JSON.stringify(chat.type)} is not a channel: not imported`,
      null,
    );
  }
  let channelId = idOf(chat.id);
  for (let i = 0; !channelId && i < messages.length; i++) {
    const m = messages[i];
    if (isRecord(m) && typeof m.from_id === 'string')
      channelId = /^channel(\d+)$/.exec(m.from_id)?.[1] ?? null;
  }
  if (!channelId) return fail('missing-id', 'the channel has no numeric id', null);

  out.accounts.push({
    platform: 'telegram',
    platformUserId: channelId,
    handle: null,
    displayName: typeof chat.name === 'string' ? chat.name : null,
    observedAt,
    followers: null,
    following: null,
    postCount: null,
    bio: null,
    location: null,
    avatarUrl: null,
    verified: null,
  });

  const skipped = { service: 0, unsupported: 0, localTime: 0, duplicate: 0 };
  const seen = new Set<string>();
  for (const raw of messages) {
    if (!isRecord(raw)) {
      fail('bad-message', 'a message is not a JSON object', null);
      continue;
    }
    if (raw.type === 'service') {
      skipped.service++;
      continue;
    }
    if (raw.type === 'unsupported') {
      skipped.unsupported++;
      continue;
    }
    const id = idOf(raw.id);
    const key = id ? `${channelId}/${id}` : null;
    if (raw.id === undefined || raw.id === null) {
      fail('missing-id', 'message without an id skipped', null);
      continue;
    }
    if (!id) {
      fail('bad-id', `message id ${JSON.stringify(raw.id)} is not a positive integer: skipped`, null);
      continue;
    }
    if (raw.type !== 'message') {
      fail('bad-message', `message type ${JSON.stringify(raw.type)} is unknown: skipped`, key);
      continue;
    }
    const r = messageSchema.safeParse(raw);
    if (!r.success) {
      fail('bad-message', `message skipped: ${describeZod(r.error)}`, key);
      continue;
    }
    const m = r.data;
    const published = timeOf(m.date_unixtime, m.date);
    if (!published) {
      fail(
        'bad-date',
        `message skipped: no readable date (${JSON.stringify(m.date ?? m.date_unixtime)})`,
        key,
      );
      continue;
    }
    if (seen.has(id)) {
      skipped.duplicate++;
      continue;
    }
    seen.add(id);
    if (published.assumedUtc) skipped.localTime++;
    out.posts.push(toPost(channelId, id, raw, m, published.iso, observedAt));
  }

  const warn = (n: number, code: string, message: string) => {
    if (n > 0)
      out.issues.push({ severity: 'warning', code, message: `${n} ${message}`, recordKey: channelId });
  };
  warn(
    skipped.service,
    'service-messages-skipped',
    'service message(s) (joins, pins, title changes…) skipped',
  );
  warn(
    skipped.unsupported,
    'unsupported-messages-skipped',
    'message(s) the exporter could not serialise skipped',
  );
  warn(
    skipped.localTime,
    'local-time-assumed-utc',
    'message(s) without date_unixtime: local time read as UTC',
  );
  warn(skipped.duplicate, 'duplicate-message', 'message(s) repeated with the same id: first kept');
}

function toPost(
  channelId: string,
  id: string,
  raw: Record<string, unknown>,
  m: Message,
  publishedAt: string,
  observedAt: string,
): CanonicalPost {
  const runs = runsOf(m.text, m.text_entities);
  const replyTo = idOf(m.reply_to_message_id);
  // A reply to a message of another chat names that chat; message ids are only unique per chat.
  const replyPeer = m.reply_to_peer_id ? (PEER.exec(m.reply_to_peer_id)?.[1] ?? channelId) : channelId;
  const edited = timeOf(m.edited_unixtime, m.edited);
  const views = count(m.views);
  const reposts = count(m.forwards);
  const likes = likesOf(m.reactions);
  return {
    platform: 'telegram',
    platformPostId: `${channelId}/${id}`,
    author: { platformUserId: channelId, handle: null },
    publishedAt,
    // `forwarded_from` is null when the original sender hides their name: the key itself marks a forward.
    kind: replyTo ? 'reply' : 'forwarded_from' in raw ? 'repost' : 'original',
    text: plainText(m.text, runs),
    lang: null,
    url: null,
    conversationId: null,
    editHistoryIds: null,
    editedAt: edited?.iso ?? null,
    deletedAt: null,
    withheldIn: null,
    refs: replyTo ? [{ kind: 'reply', targetId: `${replyPeer}/${replyTo}` }] : [],
    ...entitiesOf(runs),
    media: mediaOf(m),
    metrics:
      views === null && reposts === null && likes === null
        ? null
        : { observedAt, likes, reposts, replies: null, quotes: null, views, bookmarks: null },
  };
}

/**
 * A Telegram Desktop JSON export (result.json): one chat (`name`, `type`, `id`, `messages`), or a whole
 * account export whose `chats.list` / `left_chats.list` hold many chats — only channels are imported
 * (personal chats and groups are private conversations). Every message is checked on its own.
 */
export function mapTelegramExport(value: unknown, observedAt: string): MapOutput {
  const out: MapOutput = { posts: [], accounts: [], issues: [] };
  if (!isRecord(value)) {
    out.issues.push({
      severity: 'error',
      code: 'bad-record',
      message: 'the export is not a JSON object',
      recordKey: null,
    });
    return out;
  }
  if ('messages' in value) {
    mapChat(value, observedAt, out);
    return out;
  }
  const lists = [value.chats, value.left_chats].flatMap((c): unknown[] =>
    isRecord(c) && Array.isArray(c.list) ? (c.list as unknown[]) : [],
  );
  if (lists.length === 0 && !isRecord(value.chats)) {
    out.issues.push({
      severity: 'error',
      code: 'not-a-telegram-export',
      message: 'neither `messages` nor `chats.list` found',
      recordKey: null,
    });
    return out;
  }
  let others = 0;
  for (const chat of lists) {
    if (isRecord(chat) && typeof chat.type === 'string' && CHANNEL_TYPES.has(chat.type))
      mapChat(chat, observedAt, out);
    else others++;
  }
  if (others > 0) {
    out.issues.push({
      severity: 'warning',
      code: 'non-channel-chats-skipped',
      message: `${others} chat(s) that are not channels (personal chats, groups) not imported`,
      recordKey: null,
    });
  }
  return out;
}
