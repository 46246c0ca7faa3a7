import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadEvent, ReadIssue, ReadItem, ReadOptions } from '../connector.js';
import { CSV_COLUMNS } from './columns.js';
import { readCsv } from './read.js';
import { parseFields } from './records.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/csv');
const fixture = (name: string) => path.join(dir, name);
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function collect(file: string, options: Partial<ReadOptions> = {}): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const ev of readCsv(file, { from: null, maxItemBytes: 1 << 20, ...options })) events.push(ev);
  return events;
}
/** A row's own bytes: an item's payload is the header row, a newline, then the row. */
const row = (item: ReadItem) => item.bytes.subarray(item.bytes.indexOf(0x0a) + 1);
const itemsOf = (events: ReadEvent[]) => events.filter((e): e is ReadItem => e.kind === 'item');
const issuesOf = (events: ReadEvent[]) => events.filter((e): e is ReadIssue => e.kind === 'issue');
const known: ReadonlySet<string> = new Set(CSV_COLUMNS);

type Parsed = { record: { [column: string]: string }; info: { lines: number } };
/** The independent route: csv-parse reads the whole file at once, by its own rules. */
function csvParse(file: string): Parsed[] {
  return parse<Parsed>(readFileSync(file), { bom: true, columns: true, info: true });
}
/** What `read` should hand `map` for a csv-parse record: its known, non-empty columns. */
const expectedRow = (r: Parsed['record']) =>
  Object.fromEntries(Object.entries(r).filter(([k, v]) => known.has(k) && v !== ''));

describe('CSV reader on the real-shaped fixture', () => {
  it('yields one item per row, with the fields csv-parse finds and the lines where rows end', async () => {
    const events = await collect(fixture('posts.csv'));
    const items = itemsOf(events);
    const records = csvParse(fixture('posts.csv'));
    expect(items.length).toBe(records.length);
    items.forEach((item, i) => {
      expect(JSON.parse(item.text)).toEqual(expectedRow(records[i]!.record));
      const newlines = row(item).toString('utf8').split('\n').length - 1;
      expect(item.line! + newlines).toBe(records[i]!.info.lines);
    });
    expect(issuesOf(events).map((e) => [e.code, e.line])).toEqual([['unknown-columns', 1]]);
    expect(issuesOf(events)[0]!.message).toContain('collected_by');
  });

  it('keeps each row’s exact bytes at its byte offset; header and rows rebuild the file', async () => {
    const raw = readFileSync(fixture('posts.csv'));
    const items = itemsOf(await collect(fixture('posts.csv')));
    for (const item of items) {
      expect(raw.subarray(item.byteOffset!, item.byteOffset! + row(item).length).equals(row(item))).toBe(
        true,
      );
    }
    const header = raw.subarray(0, raw.indexOf(0x0a) + 1);
    for (const item of items) expect(item.bytes.subarray(0, header.length).equals(header)).toBe(true);
    const rebuilt = Buffer.concat([header, ...items.flatMap((i) => [row(i), Buffer.from('\n')])]);
    expect(rebuilt.equals(raw)).toBe(true);
  });

  it('handles a BOM, CRLF line ends, a CRLF inside a quoted field and a last row without a line end', async () => {
    const raw = readFileSync(fixture('crlf-bom.csv'));
    const items = itemsOf(await collect(fixture('crlf-bom.csv')));
    const records = csvParse(fixture('crlf-bom.csv'));
    expect(items.map((i) => JSON.parse(i.text) as unknown)).toEqual(
      records.map((r) => expectedRow(r.record)),
    );
    expect(items.map((i) => i.line)).toEqual([2, 4, 5]);
    expect(items.map((i) => i.unterminated)).toEqual([false, false, true]);
    const headerEnd = raw.indexOf('\r\n') + 2;
    expect(items[0]!.byteOffset).toBe(headerEnd);
    expect(row(items[0]!).toString()).toContain('first line\r\nsecond line');
    for (const item of items) {
      expect(raw.subarray(item.byteOffset!, item.byteOffset! + row(item).length).equals(row(item))).toBe(
        true,
      );
      expect(row(item).at(-1)).not.toBe(0x0d);
    }
  });
});

