import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A response body prepared once and sent many times (endpoints marked `cached`): the UTF-8 bytes, their gzip
 * (for bodies of 1 KiB or more; compressed off the event loop) and an ETag. A ranking of every channel is
 * several MB of JSON that gzip makes ten times smaller; compressing it once per data version, not per request,
 * is what makes sending it compressed cheap. The ETag lets a client that has the body revalidate it for nothing.
 */
export interface PreparedBody {
  json: Buffer;
  gzip: Buffer | null;
  etag: string;
}

export async function prepareBody(text: string): Promise<PreparedBody> {
  const json = Buffer.from(text, 'utf8');
  return {
    json,
    gzip: json.length >= 1024 ? await gzipAsync(json, { level: 6 }) : null,
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
  };
}

/** Whether an Accept-Encoding header accepts gzip (listed, or `*`, without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether an If-None-Match header names this ETag (or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
