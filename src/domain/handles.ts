/**
 * Handle normalisation per platform. `handle` is how the account is written for people; `norm` is the
 * matching key (unique per platform): lower-cased where the platform treats handles case-insensitively.
 */
export interface NormalisedHandle {
  handle: string;
  norm: string;
  url: string;
}

export type HandleResult = { ok: true; value: NormalisedHandle } | { ok: false; reason: string };

const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const YOUTUBE_CHANNEL = /^UC[A-Za-z0-9_-]{22}$/;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const DID = /^did:(plc|web):[a-z0-9._:%-]+$/;

function stripUrl(raw: string, hosts: readonly string[]): string {
  let s = raw.trim();
  const m = /^https?:\/\/([^/]+)(\/[^?#]*)?/i.exec(s);
  if (m && hosts.some((h) => (m[1] ?? '').toLowerCase().replace(/^www\.|^m\./, '') === h)) {
    s = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  }
  return s;
}

const ok = (handle: string, norm: string, url: string): HandleResult => ({
  ok: true,
  value: { handle, norm, url },
});
const bad = (reason: string): HandleResult => ({ ok: false, reason });

export function normaliseHandle(platform: string, raw: string): HandleResult {
  const input = raw.normalize('NFC').trim();
  if (!input) return bad('empty handle');
  // eslint-disable-next-line no-control-regex -- control and invisible characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(input)) {
    return bad(`handle "${input}" contains spaces or invisible characters`);
  }
  switch (platform) {
    case 'x': {
      const h = stripUrl(input, ['x.com', 'twitter.com']).replace(/^@/, '');
      if (!X_HANDLE.test(h)) return bad(`"${input}" is not an X handle (1-15 letters, digits or _)`);
      return ok(h, h.toLowerCase(), `https://x.com/${h}`);
    }
    case 'bluesky': {
      const h = stripUrl(input, ['bsky.app'])
        .replace(/^profile\//, '')
        .replace(/^@/, '')
        .toLowerCase();
      if (!DOMAIN.test(h) && !DID.test(h)) return bad(`"${input}" is not a Bluesky handle or DID`);
      return ok(h, h, `https://bsky.app/profile/${h}`);
    }
    case 'mastodon': {
      let user: string | undefined;
      let host: string | undefined;
      const url = /^https?:\/\/([^/]+)\/@([^/?#]+)/i.exec(input);
      if (url) [, host, user] = url;
      else [user, host] = input.replace(/^@/, '').split('@');
      if (!user || !host || !DOMAIN.test(host.toLowerCase()) || !/^[A-Za-z0-9_.-]+$/.test(user)) {
        return bad(`"${input}" is not a Mastodon address (user@instance)`);
      }
      const h = `${user}@${host.toLowerCase()}`;
      return ok(h, h.toLowerCase(), `https://${host.toLowerCase()}/@${user}`);
    }
    case 'youtube': {
      const h = stripUrl(input, ['youtube.com']).replace(/^channel\//, '');
      if (YOUTUBE_CHANNEL.test(h)) return ok(h, h, `https://www.youtube.com/channel/${h}`);
      if (/^@[A-Za-z0-9_.-]{3,30}$/.test(h)) return ok(h, h.toLowerCase(), `https://www.youtube.com/${h}`);
      return bad(`"${input}" is not a YouTube channel id (UC…) or @handle`);
    }
    case 'telegram': {
      const h = stripUrl(input, ['t.me', 'telegram.me']).replace(/^@/, '');
      if (!/^[A-Za-z0-9_]{4,32}$/.test(h)) return bad(`"${input}" is not a Telegram channel name`);
      return ok(h, h.toLowerCase(), `https://t.me/${h}`);
    }
    case 'facebook': {
      const path = stripUrl(input, ['facebook.com', 'fb.com']).replace(/\/+$/, '');
      // "pages/Some%20Name/822422364444431": the number is the page id.
      const h = /^pages\/.*?\/(\d+)$/.exec(path)?.[1] ?? path;
      if (!/^[\p{L}\p{N}._-]+$/u.test(h)) return bad(`"${input}" is not a Facebook page name or id`);
      return ok(h, h.toLowerCase(), `https://www.facebook.com/${h}`);
    }
    case 'instagram':
    case 'threads':
    case 'tiktok': {
      const hosts = {
        instagram: ['instagram.com'],
        threads: ['threads.net', 'threads.com'],
        tiktok: ['tiktok.com'],
      }[platform];
      const h = stripUrl(input, hosts).replace(/^@/, '');
      if (!/^[A-Za-z0-9_.]{1,30}$/.test(h)) return bad(`"${input}" is not a ${platform} username`);
      const base = {
        instagram: 'https://www.instagram.com/',
        threads: 'https://www.threads.com/@',
        tiktok: 'https://www.tiktok.com/@',
      }[platform];
      return ok(h, h.toLowerCase(), `${base}${h}`);
    }
    default: {
      // Platforms without a known grammar (LinkedIn, Flickr, VK, Weibo, …): keep as written, match case-insensitively.
      const h = input.replace(/^@/, '');
      if (/^https?:\/\//i.test(h)) return ok(h, h.toLowerCase(), h);
      return ok(h, h.toLowerCase(), '');
    }
  }
}