describe('CSV reader on broken input', () => {
  it('reports a header without a required column once and reads nothing', async () => {
    const events = await collect(fixture('bad-header.csv'));
    expect(events).toMatchObject([{ kind: 'issue', severity: 'error', code: 'bad-header', line: 1 }]);
    expect((events[0] as ReadIssue).message).toContain('published_at');
  });

  it.each([
    ['empty file', ''],
    ['duplicate column', 'platform,post_id,author_id,published_at,post_id\n'],
    [
      'unclosed quote in the header',
      'platform,"post_id,author_id,published_at\nx,1,2,2024-01-01T00:00:00Z\n',
    ],
    ['no author column', 'platform,post_id,published_at\nx,1,2024-01-01T00:00:00Z\n'],
  ])('%s: one bad-header error', async (name, content) => {
    const file = path.join(tmp, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, content);
    const events = await collect(file);
    expect(events.map((e) => (e.kind === 'issue' ? e.code : 'item'))).toEqual(['bad-header']);
  });

  it('skips blank lines before the header', async () => {
    const file = path.join(tmp, 'blank-first.csv');
    const head = '\n\r\nplatform,post_id,author_handle,published_at\n';
    writeFileSync(file, `${head}x,1,FranceDiplo,2024-01-01T00:00:00Z\n`);
    const events = await collect(file);
    expect(events.map((e) => [e.kind, e.line, e.byteOffset])).toEqual([['item', 4, Buffer.byteLength(head)]]);
  });

  it('a header-only file yields nothing', async () => {
    const file = path.join(tmp, 'header-only.csv');
    writeFileSync(file, 'platform,post_id,author_handle,published_at\r\n');
    expect(await collect(file)).toEqual([]);
  });

  it('a missing file is one unreadable issue', async () => {
    expect(await collect(path.join(tmp, 'nope.csv'))).toMatchObject([{ kind: 'issue', code: 'unreadable' }]);
  });

  it.each([false, true])(
    'a quote never closed: one error at its row, then reading goes on at the next line (gzip: %s)',
    async (gz) => {
      let file = fixture('unclosed.csv');
      if (gz) {
        file = path.join(tmp, 'unclosed.csv.gz');
        writeFileSync(file, gzipSync(readFileSync(fixture('unclosed.csv'))));
      }
      const events = await collect(file);
      const raw = readFileSync(fixture('unclosed.csv'), 'utf8').split('\n');
      const lineOf = (marker: string) => raw.findIndex((l) => l.includes(marker)) + 1;
      expect(issuesOf(events).map((e) => [e.code, e.line])).toEqual([['unclosed-quote', lineOf('bad-2')]]);
      expect(
        itemsOf(events).map((i) => [i.line, (JSON.parse(i.text) as { post_id: string }).post_id]),
      ).toEqual(['ok-1', 'ok-3', 'ok-4'].map((id) => [lineOf(id), id]));
    },
  );

  it('skips rows over maxItemBytes with an issue each and keeps the others', async () => {
    const all = itemsOf(await collect(fixture('posts.csv')));
    const limit = 300;
    const events = await collect(fixture('posts.csv'), { maxItemBytes: limit });
    const big = all.filter((i) => row(i).length > limit);
    expect(big.length).toBeGreaterThan(0);
    expect(
      issuesOf(events)
        .filter((e) => e.code === 'item-too-large')
        .map((e) => e.line),
    ).toEqual(big.map((i) => i.line));
    expect(itemsOf(events).map((i) => i.line)).toEqual(
      all.filter((i) => row(i).length <= limit).map((i) => i.line),
    );
  });
});

describe('CSV reader resuming from a checkpoint', () => {
  it.each([false, true])('re-reads the header, then yields from the checkpoint on (gzip: %s)', async (gz) => {
    let file = fixture('posts.csv');
    if (gz) {
      file = path.join(tmp, 'posts.csv.gz');
      writeFileSync(file, gzipSync(readFileSync(fixture('posts.csv'))));
    }
    const all = itemsOf(await collect(file));
    expect(all.length).toBeGreaterThan(4);
    const checkpoint = all[3]!;
    const resumed = await collect(file, {
      from: { line: checkpoint.line, byteOffset: checkpoint.byteOffset },
    });
    expect(issuesOf(resumed)).toEqual([]); // the header's warning was reported by the first run
    expect(itemsOf(resumed)).toEqual(all.slice(3));
  });
});

describe('CSV reader across stream chunks', () => {
  it('splits the same rows as csv-parse when CRLF and "" fall on 1 MiB chunk boundaries', async () => {
    const CHUNK = 1 << 20;
    const parts: Buffer[] = [];
    let size = 0;
    const add = (s: string) => {
      const b = Buffer.from(s);
      parts.push(b);
      size += b.length;
    };
    let n = 0;
    const prefix = () => `x,r-${n},FranceDiplo,2024-01-01T00:00:00Z,`;
    const row = (text: string) => add(`${prefix()}${text},${n++ % 5}\r\n`);
    add('platform,post_id,author_handle,published_at,text,likes\r\n');
    const fill = (until: number) => {
      while (size < until - 4000) row(n % 7 ? `plain text é ${n}` : `"multi\r\nline ""quoted"" ${n}"`);
    };
    fill(CHUNK);
    // This row's CR is the last byte of the first chunk; its LF the first of the second.
    row('a'.repeat(CHUNK - 1 - size - Buffer.byteLength(`${prefix()},0`)));
    expect(size).toBe(CHUNK + 1);
    fill(2 * CHUNK);
    // The first quote of an escaped "" is the last byte of the second chunk; a line break follows in the field.
    const k = 2 * CHUNK - 1 - size - Buffer.byteLength(prefix()) - 1;
    row(`"${'b'.repeat(k)}""c\r\nd"`);
    fill(3 * CHUNK);
    const file = path.join(tmp, 'chunks.csv');
    writeFileSync(file, Buffer.concat(parts));
    expect(Buffer.concat(parts)[2 * CHUNK - 1]).toBe(0x22);

    const items = itemsOf(await collect(file));
    const records = csvParse(file);
    expect(items.length).toBe(records.length);
    expect(items.map((i) => JSON.parse(i.text) as unknown)).toEqual(
      records.map((r) => expectedRow(r.record)),
    );
  });
});

describe('parseFields (RFC 4180)', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['', ['']],
    ['a,', ['a', '']],
    ['"a,b","c""d",""', ['a,b', 'c"d', '']],
    ['"multi\nline",x', ['multi\nline', 'x']],
  ])('%j', (text, fields) => {
    expect(parseFields(text)).toEqual({ ok: true, fields });
  });

  it.each(['a"b,c', '"a"b,c', '"abc', 'a,"b'])('%j is malformed', (text) => {
    expect(parseFields(text).ok).toBe(false);
  });
});
