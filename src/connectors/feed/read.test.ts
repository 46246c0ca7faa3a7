import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ReadEvent, ReadItem } from '../connector.js';
import { decodeFeedBytes } from './decode.js';
import { mapFeed } from './map.js';
import { readFeed } from './read.js';

const NOW = '2026-11-21T00:00:00.000Z';
const OPTIONS = { from: null, maxItemBytes: 1 << 20 };
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-feed-'));
const TITLE = 'Посольство России: заявление';

function feedText(encoding: string | null): string {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '<?xml version="1.0"?>';
  return `${decl}
<rss version="2.0"><channel><title>МИД</title><link>https://mid.example.org/</link>
<item><title>${TITLE}</title><link>https://mid.example.org/1</link>
<pubDate>Mon, 03 Mar 2025 09:00:00 +0300</pubDate></item></channel></rss>`;
}

async function readAll(bytes: Buffer, name = 'feed.xml'): Promise<{ events: ReadEvent[]; file: string }> {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  const events: ReadEvent[] = [];
  for await (const e of readFeed(file, OPTIONS)) events.push(e);
  return { events, file };
}
const items = (events: ReadEvent[]) => events.filter((e): e is ReadItem => e.kind === 'item');
const issueCodes = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'issue' ? [e.code] : []));
const titleOf = (text: string) => mapFeed(text, NOW).posts[0]?.text?.split('\n')[0];

describe('feed reader: bytes to text by the declared encoding', () => {
  it('decodes a windows-1251 feed and keeps its original bytes', async () => {
    const bytes = iconv.encode(feedText('windows-1251'), 'windows-1251');
    expect(bytes.includes(Buffer.from('Посольство', 'utf8'))).toBe(false); // really not UTF-8
    const { events } = await readAll(bytes, 'cp1251.xml');
    expect(issueCodes(events)).toEqual([]);
    const [item] = items(events);
    expect(item?.bytes.equals(bytes)).toBe(true);
    expect(titleOf(item!.text)).toBe(TITLE);
    expect(mapFeed(item!.text, NOW).accounts[0]?.displayName).toBe('МИД');
  });

  it('decodes a gzipped windows-1251 feed the same way', async () => {
    const bytes = iconv.encode(feedText('windows-1251'), 'windows-1251');
    const { events } = await readAll(gzipSync(bytes), 'cp1251.xml.gz');
    expect(items(events)[0]?.bytes.equals(bytes)).toBe(true);
    expect(titleOf(items(events)[0]!.text)).toBe(TITLE);
  });

  it('decodes UTF-16 by its byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(feedText('UTF-16'), 'utf-16le')]);
    const { events } = await readAll(bytes, 'utf16.xml');
    expect(issueCodes(events)).toEqual([]);
    expect(titleOf(items(events)[0]!.text)).toBe(TITLE);
  });

  it('keeps a feed with invalid UTF-8 bytes, with a warning and U+FFFD in their place', async () => {
    const [head, tail] = feedText('utf-8').split('заявление');
    const bytes = Buffer.concat([Buffer.from(head!), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(tail!)]);
    const { events, file } = await readAll(bytes, 'bad-utf8.xml');
    expect(issueCodes(events)).toEqual(['invalid-utf8']);
    expect(events.filter((e) => e.kind === 'issue').every((e) => e.severity === 'warning')).toBe(true);
    const [item] = items(events);
    expect(item?.bytes.equals(readFileSync(file))).toBe(true);
    expect(titleOf(item!.text)).toBe('Посольство России: \uFFFD\uFFFD(');
  });

  it('warns about an unknown encoding and reads the feed as UTF-8', async () => {
    const { events } = await readAll(Buffer.from(feedText('x-klingon')), 'klingon.xml');
    expect(issueCodes(events)).toEqual(['unknown-encoding']);
    expect(titleOf(items(events)[0]!.text)).toBe(TITLE);
  });

  it('reads a feed labelled windows-1251 whose bytes are UTF-8 as UTF-8, with a warning', async () => {
    const { events } = await readAll(Buffer.from(feedText('windows-1251')), 'mislabelled.xml');
    expect(issueCodes(events)).toEqual(['encoding-mismatch']);
    expect(titleOf(items(events)[0]!.text)).toBe(TITLE);
  });

  it('passes read problems through: a missing file, a file too large, a resumed run', async () => {
    const missing: ReadEvent[] = [];
    for await (const e of readFeed(path.join(tmp, 'nope.xml'), OPTIONS)) missing.push(e);
    expect(issueCodes(missing)).toEqual(['unreadable']);
    const file = path.join(tmp, 'big.xml');
    writeFileSync(file, feedText(null));
    const big: ReadEvent[] = [];
    for await (const e of readFeed(file, { from: null, maxItemBytes: 100 })) big.push(e);
    expect(issueCodes(big)).toEqual(['item-too-large']);
    const resumed: ReadEvent[] = [];
    for await (const e of readFeed(file, { from: { line: 1, byteOffset: 10 }, maxItemBytes: 1 << 20 })) {
      resumed.push(e);
    }
    expect(resumed).toEqual([]);
  });
});

describe('decodeFeedBytes', () => {
  it('treats ISO-8859-1 as windows-1252 (curly quotes, not C1 controls)', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\x93caf\xe9\x94</a>', 'latin1');
    const decoded = decodeFeedBytes(bytes);
    expect(decoded.text).toContain('“café”');
    expect(decoded.warnings).toEqual([]);
  });

  it('reports bytes that are invalid in a multi-byte legacy encoding', () => {
    const good = iconv.encode('<?xml version="1.0" encoding="Shift_JIS"?><a>外務省</a>', 'shift_jis');
    expect(decodeFeedBytes(good).text).toContain('外務省');
    expect(decodeFeedBytes(good).warnings).toEqual([]);
    const at = good.indexOf('<a>') + 3;
    const broken = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    expect(decodeFeedBytes(broken).warnings.map((w) => w.code)).toEqual(['invalid-bytes']);
  });

  it('defaults to UTF-8 without a declaration and honours a UTF-8 BOM', () => {
    const text = '<rss><channel><title>Ä</title></channel></rss>';
    expect(decodeFeedBytes(Buffer.from(text)).text).toBe(text);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeFeedBytes(withBom)).toMatchObject({ text, encoding: 'utf-8', warnings: [] });
  });
});
