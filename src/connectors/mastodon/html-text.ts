import { Parser } from 'htmlparser2';

/** A link as a reader sees it: the full target (absolute http(s) only) and the text Mastodon displays. */
export interface HtmlLink {
  href: string;
  text: string;
  role: 'mention' | 'hashtag' | 'link';
}

export interface HtmlText {
  text: string;
  links: HtmlLink[];
}

// Their content is never shown as text by a browser (or is hostile by nature): dropped with everything inside.
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
  'textarea',
  'select',
  'head',
]);
// Paragraph-like blocks are separated by a blank line, line-like ones by a single line break.
const PARAGRAPH = new Set([
  'p',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'figure',
]);
const LINE = new Set(['li', 'div', 'tr', 'dt', 'dd', 'hr', 'figcaption']);
// Mastodon hides these: `invisible` holds the cut-off parts of a long URL, `quote-inline` the "RE: url"
// fallback of a quote post (shown as a quote card instead).
const HIDDEN_CLASSES = ['invisible', 'quote-inline'];
const CLASS_SPLIT = /\s+/;

/** An absolute http(s) URL in its normalised form, or null (javascript:, data:, relative, malformed). */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function trimStartSpaces(s: string): string {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i === 0 ? s : s.slice(i);
}

interface Frame {
  name: string;
  hides: boolean;
  ellipsis: boolean;
}

interface OpenLink {
  href: string | null;
  parts: string[];
  classes: string[];
  rel: string[];
  hidden: boolean;
}

function roleOf(link: OpenLink, text: string): HtmlLink['role'] {
  if (link.classes.includes('hashtag') || link.rel.includes('tag')) return 'hashtag';
  if (link.classes.includes('mention') || link.classes.includes('u-url')) return 'mention';
  // Other servers (Misskey, bridges) may not mark their links: the shown text still says what they are.
  if (text.startsWith('#')) return 'hashtag';
  if (text.startsWith('@')) return 'mention';
  return 'link';
}

/**
 * Mastodon's sanitised HTML (`content`, `note`) as the plain text a reader sees, with its links. Text is
 * kept as written (Mastodon shows content with `white-space: pre-wrap`); `<br>` is a line break, block
 * elements are separated by a blank line; tags are never passed through, only text nodes.
 */
export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  const links: HtmlLink[] = [];
  const stack: Frame[] = [];
  let hidden = 0; // open elements that hide their content
  let pendingBreak = 0; // line breaks owed before the next visible text
  let trailingNewlines = 0;
  let link: OpenLink | null = null;

  const countTrailing = (s: string): void => {
    let i = s.length;
    while (i > 0 && s.charCodeAt(i - 1) === 10) i--;
    trailingNewlines = i === 0 ? trailingNewlines + s.length : s.length - i;
  };
  const append = (s: string): void => {
    parts.push(s);
    countTrailing(s);
  };
  const trimTrailingSpaces = (): void => {
    const last = parts.length - 1;
    if (last < 0) return;
    const s = parts[last]!;
    let end = s.length;
    while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
    if (end === s.length) return;
    const trimmed = s.slice(0, end);
    parts[last] = trimmed;
    if (trimmed) {
      trailingNewlines = 0;
      countTrailing(trimmed);
    }
  };
  const flushBreak = (): void => {
    if (pendingBreak > 0 && parts.length > 0) {
      trimTrailingSpaces();
      const owed = pendingBreak - trailingNewlines;
      if (owed > 0) append('\n'.repeat(owed));
    }
    pendingBreak = 0;
  };
  const write = (s: string): void => {
    if (hidden > 0 || s.length === 0) return;
    // Whitespace between blocks, or before any text, is layout, not content.
    const blockStart = pendingBreak > 0 || parts.length === 0;
    if (blockStart && s.trim() === '') return;
    flushBreak();
    const shown = blockStart ? trimStartSpaces(s) : s;
    append(shown);
    link?.parts.push(shown);
  };
  const closeLink = (): void => {
    if (!link) return;
    const text = link.parts.join('').trim();
    if (link.href && !link.hidden) links.push({ href: link.href, text, role: roleOf(link, text) });
    link = null;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const classes = attribs.class ? attribs.class.split(CLASS_SPLIT) : [];
        const hides = DROPPED.has(name) || classes.some((c) => HIDDEN_CLASSES.includes(c));
        stack.push({ name, hides, ellipsis: classes.includes('ellipsis') });
        if (hides) hidden++;
        if (name === 'br') {
          if (hidden === 0) {
            if (parts.length > 0) flushBreak();
            trimTrailingSpaces();
            append('\n');
            pendingBreak = 0;
          }
        } else if (PARAGRAPH.has(name)) pendingBreak = Math.max(pendingBreak, 2);
        else if (LINE.has(name)) pendingBreak = Math.max(pendingBreak, 1);
        else if (name === 'a') {
          closeLink(); // a link inside a link: browsers end the outer one first
          link = {
            href: safeHttpUrl(attribs.href),
            parts: [],
            classes,
            rel: attribs.rel ? attribs.rel.split(CLASS_SPLIT) : [],
            hidden: hidden > 0,
          };
        }
      },
      ontext(text) {
        write(text);
      },
      onclosetag(name) {
        // htmlparser2 closes implied and unclosed elements itself, innermost first.
        let i = stack.length - 1;
        while (i >= 0 && stack[i]!.name !== name) i--;
        if (i < 0) return;
        while (stack.length > i) {
          const frame = stack.pop()!;
          if (frame.ellipsis && hidden === 0) write('…');
          if (frame.hides) hidden--;
          if (frame.name === 'a') closeLink();
          if (PARAGRAPH.has(frame.name)) pendingBreak = Math.max(pendingBreak, 2);
          else if (LINE.has(frame.name)) pendingBreak = Math.max(pendingBreak, 1);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  closeLink();
  return { text: parts.join('').trim(), links };
}
