import { openSource } from '../shared/read-file.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One CSV record exactly as it sits in the file, without its line terminator (LF or CRLF). */
export interface CsvRecord {
  kind: 'record';
  bytes: Buffer;
  /** 1-based line where the record starts; a record with quoted line breaks spans several lines. */
  line: number;
  byteOffset: number;
  /** The file ended without a line terminator after this record. */
  unterminated: boolean;
}

/** A record longer than the limit: skipped while it streams past, never held in memory. */
export interface CsvTooLarge {
  kind: 'too-large';
  line: number;
  byteOffset: number;
}

/**
 * The file ended inside a quoted field that opened in the record at `line`. `next*` is the start of that
 * record's second line, where a reader can start again to recover the rows the stray quote swallowed.
 */
export interface CsvOpenQuote {
  kind: 'open-quote';
  line: number;
  byteOffset: number;
  nextOffset: number | null;
}

export type CsvRecordEvent = CsvRecord | CsvTooLarge | CsvOpenQuote;

/** An I/O error (a missing file, a corrupt or cut-off gzip stream) with the record it stopped reading. */
export class CsvReadError extends Error {
  constructor(
    cause: unknown,
    readonly line: number,
    readonly byteOffset: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Splits a CSV byte stream into records by RFC 4180 quoting: a line break inside a quoted field does not
 * end the record. A quote opens a quoted field only at the start of a field; elsewhere it is left for the
 * field parser to reject, so one stray quote in the middle of a field cannot swallow the rest of the file.
 * Starts at `start` (a record or line boundary) with line number `startLine`; a gzip file is decompressed
 * from the beginning and skipped up to `start`. A leading UTF-8 BOM is dropped. I/O errors propagate as a
 * `CsvReadError` naming the line and offset of the record being read.
 */
export async function* splitRecords(
  path: string,
  start: number,
  startLine: number,
  maxRecordBytes: number,
): AsyncGenerator<CsvRecordEvent> {
  const gz = path.endsWith('.gz');
  let consumed = gz ? 0 : start; // absolute offset of the current chunk's first byte
  let inQuotes = false;
  let quotePending = false; // a quote inside a quoted field: an escaped "" or the closing quote
  let fieldStart = true;
  let line = startLine;
  let recordLine = startLine;
  let recordStart = start;
  let secondLine: number | null = null;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let lastByte = -1;

  const stream = openSource(path, start);
  try {
    for await (const chunk of stream) {
      const buf = chunk;
      const base = consumed;
      consumed += buf.length;
      if (base + buf.length <= start) continue;
      let i = Math.max(0, start - base);
      if (base + i === 0 && buf.subarray(0, 3).equals(BOM)) {
        i = 3;
        recordStart = 3;
      }
      let segment = i;
      const out: CsvRecordEvent[] = [];
      for (; i < buf.length; i++) {
        const b = buf[i]!;
        if (quotePending) {
          quotePending = false;
          if (b === QUOTE) continue; // "" stands for one quote; the field is still open
          inQuotes = false;
        }
        if (inQuotes) {
          if (b === QUOTE) quotePending = true;
          else if (b === LF) {
            line++;
            secondLine ??= base + i + 1;
          }
          continue;
        }
        if (b === LF) {
          const end = i > 0 ? (buf[i - 1] === CR ? i - 1 : i) : lastByte === CR ? -1 : i;
          if (tooLarge || size + (i - segment) > maxRecordBytes) {
            out.push({ kind: 'too-large', line: recordLine, byteOffset: recordStart });
          } else {
            const piece = end >= segment ? buf.subarray(segment, end) : Buffer.alloc(0);
            let bytes = parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece);
            // A CR that ended the previous chunk belongs to this record's CRLF terminator.
            if (end === -1) bytes = bytes.subarray(0, bytes.length - 1);
            out.push({
              kind: 'record',
              bytes,
              line: recordLine,
              byteOffset: recordStart,
              unterminated: false,
            });
          }
          parts = [];
          size = 0;
          tooLarge = false;
          line++;
          recordLine = line;
          recordStart = base + i + 1;
          secondLine = null;
          segment = i + 1;
          fieldStart = true;
          continue;
        }
        if (b === QUOTE) {
          if (fieldStart) inQuotes = true;
          fieldStart = false;
        } else fieldStart = b === COMMA;
      }
      if (segment < buf.length) {
        size += buf.length - segment;
        if (size > maxRecordBytes) {
          tooLarge = true;
          parts = [];
        } else if (!tooLarge) parts.push(Buffer.from(buf.subarray(segment))); // copy: the chunk is not kept alive
      }
      if (buf.length) lastByte = buf[buf.length - 1]!;
      yield* out;
    }
  } catch (error) {
    throw new CsvReadError(error, recordLine, recordStart);
  } finally {
    await stream.return(undefined);
  }
  if (inQuotes && !quotePending) {
    yield { kind: 'open-quote', line: recordLine, byteOffset: recordStart, nextOffset: secondLine };
  } else if (tooLarge) {
    yield { kind: 'too-large', line: recordLine, byteOffset: recordStart };
  } else if (size > 0) {
    yield {
      kind: 'record',
      bytes: Buffer.concat(parts),
      line: recordLine,
      byteOffset: recordStart,
      unterminated: true,
    };
  }
}

export type ParsedFields = { ok: true; fields: string[] } | { ok: false; reason: string };

/**
 * The fields of one record's text by RFC 4180: "" inside a quoted field is one quote; a quote inside an
 * unquoted field, text after a closing quote, or an unclosed quote make the record malformed.
 */
export function parseFields(text: string): ParsedFields {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return { ok: false, reason: `field ${fields.length + 1}: quoted field not closed` };
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { ok: true, fields };
      if (text.charCodeAt(i) !== COMMA) {
        return { ok: false, reason: `field ${fields.length}: text after the closing quote` };
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) {
        return { ok: false, reason: `field ${fields.length + 1}: quote inside an unquoted field` };
      }
      fields.push(value);
      if (comma === -1) return { ok: true, fields };
      i = comma + 1;
    }
  }
}
