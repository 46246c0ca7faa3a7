import { z } from 'zod';
import type { CanonicalAccount, CanonicalPost, MapOutput, PostKind } from '../../domain/canonical.js';
import { domainOf, normaliseHashtag } from '../../domain/hashtags.js';
import { unescapeXText } from '../shared/x-text.js';
import { snowflakeTime } from '../x-api-v1/fields.js';

// Ids must be strings: a numeric id has already lost precision in some JSON encoder upstream.
const id = z.string().regex(/^\d+$/, 'an id must be a string of digits');
const count = z.number().int().nonnegative().nullish();

const entitiesSchema = z
  .object({
    hashtags: z.array(z.object({ tag: z.string() })).nullish(),
    mentions: z.array(z.object({ username: z.string(), id: id.nullish() })).nullish(),
    urls: z
      .array(
        z.object({
          url: z.string(),
          expanded_url: z.string().nullish(),
          unwound_url: z.string().nullish(),
        }),
      )
      .nullish(),
  })
  .nullish();

const tweetSchema = z.object({
  id,
  text: z.string().nullish(),
  // A post longer than 280 characters: `text` is cut short, the whole text and its entities are here.
  note_tweet: z.object({ text: z.string(), entities: entitiesSchema }).nullish(),
  // Absent when the request asked for no tweet.fields; the time is then read from the id (a snowflake).
  created_at: z.string().datetime({ offset: true }).nullish(),
  author_id: id.nullish(),
  lang: z.string().nullish(),
  conversation_id: id.nullish(),
  edit_history_tweet_ids: z.array(id).nullish(),
  referenced_tweets: z.array(z.object({ type: z.string(), id })).nullish(),
  public_metrics: z
    .object({
      retweet_count: count,
      reply_count: count,
      like_count: count,
      quote_count: count,
      impression_count: count,
      bookmark_count: count,
    })
    .nullish(),
  entities: entitiesSchema,
  attachments: z.object({ media_keys: z.array(z.string()).nullish() }).nullish(),
  withheld: z.object({ country_codes: z.array(z.string()).nullish() }).nullish(),
  geo: z.object({ place_id: z.string().nullish() }).nullish(),
  author: z.unknown().optional(),
});

const userSchema = z.object({
  id,
  username: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  location: z.string().nullish(),
  profile_image_url: z.string().nullish(),
  verified: z.boolean().nullish(),
  public_metrics: z.object({ followers_count: count, following_count: count, tweet_count: count }).nullish(),
});

const mediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().nullish(),
  preview_image_url: z.string().nullish(),
  alt_text: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  duration_ms: z.number().nullish(),
});

type Tweet = z.infer<typeof tweetSchema>;
type Media = z.infer<typeof mediaSchema>;

const REF_KINDS: Record<string, 'reply' | 'quote' | 'repost'> = {
  replied_to: 'reply',
  quoted: 'quote',
  retweeted: 'repost',
};
const MEDIA_KINDS: Record<string, CanonicalPost['media'][number]['kind']> = {
  photo: 'image',
  video: 'video',
  animated_gif: 'gif',
};

function describeZod(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid record';
}

function kindOf(refs: CanonicalPost['refs']): PostKind {
  if (refs.some((r) => r.kind === 'repost')) return 'repost';
  if (refs.some((r) => r.kind === 'reply')) return 'reply';
  if (refs.some((r) => r.kind === 'quote')) return 'quote';
  return 'original';
}

