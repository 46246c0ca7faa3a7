import type { ReadEvent, ReadIssue, ReadOptions } from '../connector.js';
import { bomIssue, decodeUtf8, readErrorMessage } from '../shared/read-file.js';
import { isCsvColumn, missingColumns, normaliseColumnName } from './columns.js';
import { CsvReadError, parseFields, splitRecords, type CsvRecord } from './records.js';

/** How often the reader starts again after a quote left open to the end of the file (each costs a re-read). */
const MAX_RESTARTS = 20;
const LF = 0x0a;
const CR = 0x0d;

interface Header {
  width: number;
  /** Per known column: its index in a row and its JSON key, written once per file. */
  columns: { index: number; key: string }[];
  /** Byte offset just after the header record. */
  end: number;
  /** The header row's bytes and a newline: each row's raw payload starts with them, a CSV of one row. */
  prefix: Buffer;
  warnings: ReadIssue[];
}

const issue = (
  severity: ReadIssue['severity'],
  code: string,
  message: string,
  line: number | null,
  byteOffset: number | null,
): ReadIssue => ({ kind: 'issue', severity, code, message, line, byteOffset });

function readHeader(record: CsvRecord): Header | ReadIssue[] {
  const bad = (message: string) => [issue('error', 'bad-header', message, record.line, record.byteOffset)];
  const parsed = parseFields(record.bytes.toString('utf8'));
  if (!parsed.ok) return bad(`the header row is not valid CSV (${parsed.reason}); nothing was read`);
  const names = parsed.fields.map(normaliseColumnName);
  const seen = new Set<string>();
  const columns: Header['columns'] = [];
  const unknown: string[] = [];
  for (const [index, name] of names.entries()) {
    if (!isCsvColumn(name)) {
      unknown.push(parsed.fields[index]!.trim() || `(empty, column ${index + 1})`);
      continue;
    }
    if (seen.has(name)) return bad(`column "${name}" appears twice in the header; nothing was read`);
    seen.add(name);
    columns.push({ index, key: `${JSON.stringify(name)}:` });
  }
  const missing = missingColumns(seen);
  if (missing.length) {
    return bad(`the header lacks ${missing.join(', ')} (see docs/formats/csv.md); nothing was read`);
  }
  const shown =
    unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? `, … (${unknown.length} in all)` : '');
  const warnings = unknown.length
    ? [issue('warning', 'unknown-columns', `columns ignored: ${shown}`, record.line, record.byteOffset)]
    : [];
  const prefix = Buffer.concat([record.bytes, Buffer.from('\n')]);
  return { width: names.length, columns, end: record.byteOffset + record.bytes.length, prefix, warnings };
}

/** The row as the JSON object `map` receives: the known columns that are not empty, by name. */
function rowJson(fields: readonly string[], header: Header): string {
  const parts: string[] = [];
  for (const c of header.columns) {
    const value = fields[c.index]!;
    if (value !== '') parts.push(c.key + JSON.stringify(value));
  }
  return `{${parts.join(',')}}`;
}

function rowEvent(record: CsvRecord, text: string, header: Header, events: ReadEvent[]): boolean {
  const parsed = parseFields(text);
  if (!parsed.ok || parsed.fields.length !== header.width) return false;
  // Spreadsheets end files with rows of bare commas; they hold nothing to report.
  if (parsed.fields.every((f) => f.trim() === '')) return true;
  events.push({
    kind: 'item',
    // The header travels with each row so that a stored payload can be re-mapped on its own.
    bytes: Buffer.concat([header.prefix, record.bytes]),
    text: rowJson(parsed.fields, header),
    line: record.line,
    byteOffset: record.byteOffset,
    unterminated: record.unterminated,
  });
  return true;
}

function rowProblem(text: string, header: Header): string {
  const parsed = parseFields(text);
  if (!parsed.ok) return parsed.reason;
  return `${parsed.fields.length} fields where the header has ${header.width}`;
}

/**
 * The events for one record. A record that spans several lines and does not parse is most likely rows
 * joined by a stray quote: its lines are then tried one by one, so the good rows among them are kept.
 */
