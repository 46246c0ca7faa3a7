import { z } from 'zod';

/**
 * The shape of v1.1 statuses and users as far as the mappers read them. Numbers may be JSON numbers (API)
 * or strings (archive), so ids and counters are left loose here and read by `toId` / `toCount`.
 */

const str = z.string().nullish();
// Checked later by toId/toCount, which also accept the archive's strings.
const loose = z.unknown().optional();
export const mediaSchema = z.object({
  id_str: loose,
  id: loose,
  type: z.string(),
  media_url_https: str,
  media_url: str,
  ext_alt_text: str,
  original_info: z.object({ width: loose, height: loose }).nullish(),
  sizes: z.object({ large: z.object({ w: loose, h: loose }).nullish() }).nullish(),
  video_info: z.object({ duration_millis: loose }).nullish(),
});
const entitiesSchema = z.object({
  hashtags: z.array(z.object({ text: z.string() })).nullish(),
  user_mentions: z.array(z.object({ screen_name: z.string(), id_str: loose, id: loose })).nullish(),
  urls: z
    .array(z.object({ url: z.string(), expanded_url: str, unwound: z.object({ url: str }).nullish() }))
    .nullish(),
  media: z.array(mediaSchema).nullish(),
});
const extendedEntitiesSchema = z.object({ media: z.array(mediaSchema).nullish() });
export const statusSchema = z.object({
  created_at: str,
  full_text: str,
  text: str,
  truncated: loose,
  lang: str,
  in_reply_to_status_id_str: loose,
  in_reply_to_status_id: loose,
  quoted_status_id_str: loose,
  withheld_in_countries: z.array(z.string()).nullish(),
  favorite_count: loose,
  retweet_count: loose,
  reply_count: loose,
  quote_count: loose,
  entities: entitiesSchema.nullish(),
  extended_entities: extendedEntitiesSchema.nullish(),
  // Streaming statuses over 140 characters keep their full text and entities here.
  extended_tweet: z
    .object({
      full_text: str,
      entities: entitiesSchema.nullish(),
      extended_entities: extendedEntitiesSchema.nullish(),
    })
    .nullish(),
  user: loose,
  retweeted_status: loose,
  quoted_status: loose,
  edit_info: loose,
  edit_history: loose,
  edit_control: loose,
  deleted_at: str,
});
export const userSchema = z.object({
  id_str: loose,
  id: loose,
  screen_name: z.string(),
  name: str,
  description: str,
  location: str,
  profile_image_url_https: str,
  profile_image_url: str,
  verified: z.boolean().nullish(),
  followers_count: loose,
  friends_count: loose,
  statuses_count: loose,
});

export type Status = z.infer<typeof statusSchema>;
export type Media = z.infer<typeof mediaSchema>;
