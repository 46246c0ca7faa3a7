import { z } from 'zod';

// Mastodon ids are digit strings, but Pleroma/Akkoma (flake ids) and GoToSocial (ULIDs) use other
// alphabets: any non-empty string is accepted. A JSON number is refused: precision may already be lost.
const id = z.string().min(1);
// Some servers send -1 for a counter they hide; that is "unknown", mapped to null later.
const count = z.number().int().nullish();
const time = z.iso.datetime({ offset: true });
const dimension = z.number().nonnegative().nullish();

export const accountSchema = z.object({
  id,
  username: z.string(),
  acct: z.string().min(1),
  url: z.string().nullish(),
  uri: z.string().nullish(),
  display_name: z.string().nullish(),
  note: z.string().nullish(),
  avatar: z.string().nullish(),
  bot: z.boolean().nullish(),
  followers_count: count,
  following_count: count,
  statuses_count: count,
});

const mediaSchema = z.object({
  id: id.nullish(),
  type: z.string(),
  url: z.string().nullish(),
  remote_url: z.string().nullish(),
  preview_url: z.string().nullish(),
  description: z.string().nullish(),
  // Its shape differs by media type and by server; a surprising one loses the sizes, not the status.
  meta: z
    .object({
      original: z.object({ width: dimension, height: dimension, duration: dimension }).nullish().catch(null),
    })
    .nullish()
    .catch(null),
});

export const statusSchema = z.object({
  id,
  uri: z.string().min(1),
  created_at: time,
  edited_at: z.string().nullish(),
  url: z.string().nullish(),
  content: z.string().nullish(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  in_reply_to_id: id.nullish(),
  in_reply_to_account_id: id.nullish(),
  account: accountSchema,
  replies_count: count,
  reblogs_count: count,
  favourites_count: count,
  quotes_count: count,
  tags: z.array(z.object({ name: z.string().min(1), url: z.string().nullish() })).nullish(),
  mentions: z
    .array(
      z.object({
        id: id.nullish(),
        username: z.string().nullish(),
        acct: z.string().min(1),
        url: z.string().nullish(),
      }),
    )
    .nullish(),
  media_attachments: z.array(mediaSchema).nullish(),
  card: z.object({ url: z.string() }).nullish(),
  // Checked on their own (they are statuses), so that a bad inner status does not sink its wrapper.
  reblog: z.unknown().optional(),
  quote: z.unknown().optional(),
});

export type MastodonAccount = z.infer<typeof accountSchema>;
export type MastodonStatus = z.infer<typeof statusSchema>;
export type MastodonMedia = z.infer<typeof mediaSchema>;

export function describeZod(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid record';
}