export function mapTweet(
  t: Tweet,
  observedAt: string,
  media: ReadonlyMap<string, Media>,
  handles: ReadonlyMap<string, string>,
): CanonicalPost {
  const refs = (t.referenced_tweets ?? []).flatMap((r) =>
    REF_KINDS[r.type] ? [{ kind: REF_KINDS[r.type]!, targetId: r.id }] : [],
  );
  const m = t.public_metrics;
  const history = t.edit_history_tweet_ids ?? null;
  const handle = t.author_id ? (handles.get(t.author_id) ?? null) : null;
  const publishedAt = t.created_at ? new Date(t.created_at).toISOString() : snowflakeTime(t.id);
  const text = t.note_tweet?.text ?? t.text ?? null;
  const entities = t.note_tweet?.entities ?? t.entities;
  return {
    platform: 'x',
    platformPostId: t.id,
    author: { platformUserId: t.author_id ?? null, handle },
    publishedAt: publishedAt ?? observedAt,
    kind: kindOf(refs),
    text: text === null ? null : unescapeXText(text),
    lang: t.lang && t.lang !== 'und' ? t.lang : null,
    url: handle ? `https://x.com/${handle}/status/${t.id}` : `https://x.com/i/web/status/${t.id}`,
    conversationId: t.conversation_id ?? null,
    editHistoryIds: history,
    // The API gives the edit chain, not the edit time; a tweet that is not the first of its chain was edited.
    editedAt: history && history.length > 1 && history[0] !== t.id ? publishedAt : null,
    deletedAt: null,
    withheldIn: t.withheld?.country_codes ?? null,
    refs,
    hashtags: (entities?.hashtags ?? []).map((h) => ({ tag: h.tag, norm: normaliseHashtag(h.tag) })),
    mentions: (entities?.mentions ?? []).map((x) => ({
      handle: x.username,
      norm: x.username.toLowerCase(),
      platformUserId: x.id ?? null,
    })),
    links: (entities?.urls ?? []).map((u) => {
      const expanded = u.unwound_url ?? u.expanded_url ?? null;
      return { url: u.url, expandedUrl: expanded, domain: domainOf(expanded ?? u.url) };
    }),
    media: (t.attachments?.media_keys ?? []).map((key) => {
      const x = media.get(key);
      return {
        kind: x ? (MEDIA_KINDS[x.type] ?? 'other') : 'other',
        platformMediaId: key,
        url: x?.url ?? x?.preview_image_url ?? null,
        altText: x?.alt_text ?? null,
        width: x?.width ?? null,
        height: x?.height ?? null,
        durationMs: x?.duration_ms ?? null,
      };
    }),
    metrics: m
      ? {
          observedAt,
          likes: m.like_count ?? null,
          reposts: m.retweet_count ?? null,
          replies: m.reply_count ?? null,
          quotes: m.quote_count ?? null,
          views: m.impression_count ?? null,
          bookmarks: m.bookmark_count ?? null,
        }
      : null,
  };
}

