import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, UserError, errorMessage } from '../../domain/errors.js';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** The bytes of a registry file; a missing, unreadable or empty file is a one-line error naming it. */
function readRegistryBytes(file: string): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${errorMessage(error)})`,
      'file',
    );
  }
  if (
    buf
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  ) {
    throw new InputError(file, null, 'the file is empty');
  }
  return buf;
}

/** Reads a whole registry CSV (a few MB at most); a broken file is a one-line error with its line. */
export function readCsv(file: string, opts: { delimiter?: string; required: readonly string[] }): CsvRow[] {
  const buf = readRegistryBytes(file);
  const delimiter = opts.delimiter ?? ',';
  // Some exports end only the header line with a delimiter: an empty last column the rows may omit.
  const headerLine =
    buf
      .toString('utf8', 0, Math.min(buf.length, 65536))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const trailingEmptyColumn = headerLine.endsWith(delimiter);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse<(typeof records)[number]>(buf, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count_less: trailingEmptyColumn,
      // Quotes inside an unquoted field (ד"ר) are text, as Python's csv module reads them; an unclosed
      // quoted field is still an error.
      relax_quotes: true,
    });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new InputError(
      file,
      lines ?? null,
      `malformed CSV: ${errorMessage(error).replace(/^Invalid Record Length: /, '')}`,
    );
  }
  const first = records[0];
  const header = first ? Object.keys(first.record) : [];
  const missing = opts.required.filter((c) => first && !header.includes(c));
  if (missing.length) throw new InputError(file, 1, `missing column(s): ${missing.join(', ')}`);
  if (!first) throw new InputError(file, null, 'no data rows after the header');
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

/** First line of a file, for telling the registry formats apart. */
export function readHeader(file: string): string {
  return (
    readRegistryBytes(file)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  );
}
