import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { constants, createGunzip } from 'node:zlib';
import type { ReadEvent, ReadIssue, ReadOptions } from '../connector.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 1 << 20;

/**
 * The decompressed bytes of a file (`.gz` by name is gunzipped), as chunks. Every chunk read before an error
 * is yielded before the error is thrown, so the records before a corrupt or cut-off part are kept.
 */
export async function* openSource(path: string, start = 0): AsyncGenerator<Buffer> {
  if (path.endsWith('.gz')) {
    yield* gunzipFile(path);
    return;
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK, start });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

const GZ_SLICE = 64 << 10;
const GZ_FINE = 1;

/**
 * Gunzips a file. At invalid data zlib drops what it inflated from the slice it was given, so after an error
 * the file is inflated again, the damaged slice byte by byte, to recover the output up to the damage.
 */
async function* gunzipFile(path: string): AsyncGenerator<Buffer> {
  const state = { failedAt: -1 };
  let yielded = 0;
  try {
    for await (const out of inflateSlices(path, Infinity, state)) {
      yielded += out.length;
      yield out;
    }
    return;
  } catch (error) {
    if (state.failedAt < 0) throw error;
    let seen = 0;
    try {
      for await (const out of inflateSlices(path, state.failedAt, { failedAt: -1 })) {
        const fresh = out.subarray(Math.max(0, Math.min(out.length, yielded - seen)));
        seen += out.length;
        if (fresh.length) yield fresh;
      }
    } catch {
      // the same damage, now met at a finer position: report the first error
    }
    throw error;
  }
}

async function* inflateSlices(
  path: string,
  fineFrom: number,
  state: { failedAt: number },
): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const gz = createGunzip();
  const out: Buffer[] = [];
  let failure: { error: unknown } | null = null;
  gz.on('data', (b: Buffer) => out.push(b));
  gz.on('error', (error) => (failure ??= { error }));
  // One listener per slice, removed when the slice is done: a large file has thousands of slices.
  const settle = (act: (done: () => void) => void) =>
    new Promise<void>((resolve) => {
      const onError = () => resolve();
      gz.once('error', onError);
      act(() => {
        gz.off('error', onError);
        resolve();
      });
    });
  try {
    for (let pos = 0; ;) {
      const size = pos >= fineFrom ? GZ_FINE : GZ_SLICE;
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await file.read(buf, 0, size, pos);
      if (bytesRead === 0) break;
      state.failedAt = pos;
      await settle((done) => {
        gz.write(buf.subarray(0, bytesRead));
        gz.flush(constants.Z_SYNC_FLUSH, done);
      });
      pos += bytesRead;
      yield* out.splice(0);
      if (failure) throw (failure as { error: unknown }).error;
    }
    state.failedAt = -1;
    // A cut-off stream is reported by an 'error' after end(): wait for 'end' or 'error', not end()'s callback.
    await new Promise<void>((resolve) => {
      gz.once('end', () => resolve());
      gz.once('error', () => resolve());
      gz.end();
    });
    yield* out.splice(0);
    if (failure) throw (failure as { error: unknown }).error;
  } finally {
    gz.destroy();
    await file.close();
  }
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
    for await (const chunk of stream) {
      let buf = chunk;
      let base = consumed;
      consumed += chunk.length;
      if (first) {
        first = false;
        if (buf.subarray(0, 3).equals(BOM)) {
          buf = buf.subarray(3);
          base += 3;
          lineStart = 3;
          if (fromOffset === 0) events.push(bomIssue(1, 0));
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
    for await (const chunk of openSource(path)) {
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
  if (bytes.subarray(0, 3).equals(BOM)) {
    bytes = bytes.subarray(3);
    events.push(bomIssue(null, 0));
  }
  const text = decodeUtf8(bytes, null, 0, events);
  yield* events;
  yield { kind: 'item', bytes, text, line: 1, byteOffset: 0, unterminated: false };
}

/** A UTF-8 byte-order mark starts the file: dropped (JSON and CSV have none), and reported. */
export function bomIssue(line: number | null, byteOffset: number): ReadIssue {
  return {
    kind: 'issue',
    severity: 'warning',
    code: 'bom',
    message: 'a UTF-8 byte-order mark at the start of the file was removed',
    line,
    byteOffset,
  };
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

async function looksLikeJsonLines(path: string): Promise<boolean> {
  let head: Buffer;
  try {
    head = await readHead(path, 1 << 16);
  } catch {
    return true; // the line reader reports the unreadable file
  }
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  if (lines.length === 1) return head.length >= 1 << 16;
  // Any of the first complete lines being a whole JSON object or array makes it JSON Lines, so that a damaged
  // first line does not turn a JSONL file into one broken document. A pretty-printed document's lines are
  // fragments (`"key": {…},`), never whole values, except a bare `{}` or `[]`, which is ignored.
  return lines
    .slice(0, -1)
    .slice(0, 20)
    .some((line) => {
      const l = line.trim();
      if (
        l.length <= 2 ||
        !((l.startsWith('{') && l.endsWith('}')) || (l.startsWith('[') && l.endsWith(']')))
      )
        return false;
      try {
        JSON.parse(l);
        return true;
      } catch {
        return false;
      }
    });
}

/** The first `bytes` decompressed bytes of a file. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  const stream = openSource(path);
  try {
    for await (const chunk of stream) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= bytes) break;
    }
  } catch (error) {
    if (!parts.length) throw error;
  } finally {
    await stream.return(undefined);
  }
  return Buffer.concat(parts).subarray(0, bytes);
}
