import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Database } from '../../../src/db/database.js';

/** One `ingest_issues` row as the hostile suite compares it (the message is prose and not compared). */
export interface IssueRow {
  connector: string | null;
  severity: 'error' | 'warning';
  code: string;
  file: string | null;
  line: number | null;
  byteOffset: number | null;
  recordKey: string | null;
}

/** A stored post with the position of the raw record it was first read from. */
export interface PostRow {
  id: string;
  file: string | null;
  line: number | null;
  byteOffset: number | null;
}

/** An expected post: its id may be an asymmetric matcher (an id the connector derives, such as a hash). */
export type ExpectedPost = Omit<PostRow, 'id'> & { id: unknown };

export interface Expected {
  issues: IssueRow[];
  /** Every post the database must hold afterwards, and no other. */
  posts: ExpectedPost[];
  /** Posts whose text must show U+FFFD where the invalid bytes were. */
  replaced?: string[];
}

/** One damage case: the paths it imports (staged files), the import options it needs and what must come out. */
export interface HostileCase {
  name: string;
  paths: string[];
  maxItemBytes?: number;
  /** A connector id, as `--format` gives it; auto-detection otherwise. */
  format?: string;
  expected: Expected;
}

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures');
/** A good fixture of test/fixtures/, as text. */
export const fixture = (rel: string): string => readFileSync(path.join(fixtures, rel), 'utf8');
/** The non-blank lines of a good fixture. */
export const fixtureLines = (rel: string): string[] =>
  fixture(rel)
    .split('\n')
    .filter((l) => l.trim() !== '');

export type Json = Record<string, unknown>;

export const SMALL_LIMIT = 64 * 1024;
export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Bytes that never occur in UTF-8. */
export const INVALID_UTF8 = Buffer.from([0xff, 0xfe]);

/** Records a file to write later and returns its path: collecting the cases must not touch the disk. */
export type Stage = (file: string, content: string | Buffer | (() => Buffer)) => string;

/** The files of a group of cases, written when the group runs (its `afterAll` removes them). */
export function staging(): { stage: Stage; writeAll: () => void } {
  const files = new Map<string, string | Buffer | (() => Buffer)>();
  return {
    stage: (file, content) => {
      files.set(file, content);
      return file;
    },
    writeAll: () => {
      for (const [file, content] of files) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, typeof content === 'function' ? content() : content);
      }
    },
  };
}

/** Inserts `bytes` right after the first match of `after` (which must match: a changed fixture fails loudly). */
export function insertAfter(text: string, after: RegExp, bytes: Buffer): Buffer {
  const m = after.exec(text);
  if (!m) throw new Error(`fixture changed: ${String(after)} not found`);
  const at = m.index + m[0].length;
  return Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at))]);
}

/** Replaces the first occurrence of `from`, which must be there. */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`fixture changed: ${String(from)} not found`);
  return text.replace(from, () => to);
}

/** JSON text edited as a value: parse, change, serialise compactly. */
export function editJson(text: string, edit: (value: Json) => void): string {
  const value = JSON.parse(text) as Json;
  edit(value);
  return JSON.stringify(value);
}

/**
 * A gzip file whose first member holds `intact` and whose second member, holding `rest`, is cut off in the
 * middle (as an appended write or a download interrupted): `gunzip` recovers everything of the first member.
 */
export function gzipCutOff(intact: Buffer | string, rest: Buffer | string): Buffer {
  const second = gzipSync(rest);
  return Buffer.concat([gzipSync(intact), second.subarray(0, Math.floor(second.length / 2))]);
}

/**
 * A gzip file whose first member holds `intact` and whose second member, meant to hold `rest`, has its
 * compressed data overwritten (a bad disk block): its first byte announces an invalid deflate block type,
 * so decompression fails exactly where the second member starts.
 */
export function gzipCorrupt(intact: Buffer | string, rest: Buffer | string): Buffer {
  const second = Buffer.from(gzipSync(rest));
  second.fill(0xff, 10); // after the 10-byte member header
  return Buffer.concat([gzipSync(intact), second]);
}

export interface Assembled {
  bytes: Buffer;
  /** Line and byte offset of each record, as the file was put together. */
  at: { line: number; byteOffset: number }[];
}

/**
 * Records joined by newlines (after an optional BOM and header row), each record's line and byte offset
 * known by construction. `unterminated` leaves the last record without its newline.
 */
export function assemble(
  records: readonly (string | Buffer)[],
  opts: { header?: string; bom?: boolean; unterminated?: boolean } = {},
): Assembled {
  const chunks: Buffer[] = [];
  const at: Assembled['at'] = [];
  let offset = 0;
  let line = 1;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
    for (const byte of b) if (byte === 0x0a) line++;
  };
  if (opts.bom) push(BOM);
  if (opts.header !== undefined) push(Buffer.from(`${opts.header}\n`));
  records.forEach((r, i) => {
    at.push({ line, byteOffset: offset });
    push(Buffer.isBuffer(r) ? r : Buffer.from(r));
    if (i < records.length - 1 || !opts.unterminated) push(Buffer.from('\n'));
  });
  return { bytes: Buffer.concat(chunks), at };
}

/** Empties what an import writes, so that each case of a format starts from the same empty store. */
export async function resetStore(db: Database): Promise<void> {
  await db.query(
    `TRUNCATE ingest_issues, ingest_runs, raw_records, posts, post_refs, post_hashtags, post_mentions, post_links,
       post_media, post_metrics, channel_snapshots, channel_daily, channels, datasets RESTART IDENTITY CASCADE`,
  );
}

export async function storedIssues(db: Database): Promise<IssueRow[]> {
  const rows = await db.query<IssueRow>(
    `SELECT connector, severity, code, file, line, byte_offset AS "byteOffset", record_key AS "recordKey"
     FROM ingest_issues`,
  );
  return rows.sort(byPosition);
}

export async function storedPosts(db: Database): Promise<PostRow[]> {
  return db.query<PostRow>(
    `SELECT p.platform_post_id AS id, r.file, r.line, r.byte_offset AS "byteOffset"
     FROM posts p LEFT JOIN raw_records r ON r.id = p.raw_record_id`,
  );
}

/** Ids of the posts whose stored text has U+FFFD. */
export async function postsWithReplacement(db: Database): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT platform_post_id AS id FROM posts WHERE strpos(text, $1) > 0 ORDER BY 1`,
    ['\uFFFD'],
  );
  return rows.map((r) => r.id);
}

export function byPosition(a: IssueRow, b: IssueRow): number {
  const key = (i: IssueRow) =>
    [
      i.file ?? '',
      String(i.line ?? 0).padStart(12, '0'),
      String(i.byteOffset ?? 0).padStart(12, '0'),
      i.code,
    ].join('\u0000');
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares posts whatever their order (ids are unique in the store, so equal lengths make it exact). */
export function expectPosts(actual: PostRow[], expected: ExpectedPost[]): void {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining(expected));
}
