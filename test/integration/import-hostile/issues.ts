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
