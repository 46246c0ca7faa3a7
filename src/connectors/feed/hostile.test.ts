import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapFeed } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/feed');
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const NOW = '2026-11-21T00:00:00.000Z';
const codes = (out: ReturnType<typeof mapFeed>) => out.issues.map((i) => `${i.severity}:${i.code}`);
const countOf = (text: string, tag: string) => text.split(`<${tag}>`).length - 1;

describe('feed mapper on broken and hostile input', () => {
  it('keeps the complete items of a cut-off feed and reports the cut once', () => {
    const xml = read('hostile-truncated.xml');
    const out = mapFeed(xml, NOW);
    const complete = countOf(xml, '/item');
    expect(out.posts.map((p) => p.platformPostId)).toHaveLength(complete);
    expect(codes(out)).toEqual(['error:malformed-xml']);
    expect(out.issues[0]?.message).toMatch(new RegExp(`line ${xml.split('\n').length}\\b.*cut off`));
    expect(out.issues[0]?.message).toContain(`${complete} entries`);
    expect(out.accounts[0]?.platformUserId).toBe('https://mfa.example.org/en/rss.xml');
    expect(out.posts[0]?.links.map((l) => l.url)).toEqual(['https://mfa.example.org/en/topics/trade']);
  });

  it('reports an error in the middle with its line and column and keeps only the items before it', () => {
    const xml = read('feed-google-blog.xml').replace('Try these 3 Google AI tools', 'Try these 3 & 4 tools');
    const bad = xml.indexOf(' & 4');
    const line = xml.slice(0, bad).split('\n').length;
    const out = mapFeed(xml, NOW);
    expect(codes(out)).toEqual(['error:malformed-xml']);
    expect(out.issues[0]?.message).toMatch(new RegExp(`line ${line}, column \\d+`));
    expect(out.posts.map((p) => p.text?.split('\n')[0])).toEqual([
      'Investing in Ukraine’s AI leadership and economic future',
    ]);
  });

  it.each([
    ['not XML at all', 'this is not a feed'],
    ['empty text', ''],
    ['an unclosed root without entries', '<rss version="2.0"><channel><title>x</title>'],
  ])('turns %s into one malformed-xml error and nothing else', (_, text) => {
    const out = mapFeed(text, NOW);
    expect(codes(out)).toEqual(['error:malformed-xml']);
    expect(out.posts).toEqual([]);
    expect(out.accounts).toEqual([]);
  });

  it('refuses XML that is not a feed, and a payload that is not text', () => {
    expect(codes(mapFeed('<html><body><p>hi</p></body></html>', NOW))).toEqual(['error:not-a-feed']);
    expect(codes(mapFeed('<rss version="2.0"/>', NOW))).toEqual(['error:not-a-feed']);
    expect(codes(mapFeed({ rss: {} }, NOW))).toEqual(['error:bad-payload']);
  });

  it('drops undated items with bad-date, keeps their neighbours, qualifies a bare guid with the feed', () => {
    const xml = read('hostile-no-date.xml');
    const out = mapFeed(xml, NOW);
    expect(codes(out)).toEqual([
      'error:bad-date',
      'error:bad-date',
      'warning:duplicate-id',
      'warning:date-without-zone',
    ]);
    expect(out.issues[0]?.recordKey).toBe('https://embassy.example.org/news/undated');
    expect(out.issues[1]?.message).toContain('Sa, 18 Mai 2019');
    expect(out.posts).toHaveLength(countOf(xml, 'item') - 3);
    expect(out.posts[0]).toMatchObject({
      platformPostId: 'https://embassy.example.org/#12345',
      url: 'https://embassy.example.org/news/dated',
      publishedAt: '2019-05-18T10:52:50.000Z',
      hashtags: [
        { tag: 'Diplomacy', norm: 'diplomacy' },
        { tag: 'StandWithUkraine', norm: 'standwithukraine' },
      ],
    });
    expect(out.posts[1]?.publishedAt).toBe('2019-05-19T08:00:00.000Z');
  });

  it('does not expand a billion-laughs DOCTYPE and warns about the declared entities', () => {
    const out = mapFeed(read('hostile-billion-laughs.xml'), NOW);
    expect(codes(out)).toEqual(['warning:dtd-entities']);
    expect(out.posts).toHaveLength(1);
    expect(out.posts[0]?.text?.length).toBeLessThan(100);
    expect(out.accounts[0]?.bio?.length).toBeLessThan(100);
  });

  it('stops a wide entity bomb at the expansion cap with one entity-limit error', () => {
    const decls = Array.from({ length: 40 }, (_, i) => `<!ENTITY e${i} "${'A'.repeat(900)}">`).join('\n');
    const refs = Array.from({ length: 200 }, (_, i) => `&e${i % 40};`).join('');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${decls}\n]>\n<rss version="2.0"><channel><title>t</title>
      <item><title>${refs}</title><pubDate>Sat, 18 May 2019 10:52:50 GMT</pubDate></item></channel></rss>`;
    const out = mapFeed(xml, NOW);
    expect(codes(out)).toEqual(['warning:dtd-entities', 'error:entity-limit']);
    expect(out.posts).toEqual([]);
  });

  it('drops scripts, styles and javascript: links from descriptions, escaped or in CDATA', () => {
    const out = mapFeed(read('hostile-script.xml'), NOW);
    expect(out.issues).toEqual([]);
    const [first, second] = out.posts;
    expect(first?.text).toBe('Press release\n\nVisible paragraph.\n\nclick safe');
    expect(first?.links.map((l) => l.url)).toEqual(['https://safe.example.org/x']);
    expect(second?.text).toBe('Second release\n\nBefore after.');
    for (const p of out.posts) expect(p.text).not.toMatch(/INJECTED|steal|alert|color: red/);
  });

  it('never throws on any prefix of a real feed, and reports each broken one', () => {
    const allowed = new Set(['malformed-xml', 'not-a-feed', 'bad-date', 'date-without-zone']);
    for (const file of ['feed-test.xml', 'atom-feed-youtube.xml', 'rss1-rdf.xml', 'feed-test-ru.xml']) {
      const xml = read(file);
      for (let n = 0; n < xml.length; n += 97) {
        const out = mapFeed(xml.slice(0, n), NOW);
        for (const i of out.issues) expect(allowed.has(i.code)).toBe(true);
        expect(out.issues.length + out.posts.length).toBeGreaterThan(0);
      }
    }
  });
});
