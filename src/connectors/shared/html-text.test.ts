import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEED_HTML } from '../feed/map.js';
import { MASTODON_HTML } from '../mastodon/status.js';
import { htmlToText } from './html-text.js';
import { httpUrl } from './http-url.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/mastodon');
const TAG = /<\/?[a-z][^>]*>/i;
const SCRIPT_LINKS =
  '<a href="javascript:alert(1)">a</a> <a href=" JAVA\tSCRIPT:alert(2)">b</a> ' +
  '<a href="data:text/html,x">c</a> <a href="/local">d</a> <a href="vbscript:x">e</a>';
const feed = (html: string) => htmlToText(html, FEED_HTML);
const mastodon = (html: string) => htmlToText(html, MASTODON_HTML);

describe('htmlToText as a feed reads it (white space collapsed, links as written)', () => {
  it('keeps paragraphs and line breaks, drops script-like elements, collects anchors', () => {
    const html =
      '<h1>Title</h1><p>One &amp; <b>two</b><br>three</p><script>x()</script><style>p{}</style>' +
      '<ul><li><a href="/a">A</a></li><li><a href=" https://b.example/ ">B</a></li></ul>';
    const out = feed(html);
    expect(out.text).toBe('Title\n\nOne & two\nthree\n\nA\nB');
    expect(out.links.map((l) => l.href)).toEqual(['/a', 'https://b.example/']);
  });

  it('does not turn text that merely contains "<" into markup, and keeps an unclosed script out', () => {
    expect(feed('a < b and c > d').text).toBe('a < b and c > d');
    expect(feed('before<script>never closed').text).toBe('before');
  });

  it('collapses source white space but keeps <pre> lines, and closes XHTML self-closed elements', () => {
    expect(feed('<p>one\n   two\t three</p>\n\n<pre>a  b\nc</pre>').text).toBe('one two three\n\na  b\nc');
    const xhtml = feed('<p>a<a href="/x"/>b</p>');
    expect(xhtml.text).toBe('ab');
    expect(xhtml.links).toEqual([{ href: '/x', text: '', role: 'link' }]);
  });
});

describe('htmlToText as Mastodon shows it (pre-wrap, hidden classes, http(s) links only)', () => {
  it('shows a shortened link the way Mastodon does and keeps the full target', () => {
    const html =
      '<p>See <a href="https://www.example.org/a/very/long/path" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://www.</span><span class="ellipsis">example.org/a/very/lo</span>' +
      '<span class="invisible">ng/path</span></a></p>';
    const out = mastodon(html);
    expect(out.text).toBe('See example.org/a/very/lo…');
    expect(out.links).toEqual([
      { href: 'https://www.example.org/a/very/long/path', text: 'example.org/a/very/lo…', role: 'link' },
    ]);
  });

  it('turns <br> into a line break, paragraphs into blank lines, and decodes entities', () => {
    const out = mastodon('<p>one<br />two &amp; &quot;three&quot;</p><p>&lt;b&gt; &#x1F600; caf&eacute;</p>');
    expect(out.text).toBe('one\ntwo & "three"\n\n<b> 😀 café');
  });

  it('tells mentions and hashtags from links, by class or by the text shown', () => {
    const out = mastodon(
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

  it('keeps the text of javascript:, data: and relative links but not their targets', () => {
    const out = mastodon(SCRIPT_LINKS);
    expect(out.text).toBe('a b c d e');
    expect(out.links).toEqual([]);
    expect(httpUrl('https://ok.example/x?a=1')).toBe('https://ok.example/x?a=1');
  });

  it('keeps white space as written inside a paragraph (Mastodon shows it pre-wrap)', () => {
    expect(mastodon('<p>a  b\n c</p>').text).toBe('a  b\n c');
  });

  it('hides the quote fallback paragraph Mastodon replaces with a quote card', () => {
    const out = mastodon(
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
      const { text } = mastodon(html);
      expect(text).not.toMatch(TAG);
      if (html.includes('<p>')) expect(text.length).toBeGreaterThan(0);
    }
  });
});

// Markup is never passed through: only text nodes reach the output. (Text the author escaped, `&lt;b&gt;`,
// is text and comes out as `<b>`, as a reader sees it: whoever renders the text escapes it.)
describe.each([
  ['feed', FEED_HTML],
  ['Mastodon', MASTODON_HTML],
])('htmlToText on hostile HTML, as %s options read it', (_, options) => {
  const text = (html: string) => htmlToText(html, options).text;

  it('drops script and style content and images, and never passes a tag through', () => {
    const out = text(
      '<p>Hi<script>alert("x")</script><style>p{color:red}</style><img src=x onerror="alert(1)">!</p>',
    );
    expect(out).toBe('Hi!');
    expect(out).not.toMatch(TAG);
  });

  it.each([
    ['an unclosed script', 'before<script>never closed', 'before'],
    ['markup in an attribute', '<a title="<script>x</script>">t</a>', 't'],
    ['a comment', '<!-- <script>x</script> -->z', 'z'],
    ['CDATA in HTML', '<![CDATA[<script>x</script>]]>z', 'z'],
    [
      'the noscript mutation',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>z',
      'z',
    ],
    ['raw text in textarea', '<textarea><script>alert(1)</script></textarea>z', 'z'],
    ['raw text in xmp', '<xmp><script>x</script></xmp>z', 'z'],
    ['raw text in noembed', '<noembed><img src=x onerror=alert(1)></noembed>z', 'z'],
    ['raw text in noframes', '<noframes><img src=x onerror=alert(1)></noframes>z', 'z'],
    ['plaintext to the end', 'z<plaintext><b>x</b>', 'z'],
    ['an iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>z', 'z'],
    [
      'svg and math scripts',
      '<svg><script>alert(1)</script></svg><math><style><img src=x></style></math>z',
      'z',
    ],
    ['object and embed', '<object data="x.swf"><embed src="x.swf"><b>fallback</b></object>z', 'z'],
  ])('keeps %s out', (_name, html, expected) => {
    expect(text(html)).toBe(expected);
  });

  it('keeps the text of javascript:, data: and vbscript: links, and no target a link could run', () => {
    const out = htmlToText(SCRIPT_LINKS, options);
    expect(out.text).toBe('a b c d e');
    // The feed keeps targets as written and resolves them against the entry's address with httpUrl.
    const targets = out.links.map((l) => httpUrl(l.href, 'https://site.example/post')).filter((t) => t);
    expect(targets.every((t) => t === 'https://site.example/local')).toBe(true);
  });

  it('keeps right-to-left override and other invisible characters as text', () => {
    expect(text('<p>file \u202egnp.exe\u202c \u200f\u2066x\u2069</p>')).toBe(
      'file \u202egnp.exe\u202c \u200f\u2066x\u2069',
    );
  });

  it('copes with unclosed and stray tags', () => {
    expect(text('<p>open <b>bold <i>both')).toBe('open bold both');
    expect(text('text</span></p></a> more<p>')).toBe('text\n\nmore');
    expect(text('<div <script>alert(1)</script>>')).not.toMatch(TAG);
    const nested = htmlToText(
      '<a href="https://a.example/">outer <a href="https://b.example/">inner</a></a>',
      options,
    );
    expect(nested.links.map((l) => l.href)).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('keeps a 10 kB run of emoji intact (no split surrogate pairs)', () => {
    const run = '🇺🇦👩🏽‍💻🕊️'.repeat(600);
    expect(Buffer.byteLength(run)).toBeGreaterThan(10_000);
    const out = text(`<p>${run}</p>`);
    expect(out).toBe(run);
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out); // a lone surrogate would not survive
  });
});
