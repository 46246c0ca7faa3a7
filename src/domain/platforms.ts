/** Platform ids used everywhere (channels.platform). Unknown labels become a slug of the label. */
export const KNOWN_PLATFORMS = [
  'x',
  'bluesky',
  'mastodon',
  'telegram',
  'youtube',
  'facebook',
  'instagram',
  'threads',
  'tiktok',
  'linkedin',
  'flickr',
  'vk',
  'weibo',
  'rss',
] as const;

export type KnownPlatform = (typeof KNOWN_PLATFORMS)[number];

const LABELS: Record<string, KnownPlatform> = {
  x: 'x',
  twitter: 'x',
  bluesky: 'bluesky',
  bsky: 'bluesky',
  mastodon: 'mastodon',
  telegram: 'telegram',
  youtube: 'youtube',
  facebook: 'facebook',
  instagram: 'instagram',
  threads: 'threads',
  tiktok: 'tiktok',
  linkedin: 'linkedin',
  flickr: 'flickr',
  vk: 'vk',
  vkontakte: 'vk',
  weibo: 'weibo',
  rss: 'rss',
  atom: 'rss',
};

/** "X", "Twitter", "Twitter channel" → "x"; "Odnoklassniki" → "odnoklassniki". */
export function platformFromLabel(label: string): string {
  const key = label.trim().toLowerCase();
  const first = key.split(/\s+/)[0] ?? '';
  const known = Object.hasOwn(LABELS, key)
    ? LABELS[key]
    : Object.hasOwn(LABELS, first)
      ? LABELS[first]
      : undefined;
  if (known) return known;
  const slug = key.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug || 'other';
}
