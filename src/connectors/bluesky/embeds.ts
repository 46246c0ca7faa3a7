import type { CanonicalPost } from '../../domain/canonical.js';
import { POST_COLLECTION, isObject, num, str } from './schemas.js';

type Media = CanonicalPost['media'][number];

/** What an embed contributes to a post: the quoted post, media and link cards. */
export interface EmbedParts {
  quoteUri: string | null;
  media: Media[];
  links: string[];
}

const EMPTY: EmbedParts = { quoteUri: null, media: [], links: [] };
const QUOTABLE = `/${POST_COLLECTION}/`;

/** A blob's CID: `{ref: {$link}}` in current JSON, `{cid}` in records written before the blob type settled. */
function blobCid(blob: unknown): string | null {
  if (!isObject(blob)) return null;
  if (isObject(blob.ref)) return str(blob.ref.$link);
  return str(blob.ref) ?? str(blob.cid);
}

// Stored in integer columns: a fractional or absurd size is unknown, not rounded.
const dim = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n <= 2_147_483_647 ? n : null;
};

function ratio(v: unknown): { width: number | null; height: number | null } {
  return isObject(v) ? { width: dim(v.width), height: dim(v.height) } : { width: null, height: null };
}

function media(kind: Media['kind'], id: string | null, url: string | null, alt: unknown, r: unknown): Media {
  return {
    kind,
    platformMediaId: id,
    url,
    altText: str(alt),
    ...ratio(r),
    durationMs: null,
  };
}

/** The embedded record's URI in both forms: `{record: {uri}}` (record) and `{record: viewRecord}` (view). */
function quotedUri(embed: Record<string, unknown>): string | null {
  const uri = isObject(embed.record) ? str(embed.record.uri) : null;
  // Embedded feeds, lists and starter packs are not quotes of a post.
  return uri && uri.includes(QUOTABLE) ? uri : null;
}

/**
 * Reads an embed in its record form (`app.bsky.embed.images`) or its view form (`…images#view`). The two
 * carry the same things under slightly different names; a view adds CDN URLs.
 */
export function readEmbed(embed: unknown, depth = 0): EmbedParts {
  if (!isObject(embed) || typeof embed.$type !== 'string' || depth > 1) return EMPTY;
  const type = embed.$type.endsWith('#view') ? embed.$type.slice(0, -5) : embed.$type;
  switch (type) {
    case 'app.bsky.embed.images': {
      const images = Array.isArray(embed.images) ? embed.images : [];
      return {
        quoteUri: null,
        links: [],
        media: images.filter(isObject).map((i) => {
          const url = str(i.fullsize);
          return media('image', blobCid(i.image) ?? cidFromCdn(url), url, i.alt, i.aspectRatio);
        }),
      };
    }
    case 'app.bsky.embed.video':
      return {
        quoteUri: null,
        links: [],
        media: [
          media(
            'video',
            blobCid(embed.video) ?? str(embed.cid),
            str(embed.playlist),
            embed.alt,
            embed.aspectRatio,
          ),
        ],
      };
    case 'app.bsky.embed.external': {
      const uri = isObject(embed.external) ? str(embed.external.uri) : null;
      return { quoteUri: null, media: [], links: uri ? [uri] : [] };
    }
    case 'app.bsky.embed.record':
      return { quoteUri: quotedUri(embed), media: [], links: [] };
    case 'app.bsky.embed.recordWithMedia': {
      const inner = readEmbed(embed.media, depth + 1);
      const quote = isObject(embed.record) ? quotedUri(embed.record) : null;
      return { ...inner, quoteUri: quote };
    }
    default:
      return EMPTY;
  }
}

/** CDN image URLs end in `/<did>/<cid>@<format>`. */
function cidFromCdn(url: string | null): string | null {
  if (!url) return null;
  const at = url.lastIndexOf('@');
  const slash = url.lastIndexOf('/');
  return slash >= 0 && at > slash ? url.slice(slash + 1, at) : null;
}

/** The record's embed is authoritative; the view (PostView only) adds media URLs, matched by position. */
export function embedParts(recordEmbed: unknown, viewEmbed: unknown): EmbedParts {
  const fromRecord = readEmbed(recordEmbed);
  if (viewEmbed === undefined || viewEmbed === null) return fromRecord;
  const fromView = readEmbed(viewEmbed);
  if (recordEmbed === undefined || recordEmbed === null) return fromView;
  return {
    ...fromRecord,
    media: fromRecord.media.map((m, i) => {
      const v = fromView.media[i];
      return v && v.kind === m.kind
        ? { ...m, url: m.url ?? v.url, platformMediaId: m.platformMediaId ?? v.platformMediaId }
        : m;
    }),
  };
}
