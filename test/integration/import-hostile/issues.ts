import type { IssueRow } from './files.js';

/** An expected issue before its file and position are known. */
export interface IssueSpec {
  code: string;
  severity: 'error' | 'warning';
  recordKey?: string | null;
  /** Overrides the position the case gives (read problems of a whole document have no line). */
  line?: number | null;
  byteOffset?: number | null;
}

export const error = (code: string, recordKey: string | null = null): IssueSpec => ({
  code,
  severity: 'error',
  recordKey,
});
export const warning = (code: string, recordKey: string | null = null): IssueSpec => ({
  code,
  severity: 'warning',
  recordKey,
});

export const issueRow = (
  connector: string | null,
  file: string,
  pos: { line: number | null; byteOffset: number | null },
  s: IssueSpec,
): IssueRow => ({
  connector,
  severity: s.severity,
  code: s.code,
  file,
  line: s.line !== undefined ? s.line : pos.line,
  byteOffset: s.byteOffset !== undefined ? s.byteOffset : pos.byteOffset,
  recordKey: s.recordKey ?? null,
});

/** A path that does not exist is an issue of the run (no connector: its format is never known). */
export const missingFile = (file: string): IssueRow => ({
  connector: null,
  severity: 'error',
  code: 'unreadable',
  file,
  line: null,
  byteOffset: null,
  recordKey: null,
});

/**
 * Known bug (src/connectors/shared/read-file.ts, src/ingest/files.ts): at invalid gzip data the stream errors and
 * `for await` over it throws at once, dropping the chunks already decompressed but not yet read. A small file
 * thus loses its whole head: `readHead` throws, `detectConnector` turns that into "no connector" and the file
 * becomes a `unknown-format` warning instead of an `unreadable` error; in a large file the records decompressed
 * just before the damage are lost. A .gz that is merely cut off is not affected (zlib reports it at the end).
 */
export const CORRUPT_GZ_BUG = 'records before invalid gzip data are lost';

/**
 * Known bug (src/connectors/shared/read-file.ts, `looksLikeJsonLines`): a file is read as JSON Lines only when its
 * first line parses, so a JSON Lines file whose first line is damaged is read as one JSON document: one
 * `bad-json` issue and every good record after the first line is lost.
 */
export const FIRST_LINE_BUG = 'a damaged first line makes the whole file one bad document';
