import { z } from 'zod';

/** `at://<did>/<collection>/<rkey>`: the repo (author) and record key are read from it. */
export const AT_URI =
  /^at:\/\/(did:[a-z]+:[A-Za-z0-9._:%-]+)\/([a-z][a-zA-Z0-9.-]*)\/([A-Za-z0-9._~:-]{1,512})$/;
export const POST_COLLECTION = 'app.bsky.feed.post';
export const REPOST_COLLECTION = 'app.bsky.feed.repost';

const HAS_ZONE = /(Z|[+-]\d\d:\d\d)$/i;
export const didSchema = z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]+$/, 'not a DID');
const postUri = z
  .string()
  .regex(AT_URI, 'not an at:// record URI')
  .refine((u) => u.includes(`/${POST_COLLECTION}/`), 'not an app.bsky.feed.post URI');
const count = z.number().int().nonnegative().nullish();
// Lexicon times carry a zone; a few old clients wrote none, and those are read as UTC (see toIso).
export const timeSchema = z
  .string()
  .datetime({ offset: true, local: true })
  .refine((t) => !Number.isNaN(Date.parse(HAS_ZONE.test(t) ? t : `${t}Z`)), 'not a real time');
const strongRef = z.object({ uri: z.string().min(1) });

/** `app.bsky.actor.defs#profileView*`: basic (post authors), full (followers) and detailed (getProfile). */
export const profileSchema = z.object({
  did: didSchema,
  handle: z.string().min(1),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  avatar: z.string().nullish(),
  followersCount: count,
  followsCount: count,
  postsCount: count,
  verification: z.object({ verifiedStatus: z.string().nullish() }).nullish(),
});

/** `app.bsky.feed.post` record. Facets and embeds are checked piece by piece later, so one odd facet keeps the post. */
export const postRecordSchema = z.object({
  text: z.string().nullish(),
  createdAt: timeSchema,
  langs: z.array(z.string()).nullish(),
  facets: z.unknown().optional(),
  reply: z.object({ root: strongRef.nullish(), parent: strongRef.nullish() }).nullish(),
  embed: z.unknown().optional(),
});

/** `app.bsky.feed.defs#postView`: a post as the AppView serves it, with its author and counters. */
export const postViewSchema = z.object({
  uri: postUri,
  author: profileSchema,
  record: postRecordSchema,
  embed: z.unknown().optional(),
  replyCount: count,
  repostCount: count,
  likeCount: count,
  quoteCount: count,
  bookmarkCount: count,
});

/** `com.atproto.repo.getRecord` / one `listRecords` entry holding a post. */
export const postEntrySchema = z.object({ uri: postUri, value: postRecordSchema });

/** One `app.bsky.feed.repost` record (from `listRecords` on that collection). */
export const repostEntrySchema = z.object({
  uri: z.string().regex(AT_URI, 'not an at:// record URI'),
  value: z.object({ subject: strongRef, createdAt: timeSchema }),
});

export const reasonRepostSchema = z.object({ by: profileSchema, indexedAt: timeSchema });

const facetIndex = z.object({
  byteStart: z.number().int().nonnegative(),
  byteEnd: z.number().int().nonnegative(),
});
export const facetSchema = z.object({ index: facetIndex, features: z.array(z.unknown()) });
export const tagFeature = z.object({ tag: z.string().min(1).max(640) });
export const mentionFeature = z.object({ did: didSchema });
export const linkFeature = z.object({ uri: z.string().min(1) });

export type Profile = z.infer<typeof profileSchema>;
export type PostRecord = z.infer<typeof postRecordSchema>;
export type PostView = z.infer<typeof postViewSchema>;

export function describeZod(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid record';
}

/** The problem's issue code: a bad time gets its own code so date trouble can be counted apart. */
export function zodCode(error: z.ZodError): string {
  return error.issues.some((i) => i.path.includes('createdAt') || i.path.includes('indexedAt'))
    ? 'bad-date'
    : 'bad-post';
}

export function toIso(time: string): string {
  return new Date(HAS_ZONE.test(time) ? time : `${time}Z`).toISOString();
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