function mapUser(u: z.infer<typeof userSchema>, observedAt: string): CanonicalAccount {
  return {
    platform: 'x',
    platformUserId: u.id,
    handle: u.username,
    displayName: u.name ?? null,
    observedAt,
    followers: u.public_metrics?.followers_count ?? null,
    following: u.public_metrics?.following_count ?? null,
    postCount: u.public_metrics?.tweet_count ?? null,
    bio: u.description ?? null,
    location: u.location ?? null,
    avatarUrl: u.profile_image_url ?? null,
    verified: u.verified ?? null,
  };
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One line of a twarc2 file: an API v2 response page (`data`, `includes`, `errors`, `__twarc`), or a
 * flattened tweet (`twarc2 flatten`: one tweet with its `author` inline). Each tweet and user is checked
 * on its own: a bad one becomes an issue and the others are kept.
 */
export function mapXApiV2(record: unknown, fallbackObservedAt: string): MapOutput {
  const out: MapOutput = { posts: [], accounts: [], issues: [] };
  if (!isObject(record)) {
    out.issues.push({
      severity: 'error',
      code: 'bad-record',
      message: 'a line is not a JSON object',
      recordKey: null,
    });
    return out;
  }
  const twarc = isObject(record.__twarc) ? record.__twarc : null;
  const retrieved = typeof twarc?.retrieved_at === 'string' ? twarc.retrieved_at : null;
  const observedAt =
    retrieved && !Number.isNaN(Date.parse(retrieved))
      ? new Date(retrieved).toISOString()
      : fallbackObservedAt;
  const flat = 'id' in record && !('data' in record);
  const includes = isObject(record.includes) ? record.includes : {};
  // A users lookup page has users in `data`; a tweets page has tweets there.
  const isUser = (x: unknown) => isObject(x) && 'username' in x && !('text' in x);
  const data = asArray(record.data);
  // `twarc2 flatten` puts each referenced tweet inline, in full and with its author: they are posts too.
  const inlineRefs = flat ? asArray(record.referenced_tweets).filter((r) => isObject(r) && 'text' in r) : [];
  const users = [
    ...data.filter(isUser),
    ...asArray(includes.users),
    ...(flat && isObject(record.author) ? [record.author] : []),
    ...inlineRefs.flatMap((r) => (isObject(r) && isObject(r.author) ? [r.author] : [])),
  ];
  const places = new Map<string, NonNullable<CanonicalPost['place']>>();
  for (const p of asArray(includes.places)) {
    if (isObject(p) && typeof p.id === 'string') {
      places.set(p.id, {
        id: p.id,
        name: typeof p.full_name === 'string' ? p.full_name : typeof p.name === 'string' ? p.name : null,
        countryCode: typeof p.country_code === 'string' ? p.country_code : null,
      });
    }
  }
  const media = new Map<string, Media>();
  for (const m of asArray(includes.media)) {
    const r = mediaSchema.safeParse(m);
    if (r.success) media.set(r.data.media_key, r.data);
  }
  const handles = new Map<string, string>();
  const seenUsers = new Set<string>();
  for (const u of users) {
    const r = userSchema.safeParse(u);
    if (!r.success) {
      out.issues.push({
        severity: 'warning',
        code: 'bad-user',
        message: `user skipped: ${describeZod(r.error)}`,
        recordKey: isObject(u) && typeof u.id === 'string' ? u.id : null,
      });
      continue;
    }
    handles.set(r.data.id, r.data.username);
    if (seenUsers.has(r.data.id)) continue;
    seenUsers.add(r.data.id);
    out.accounts.push(mapUser(r.data, observedAt));
  }
  // `text` is a default field of every v2 tweet; the objects of other endpoints twarc2 saves the same way
  // (owned lists, /2/tweets/counts buckets) have none and are not tweets, nor damaged ones.
  const others = flat ? [] : data.filter((x) => isObject(x) && !('text' in x) && !isUser(x));
  if (others.length) {
    out.issues.push({
      severity: 'warning',
      code: 'not-tweets',
      message: `${others.length} object(s) in "data" are neither tweets nor users (lists, tweet counts…): not imported`,
      recordKey: null,
    });
  }
  const tweets = flat
    ? [record, ...inlineRefs]
    : [...data.filter((x) => !isUser(x) && !others.includes(x)), ...asArray(includes.tweets)];
  const seenTweets = new Set<string>();
  const issue = (code: string, message: string, key: string | null): void => {
    out.issues.push({ severity: 'error', code, message, recordKey: key });
  };
  for (const t of tweets) {
    const key = isObject(t) && (typeof t.id === 'string' || typeof t.id === 'number') ? String(t.id) : null;
    if (isObject(t) && t.id === undefined) {
      issue('missing-id', 'tweet without an id skipped', null);
      continue;
    }
    const r = tweetSchema.safeParse(t);
    if (!r.success) {
      issue('bad-tweet', `tweet skipped: ${describeZod(r.error)}`, key);
      continue;
    }
    if (seenTweets.has(r.data.id)) continue;
    seenTweets.add(r.data.id);
    const post = mapTweet(r.data, observedAt, media, handles);
    const placeId = r.data.geo?.place_id;
    if (placeId) post.place = places.get(placeId) ?? { id: placeId, name: null, countryCode: null };
    out.posts.push(post);
  }
  // The API reports deleted, suspended and withheld items in `errors`; keep them as warnings with the id.
  for (const e of asArray(record.errors)) {
    if (!isObject(e)) continue;
    const what = [e.title, e.detail].filter((x) => typeof x === 'string').join(': ');
    const key =
      typeof e.value === 'string' ? e.value : typeof e.resource_id === 'string' ? e.resource_id : null;
    out.issues.push({
      severity: 'warning',
      code: 'api-error',
      message: what || 'error reported by the API',
      recordKey: key,
    });
  }
  return out;
}
