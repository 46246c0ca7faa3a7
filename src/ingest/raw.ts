import { gunzipSync, gzipSync, constants } from 'node:zlib';

export type RawEncoding = 'json' | 'xml' | 'text';

/**
 * How a raw payload is stored. Payloads are most of the bytes an import writes; gzip at level 1 shrinks
 * JSON several times for little CPU (see bench/ingest for the measured trade-off).
 */
export function encodeRaw(
  bytes: Buffer,
  encoding: RawEncoding,
  compression: 'gzip' | 'none',
): { encoding: string; payload: Buffer } {
  if (compression === 'none' || bytes.length < 256) return { encoding, payload: bytes };
  return { encoding: `${encoding}+gzip`, payload: gzipSync(bytes, { level: constants.Z_BEST_SPEED }) };
}

/** The original bytes of a stored payload. */
export function decodeRaw(encoding: string, payload: Buffer): Buffer {
  return encoding.endsWith('+gzip') ? gunzipSync(payload) : payload;
}
