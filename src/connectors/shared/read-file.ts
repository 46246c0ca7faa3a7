import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { ReadEvent, ReadOptions } from '../connector.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 1 << 20;

/** The decompressed bytes of a file (`.gz` by name or by magic bytes is gunzipped). */
export function openSource(path: string, start = 0): Readable {
  const gz = path.endsWith('.gz');
  const raw = createReadStream(path, { highWaterMark: CHUNK, start: gz ? 0 : start });
  return gz ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
}

/** The bytes as UTF-8; invalid sequences become U+FFFD and add one `invalid-utf8` warning to `events`. */
export function decodeUtf8(
  bytes: Buffer,
  line: number | null,
  byteOffset: number,
  events: ReadEvent[],
): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  events.push({
    kind: 'issue',
    severity: 'warning',
    code: 'invalid-utf8',
    message: 'invalid UTF-8 bytes replaced by U+FFFD (the raw payload keeps the original bytes)',
    line,
    byteOffset,
  });
  return bytes.toString('utf8');
}

/**
 * Streams a file line by line with 1-based line numbers and byte offsets. Memory stays bounded: a line
 * longer than `maxItemBytes` is reported and skipped while it streams past. A leading BOM is dropped.
 * Blank lines are skipped silently. `from` is the first position not yet imported: a plain file is read
 * from that byte on, a compressed one is decompressed from the start and skipped up to it.
 */
export async function* readLines(path: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  const fromOffset = options.from?.byteOffset ?? 0;
  const seek = fromOffset > 0 && !path.endsWith('.gz');
  let line = seek ? (options.from?.line ?? 1) : 1;
  let lineStart = seek ? fromOffset : 0; // byte offset of the current line's first byte
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let tooLong = false;
  let consumed = seek ? fromOffset : 0; // bytes of the stream before the current chunk
  let first = !seek;
  const events: ReadEvent[] = [];

  const emit = (bytes: Buffer, unterminated: boolean): void => {
    const skip = lineStart < fromOffset;
    if (tooLong) {
      if (!skip)
        events.push({
          kind: 'issue',
          severity: 'error',
          code: 'item-too-large',
          message: `line longer than ${options.maxItemBytes} bytes skipped`,
          line,
          byteOffset: lineStart,
        });
      return;
    }
    if (skip) return;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--; // CRLF
    const body = end === bytes.length ? bytes : bytes.subarray(0, end);
    if (body.length === 0 || (body.length < 64 && body.toString('latin1').trim() === '')) return;
    const text = decodeUtf8(body, line, lineStart, events);
    events.push({ kind: 'item', bytes: body, text, line, byteOffset: lineStart, unterminated });
  };

  const stream = openSource(path, seek ? fromOffset : 0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf = chunk;
      let base = consumed;
      consumed += chunk.length;
      if (first) {
        first = false;
        if (buf.subarray(0, 3).equals(BOM)) {
          buf = buf.subarray(3);
          base += 3;
          lineStart = 3;
        }
      }
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl === -1) break;
        const piece = buf.subarray(start, nl);
        const whole = parts.length ? Buffer.concat([...parts, piece]) : piece;
        if (partsBytes + piece.length > options.maxItemBytes) tooLong = true;
        emit(whole, false);
        parts = [];
        partsBytes = 0;
        tooLong = false;
        line++;
        lineStart = base + nl + 1;
        start = nl + 1;
      }
      if (start < buf.length) {
        const rest = buf.subarray(start);
        partsBytes += rest.length;
        if (partsBytes > options.maxItemBytes) {
          tooLong = true;
          parts = [];
        } else parts.push(Buffer.from(rest)); // copy: the chunk's memory is not kept alive
      }
      if (events.length) yield* events.splice(0);
    }
    if (partsBytes > 0 || tooLong) emit(Buffer.concat(parts), true);
  } catch (error) {
    events.push(unreadable(error, line, lineStart));
  }
  yield* events.splice(0);
}

/** Reads a whole file as one item (JSON documents, feeds, archives), refusing files over `maxItemBytes`. */
export async function* readWhole(path: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  if (options.from) return; // its one item was imported before the run was interrupted
  const parts: Buffer[] = [];
  let size = 0;
  const events: ReadEvent[] = [];
  try {
    for await (const chunk of openSource(path) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxItemBytes) {
        yield {
          kind: 'issue',
          severity: 'error',
          code: 'item-too-large',
          message: `file larger than ${options.maxItemBytes} bytes skipped`,
          line: null,
          byteOffset: 0,
        };
        return;
      }
      parts.push(chunk);
    }
  } catch (error) {
    yield unreadable(error, null, 0);
    return;
  }
  let bytes = Buffer.concat(parts);
  if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
  const text = decodeUtf8(bytes, null, 0, events);
  yield* events;
  yield { kind: 'item', bytes, text, line: 1, byteOffset: 0, unterminated: false };
}

function unreadable(error: unknown, line: number | null, byteOffset: number): ReadEvent {
  const message = readErrorMessage(error);
  return { kind: 'issue', severity: 'error', code: 'unreadable', message, line, byteOffset };
}

/** What an `unreadable` issue says about an error met while opening, reading or decompressing a file. */
export function readErrorMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'the gzip stream is corrupt or cut off';
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * JSON Lines when the file's first line is a complete JSON value (or longer than the sample), otherwise one
 * JSON document (a pretty-printed API response or an array).
 */
export async function* readJsonLinesOrDocument(
  path: string,
  options: ReadOptions,
): AsyncGenerator<ReadEvent> {
  yield* (await looksLikeJsonLines(path)) ? readLines(path, options) : readWhole(path, options);
}

export async function looksLikeJsonLines(path: string): Promise<boolean> {
  let head: Buffer;
  try {
    head = await readHead(path, 1 << 16);
  } catch {
    return true; // the line reader reports the unreadable file
  }
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.indexOf('\n');
  if (nl === -1) return head.length >= 1 << 16;
  const first = text.slice(0, nl).trim();
  if (!first.startsWith('{') && !first.startsWith('[')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/** The first `bytes` decompressed bytes of a file. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  const stream = openSource(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= bytes) break;
    }
  } catch (error) {
    if (!parts.length) throw error;
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}
