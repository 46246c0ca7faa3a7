import { Parser } from 'htmlparser2';

/**
 * Feed bodies are HTML fragments written by someone else: they are turned into plain text by a real HTML
 * tokenizer (never by regular expressions), with script-like elements dropped and block elements as line
 * breaks. Anchors' targets are collected as the post's links.
 */

export interface HtmlText {
  text: string;
  /** `href` values of anchors, as written (may be relative). */
  links: string[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe']);
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dl',
  'figure',
  'header',
  'footer',
  'section',
  'article',
  'aside',
  'hr',
]);
const LINE = new Set([
  'br',
  'div',
  'li',
  'dt',
  'dd',
  'tr',
  'figcaption',
  'caption',
  'address',
  'main',
  'nav',
]);
// HTML collapses source whitespace (newlines included) to one space; U+00A0 is content and is kept.
const HTML_SPACE = /[ \t\n\r\f]+/g;
const BLANK_LINES = /\n{3,}/g;

/** Lines trimmed, runs of blank lines cut to one: also used for plain-text bodies. */
export function tidy(raw: string): string {
  const lines = raw.split('\n').map((l) => l.trim());
  return lines.join('\n').replace(BLANK_LINES, '\n\n').trim();
}

export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  const links: string[] = [];
  let skip = 0;
  let pre = 0;
  // Breaks wait until the next text, so nested blocks (</li><li>, </p></div>) give one break, not several.
  let pending = 0;
  const breakFor = (name: string): void => {
    if (name === 'br') pending = Math.min(pending + 1, 2);
    else if (PARAGRAPH.has(name)) pending = 2;
    else if (LINE.has(name)) pending = Math.max(pending, 1);
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP.has(name)) skip++;
        if (skip) return;
        if (name === 'pre') pre++;
        if (name === 'a' && attribs.href) links.push(attribs.href.trim());
        breakFor(name);
      },
      ontext(raw) {
        if (skip) return;
        const text = pre ? raw : raw.replace(HTML_SPACE, ' ');
        if (pending) {
          if (!text.trim()) return;
          if (out.length) out.push('\n'.repeat(pending));
          pending = 0;
        }
        out.push(text);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          if (skip) skip--;
          return;
        }
        if (skip) return;
        if (name === 'pre' && pre) pre--;
        if (name !== 'br') breakFor(name);
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { text: tidy(out.join('')), links };
}

// Plain-text bodies (YouTube descriptions, Atom type="text"): URLs and hashtags as the platform shows them.
const BARE_URL = /\bhttps?:\/\/[^\s<>"'«»“”‘’]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;
const TEXT_HASHTAG = /(?:^|[\s(])[#＃]([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

export function plainTextLinks(text: string): string[] {
  return [...text.matchAll(BARE_URL)].map((m) => m[0].replace(TRAILING_PUNCTUATION, ''));
}

export function plainTextHashtags(text: string): string[] {
  return [...text.matchAll(TEXT_HASHTAG)].map((m) => m[1] ?? '').filter((t) => t.length > 0);
}
