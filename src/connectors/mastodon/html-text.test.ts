import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlToText, safeHttpUrl } from './html-text.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/mastodon');
const TAG = /<\/?[a-z][^>]*>/i;

describe('htmlToText', () => {
  it('shows a shortened link the way Mastodon does and keeps the full target', () => {
    const html =
      '<p>See <a href="https://www.example.org/a/very/long/path" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://www.</span><span class="ellipsis">example.org/a/very/lo</span>' +
      '<span class="invisible">ng/path</span></a></p>';
    const out = htmlToText(html);
    expect(out.text).toBe('See example.org/a/very/lo…');
    expect(out.links).toEqual([
      { href: 'https://www.example.org/a/very/long/path', text: 'example.org/a/very/lo…', role: 'link' },
    ]);
  });

  it('turns <br> into a line break, paragraphs into blank lines, and decodes entities', () => {
    const out = htmlToText(
      '<p>one<br />two &amp; &quot;three&quot;</p><p>&lt;b&gt; &#x1F600; caf&eacute;</p>',
    );
    expect(out.text).toBe('one\ntwo & "three"\n\n<b> 😀 café');
  });

  it('tells mentions and hashtags from links, by class or by the text shown', () => {
    const out = htmlToText(
      '<p><span class="h-card"><a href="https://a.example/@x" class="u-url mention">@<span>x</span></a></span> ' +
        '<a href="https://a.example/tags/Peace" class="mention hashtag" rel="tag">#<span>Peace</span></a> ' +
        '<a class="hashtag" href="https://bsky.app/search?q=%23Diplomacy">#Diplomacy</a> ' +
        '<a href="https://b.example/@y">@y</a></p>',
    );
    expect(out.text).toBe('@x #Peace #Diplomacy @y');
    expect(out.links.map((l) => [l.role, l.text])).toEqual([
      ['mention', '@x'],
      ['hashtag', '#Peace'],
      ['hashtag', '#Diplomacy'],
      ['mention', '@y'],
    ]);
  });

  it('drops script and style content and images, and never passes a tag through', () => {
    const out = htmlToText(
      '<p>Hi<script>alert("x")</script><style>p{color:red}</style><img src=x onerror="alert(1)">!</p>',
    );
    expect(out.text).toBe('Hi!');
    expect(out.text).not.toMatch(TAG);
  });

  it('keeps the text of javascript:, data: and relative links but not their targets', () => {
    const out = htmlToText(
      '<a href="javascript:alert(1)">a</a> <a href=" JAVA\tSCRIPT:alert(2)">b</a> ' +
        '<a href="data:text/html,x">c</a> <a href="/local">d</a> <a href="vbscript:x">e</a>',
    );
    expect(out.text).toBe('a b c d e');
    expect(out.links).toEqual([]);
    expect(safeHttpUrl('https://ok.example/x?a=1')).toBe('https://ok.example/x?a=1');
  });

  it('keeps right-to-left override and other invisible characters as text', () => {
    const out = htmlToText('<p>file \u202egnp.exe\u202c \u200f\u2066x\u2069</p>');
    expect(out.text).toBe('file \u202egnp.exe\u202c \u200f\u2066x\u2069');
  });

  it('copes with unclosed and stray tags', () => {
    expect(htmlToText('<p>open <b>bold <i>both').text).toBe('open bold both');
    expect(htmlToText('text</span></p></a> more<p>').text).toBe('text\n\nmore');
    const nested = htmlToText(
      '<a href="https://a.example/">outer <a href="https://b.example/">inner</a></a>',
    );
    expect(nested.links.map((l) => l.href)).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('keeps a 10 kB run of emoji intact (no split surrogate pairs)', () => {
    const run = '🇺🇦👩🏽‍💻🕊️'.repeat(600);
    expect(Buffer.byteLength(run)).toBeGreaterThan(10_000);
    const out = htmlToText(`<p>${run}</p>`);
    expect(out.text).toBe(run);
    expect(Buffer.from(out.text, 'utf8').toString('utf8')).toBe(out.text); // a lone surrogate would not survive
  });

  it('hides the quote fallback paragraph Mastodon replaces with a quote card', () => {
    const out = htmlToText(
      '<p>Read this.</p><p class="quote-inline">RE: <a href="https://a.example/@x/1">a.example/@x/1</a></p>',
    );
    expect(out).toEqual({ text: 'Read this.', links: [] });
  });

  it('turns every content and note of the real fixtures into text without markup', () => {
    const contents: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'content' || k === 'note') && typeof x === 'string') contents.push(x);
          else walk(x);
        }
      }
    };
    for (const f of ['account_statuses.json', 'status_context.json', 'timeline_tag.json', 'account.json'])
      walk(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    expect(contents.length).toBeGreaterThan(80);
    for (const html of contents) {
      const { text } = htmlToText(html);
      expect(text).not.toMatch(TAG);
      if (html.includes('<p>')) expect(text.length).toBeGreaterThan(0);
    }
  });
});
