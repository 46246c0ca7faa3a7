import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BOM,
  gzipCorrupt,
  gzipCutOff,
  INVALID_UTF8,
  insertAfter,
  SMALL_LIMIT,
  type ExpectedPost,
  type HostileCase,
  type Stage,
} from './files.js';
import { issueRow, missingFile, type IssueSpec } from './issues.js';

/** A format whose file is one document: damage loses at most that document, never the other files. */
export interface DocFormat {
  id: string;
  /** Where the damaged document goes in a case folder (a relative path). */
  file: string;
  text: string;
  ids: string[];
  /** Issues the intact document gives (warnings). */
  issues: IssueSpec[];
  /** Another file of the same import, which must survive every damage. */
  companion: { file: string; text: string; ids: string[]; issues: IssueSpec[] };
  /** Files that must lie beside the document (an X archive's account.js). */
  siblings?: Record<string, string>;
  utf8: { after: RegExp; post: string };
  truncated: { at: (text: string) => number; issues: IssueSpec[]; kept: string[] };
  wrongType: { edit: (text: string) => string; issues: IssueSpec[]; lost: string[] };
  /** `derived`: ids the connector makes up for the record instead (a feed item's hash). */
  missingId: { edit: (text: string) => string; issues: IssueSpec[]; lost: string[]; derived?: unknown[] };
  pad: (text: string, bytes: number) => string;
}

interface DocCase {
  folder: string;
  name: string;
  doc: string | Buffer;
  /** Issues of the damaged document (the companion's are added). */
  issues: IssueSpec[];
  /** Posts of the damaged document (the companion's are added). */
  ids: readonly unknown[];
  suffix?: string;
  maxItemBytes?: number;
  /** A path beside the files that does not exist. */
  missing?: boolean;
  replaced?: string[];
}

/** A whole document's mapper issues sit at line 1, offset 0; its read problems at no line, offset 0. */
const readIssue = (code: string, severity: IssueSpec['severity']): IssueSpec => ({
  code,
  severity,
  line: null,
  byteOffset: 0,
});

export function documentCases(spec: DocFormat, dir: string, stage: Stage): HostileCase[] {
  const kept = (lost: string[]) => spec.ids.filter((id) => !lost.includes(id));
  const build = (c: DocCase): HostileCase => {
    const base = path.join(dir, c.folder);
    for (const [rel, text] of Object.entries(spec.siblings ?? {})) stage(path.join(base, rel), text);
    const other = spec.companion;
    const companion = stage(path.join(base, other.file), other.text);
    const f = stage(path.join(base, spec.file) + (c.suffix ?? ''), c.doc);
    const missing = path.join(base, 'no-such-folder', path.basename(spec.file));
    const rows = (file: string, specs: IssueSpec[]) =>
      specs.map((s) => issueRow(spec.id, file, { line: 1, byteOffset: 0 }, s));
    const posts = (file: string, ids: readonly unknown[]): ExpectedPost[] =>
      ids.map((id) => ({ id, file, line: 1, byteOffset: 0 }));
    return {
      name: c.name,
      paths: [...(c.missing ? [missing] : []), f, companion],
      ...(c.maxItemBytes ? { maxItemBytes: c.maxItemBytes } : {}),
      expected: {
        issues: [
          ...(c.missing ? [missingFile(missing)] : []),
          ...rows(f, c.issues),
          ...rows(companion, other.issues),
        ],
        posts: [...posts(f, c.ids), ...posts(companion, other.ids)],
        ...(c.replaced ? { replaced: c.replaced } : {}),
      },
    };
  };
  const half = Math.floor(spec.text.length / 2);
  const unreadable = [readIssue('unreadable', 'error')];
  const cases: DocCase[] = [
    { folder: 'intact', name: 'intact file (control)', doc: spec.text, issues: spec.issues, ids: spec.ids },
    {
      folder: 'bom',
      name: 'BOM at the start',
      doc: Buffer.concat([BOM, Buffer.from(spec.text)]),
      issues: [readIssue('bom', 'warning'), ...spec.issues],
      ids: spec.ids,
    },
    {
      folder: 'utf8',
      name: 'invalid UTF-8 inside a record',
      doc: insertAfter(spec.text, spec.utf8.after, INVALID_UTF8),
      issues: [readIssue('invalid-utf8', 'warning'), ...spec.issues],
      ids: spec.ids,
      replaced: [spec.utf8.post],
    },
    {
      folder: 'truncated',
      name: 'truncated end',
      doc: spec.text.slice(0, spec.truncated.at(spec.text)),
      issues: spec.truncated.issues,
      ids: spec.truncated.kept,
    },
    {
      folder: 'wrong-type',
      name: 'wrong type in a field',
      doc: spec.wrongType.edit(spec.text),
      issues: spec.wrongType.issues,
      ids: kept(spec.wrongType.lost),
    },
    {
      folder: 'missing-id',
      name: 'record missing its id',
      doc: spec.missingId.edit(spec.text),
      issues: spec.missingId.issues,
      ids: [...kept(spec.missingId.lost), ...(spec.missingId.derived ?? [])],
    },
    {
      folder: 'too-large',
      name: 'over-long item (64 KiB limit)',
      doc: spec.pad(spec.text, SMALL_LIMIT + 1024),
      maxItemBytes: SMALL_LIMIT,
      issues: [readIssue('item-too-large', 'error')],
      ids: [],
    },
    {
      folder: 'beside-missing',
      name: 'unreadable: missing file',
      doc: spec.text,
      missing: true,
      issues: spec.issues,
      ids: spec.ids,
    },
    {
      folder: 'cut-off',
      name: 'unreadable: .gz cut off (other files kept)',
      doc: gzipCutOff(spec.text.slice(0, half), spec.text.slice(half)),
      suffix: '.gz',
      issues: unreadable,
      ids: [],
    },
    {
      folder: 'corrupt',
      name: 'unreadable: corrupt bytes in a .gz (other files kept)',
      doc: gzipCorrupt(spec.text.slice(0, half), spec.text.slice(half)),
      suffix: '.gz',
      issues: unreadable,
      ids: [],
    },
    {
      folder: 'gzip',
      name: '.gz read transparently',
      doc: gzipSync(spec.text),
      suffix: '.gz',
      issues: spec.issues,
      ids: spec.ids,
    },
  ];
  return cases.map(build);
}
