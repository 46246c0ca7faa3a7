import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  assemble,
  gzipCorrupt,
  gzipCutOff,
  INVALID_UTF8,
  insertAfter,
  SMALL_LIMIT,
  type Assembled,
  type HostileCase,
  type IssueRow,
  type PostRow,
  type Stage,
} from './files.js';
import { issueRow, missingFile, type IssueSpec } from './issues.js';

export interface LineRecord {
  text: string;
  /** The posts this record gives (embedded posts included). */
  ids: string[];
}

/** A JSON Lines or CSV format, damaged record by record. */
export interface LineFormat {
  id: string;
  ext: string;
  header?: string;
  records: LineRecord[];
  /** The record the per-record damages hit: neither the first nor the last, so records lie on both sides. */
  target: number;
  /** Issues of the intact file that have nothing to do with the damage (a CSV header's unknown columns). */
  headerIssues?: IssueSpec[];
  utf8: { after: RegExp; post: string };
  truncated: IssueSpec;
  /** JSON Lines only (a CSV's first line is its header): the issue of a first line cut off mid-write. */
  firstLine?: IssueSpec;
  /** `lost`: the posts the damaged record no longer gives (others in it, from `includes` say, remain). */
  wrongType: { edit: (record: string) => string; issue: IssueSpec; lost: string[] };
  missingId: { edit: (record: string) => string; issue: IssueSpec; lost: string[] };
  pad: (record: string, bytes: number) => string;
  extra?: (dir: string, stage: Stage) => HostileCase[];
}

export function lineCases(spec: LineFormat, dir: string, stage: Stage): HostileCase[] {
  const texts = spec.records.map((r) => r.text);
  const last = texts.length - 1;
  const t = spec.target;
  const file = (name: string) => path.join(dir, `${name}${spec.ext}`);
  const at = (a: Assembled, i: number) => a.at[i]!;
  const header = (f: string, bom: boolean): IssueRow[] =>
    (spec.headerIssues ?? []).map((s) => issueRow(spec.id, f, { line: 1, byteOffset: bom ? 3 : 0 }, s));
  const posts = (f: string, a: Assembled, lost: number[] = [], lostIds: string[] = []) => {
    const seen = new Map<string, PostRow>();
    spec.records.forEach((r, i) => {
      if (lost.includes(i)) return;
      for (const id of r.ids) {
        if (!seen.has(id) && !(i === t && lostIds.includes(id))) seen.set(id, { id, file: f, ...at(a, i) });
      }
    });
    return [...seen.values()];
  };
  const withTarget = (damaged: string | Buffer) => texts.map((x, i) => (i === t ? damaged : x));
  const opts = spec.header !== undefined ? { header: spec.header } : {};
  const make = (name: string, records: (string | Buffer)[], more: Parameters<typeof assemble>[1] = {}) => {
    const a = assemble(records, { ...opts, ...more });
    return { f: stage(file(name), a.bytes), a };
  };

  const cases: HostileCase[] = [];
  {
    const { f, a } = make('intact', texts);
    cases.push({
      name: 'intact file (control)',
      paths: [f],
      expected: { issues: header(f, false), posts: posts(f, a) },
    });
  }
  {
    const { f, a } = make('bom', texts, { bom: true });
    cases.push({
      name: 'BOM at the start',
      paths: [f],
      expected: {
        issues: [
          issueRow(spec.id, f, { line: 1, byteOffset: 0 }, { code: 'bom', severity: 'warning' }),
          ...header(f, true),
        ],
        posts: posts(f, a),
      },
    });
  }
  {
    const { f, a } = make('utf8', withTarget(insertAfter(texts[t]!, spec.utf8.after, INVALID_UTF8)));
    const warning: IssueSpec = { code: 'invalid-utf8', severity: 'warning' };
    cases.push({
      name: 'invalid UTF-8 inside a record',
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, t), warning)],
        posts: posts(f, a),
        replaced: [spec.utf8.post],
      },
    });
  }
  {
    const cut = texts.map((x, i) => (i === last ? x.slice(0, Math.floor(x.length / 2)) : x));
    const { f, a } = make('truncated', cut, { unterminated: true });
    cases.push({
      name: 'truncated last line',
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, last), spec.truncated)],
        posts: posts(f, a, [last]),
      },
    });
  }
  if (spec.firstLine) {
    const { f, a } = make(
      'first-line',
      texts.map((x, i) => (i === 0 ? x.slice(0, Math.floor(x.length / 2)) : x)),
    );
    cases.push({
      name: 'first line cut off mid-write (later records kept)',
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, 0), spec.firstLine)],
        posts: posts(f, a, [0]),
      },
    });
  }
  {
    const { f, a } = make('wrong-type', withTarget(spec.wrongType.edit(texts[t]!)));
    cases.push({
      name: 'wrong type in a field',
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, t), spec.wrongType.issue)],
        posts: posts(f, a, [], spec.wrongType.lost),
      },
    });
  }
  {
    const { f, a } = make('missing-id', withTarget(spec.missingId.edit(texts[t]!)));
    cases.push({
      name: 'record missing its id',
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, t), spec.missingId.issue)],
        posts: posts(f, a, [], spec.missingId.lost),
      },
    });
  }
  {
    const { f, a } = make('too-large', withTarget(spec.pad(texts[t]!, SMALL_LIMIT + 1024)));
    const error: IssueSpec = { code: 'item-too-large', severity: 'error' };
    cases.push({
      name: 'over-long item (64 KiB limit)',
      paths: [f],
      maxItemBytes: SMALL_LIMIT,
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, t), error)],
        posts: posts(f, a, [t]),
      },
    });
  }
  {
    const { f, a } = make('beside-missing', texts);
    const missing = file('no-such-file');
    cases.push({
      name: 'unreadable: missing file',
      paths: [missing, f],
      expected: { issues: [missingFile(missing), ...header(f, false)], posts: posts(f, a) },
    });
  }
  for (const [kind, title, gz] of [
    ['cut-off', 'unreadable: .gz cut off (records before the cut kept)', gzipCutOff],
    ['corrupt', 'unreadable: corrupt bytes in a .gz (records before them kept)', gzipCorrupt],
  ] as const) {
    // The damage starts where the last record does: every record before it is whole in the first member.
    const a = assemble(texts, opts);
    const cutAt = at(a, last).byteOffset;
    const f = stage(`${file(kind)}.gz`, gz(a.bytes.subarray(0, cutAt), a.bytes.subarray(cutAt)));
    const error: IssueSpec = { code: 'unreadable', severity: 'error' };
    cases.push({
      name: title,
      paths: [f],
      expected: {
        issues: [...header(f, false), issueRow(spec.id, f, at(a, last), error)],
        posts: posts(f, a, [last]),
      },
    });
  }
  {
    const a = assemble(texts, opts);
    const f = stage(`${file('intact')}.gz`, gzipSync(a.bytes));
    cases.push({
      name: '.gz read transparently',
      paths: [f],
      expected: { issues: header(f, false), posts: posts(f, a) },
    });
  }
  return [...cases, ...(spec.extra?.(dir, stage) ?? [])];
}