function recordEvents(record: CsvRecord, header: Header): ReadEvent[] {
  const events: ReadEvent[] = [];
  const text = decodeUtf8(record.bytes, record.line, record.byteOffset, events);
  if (text.trim() === '') return events;
  if (rowEvent(record, text, header, events)) return events;
  const code = (t: string) => (parseFields(t).ok ? 'wrong-field-count' : 'malformed-row');
  if (!text.includes('\n')) {
    events.push(
      issue('error', code(text), `row skipped: ${rowProblem(text, header)}`, record.line, record.byteOffset),
    );
    return events;
  }
  let start = 0;
  for (let k = 0; start <= record.bytes.length; k++) {
    let end = record.bytes.indexOf(LF, start);
    if (end === -1) end = record.bytes.length;
    const stop = end > start && record.bytes[end - 1] === CR ? end - 1 : end;
    const piece: CsvRecord = {
      kind: 'record',
      bytes: record.bytes.subarray(start, stop),
      line: record.line + k,
      byteOffset: record.byteOffset + start,
      unterminated: record.unterminated && end === record.bytes.length,
    };
    const pieceText = piece.bytes.toString('utf8');
    if (pieceText.trim() !== '' && !rowEvent(piece, pieceText, header, events)) {
      const message = `row skipped: ${rowProblem(pieceText, header)} (a quote in the row above or here is not closed where it should be)`;
      events.push(issue('error', code(pieceText), message, piece.line, piece.byteOffset));
    }
    start = end + 1;
  }
  return events;
}

function unreadable(error: unknown): ReadIssue {
  const at = error instanceof CsvReadError ? error : null;
  const message = readErrorMessage(at ? at.cause : error);
  // Where reading stopped: the rows before it were read and kept.
  return issue('error', 'unreadable', message, at?.line ?? null, at?.byteOffset ?? null);
}

/**
 * Streams a CSV file (docs/formats/csv.md) as one item per row. An item's `bytes` are the row's exact bytes
 * in the file (without the line terminator); its `text` is a JSON object of the row's non-empty known
 * columns, by name, for `map`. The header is checked once: a header that lacks a required column yields one
 * `bad-header` error and no rows. Resuming (`from`) re-reads the header, then seeks to the checkpoint.
 */
export async function* readCsv(path: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  const fromOffset = options.from?.byteOffset ?? 0;
  let header: Header | null = null;
  let start = 0;
  let startLine = 1;
  let restarts = 0;
  for (;;) {
    let next: { offset: number; line: number; recovery: boolean } | null = null;
    try {
      for await (const ev of splitRecords(path, start, startLine, options.maxItemBytes)) {
        const wanted = ev.byteOffset >= fromOffset;
        if (ev.kind === 'too-large') {
          const limit = `longer than ${options.maxItemBytes} bytes`;
          if (!header) {
            yield issue('error', 'bad-header', `the header row is ${limit}; nothing was read`, ev.line, 0);
            return;
          }
          if (wanted) yield issue('error', 'item-too-large', `row ${limit} skipped`, ev.line, ev.byteOffset);
          continue;
        }
        if (ev.kind === 'open-quote') {
          if (!header) {
            yield issue('error', 'bad-header', 'the header row has an unclosed quote', ev.line, 0);
            return;
          }
          const recover = ev.nextOffset !== null && restarts < MAX_RESTARTS;
          const rest = recover ? 'reading goes on at the next line' : 'the rest of the file is skipped';
          const message = `a quote opened in this row is never closed; ${rest}`;
          if (wanted) yield issue('error', 'unclosed-quote', message, ev.line, ev.byteOffset);
          if (recover) next = { offset: ev.nextOffset!, line: ev.line + 1, recovery: true };
          break;
        }
        if (!header) {
          if (ev.bytes.toString('latin1').trim() === '') continue; // blank lines before the header
          const h = readHeader(ev);
          if (Array.isArray(h)) {
            yield* h;
            return;
          }
          header = h;
          if (fromOffset === 0 && ev.line === 1 && ev.byteOffset === 3) yield bomIssue(1, 0);
          if (fromOffset === 0) yield* h.warnings;
          // Resuming a plain file: seek past what was imported instead of re-reading it.
          if (fromOffset > h.end && !path.endsWith('.gz')) {
            next = { offset: fromOffset, line: options.from?.line ?? 1, recovery: false };
            break;
          }
          continue;
        }
        if (wanted) yield* recordEvents(ev, header);
      }
    } catch (error) {
      yield unreadable(error);
      return;
    }
    if (!next) break;
    if (next.recovery) restarts++;
    start = next.offset;
    startLine = next.line;
  }
  if (!header) yield issue('error', 'bad-header', 'the file is empty: a header row is required', null, 0);
}
