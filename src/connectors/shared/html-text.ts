import { Parser } from 'htmlparser2';

/**
 * HTML written by someone else (feed bodies, Mastodon's `content` and `note`) as the plain text a reader
 * sees, with its links. A real HTML tokenizer reads it (never regular expressions) and only text nodes reach
 * the output: tags are never passed through. Script-like elements are dropped with everything inside; `<br>`
 * is a line break, paragraph-like blocks are separated by a blank line, line-like ones by a line break.
 */

export interface HtmlLink {
  /** The target, as `HtmlTextOptions.href` makes it from the written `href`. */
  href: string;
  /** The link's text as shown. */
  text: string;
  role: 'mention' | 'hashtag' | 'link';
}

export interface HtmlText {
  text: string;
  links: HtmlLink[];
}

/** Where sources truly differ: each connector passes its own. */
export interface HtmlTextOptions {
  /**
   * `normal`: white space collapsed as a browser does, every line trimmed and runs of blank lines cut to one
   * (only `<pre>` keeps its white space inside a line). `pre-wrap`: text as written (Mastodon shows content
   * with `white-space: pre-wrap`).
   */
  whiteSpace: 'normal' | 'pre-wrap';
  /** An element with one of these classes is hidden with everything inside. */
  hiddenClasses?: readonly string[];
  /** An element with this class is followed by "…" (it shows the start of a shortened URL). */
  ellipsisClass?: string;
  /** `<x/>` closes `x`, as in XHTML (feeds embed it); otherwise only void elements close themselves. */
  selfClosing?: boolean;
  /** A link's target from its written `href`, or null to leave the link out; default: the `href` trimmed. */
  href?: (raw: string) => string | null;
}

// Dropped with everything inside: a browser never shows their content as body text, or it is hostile by
// nature. The raw-text ones among them (script, style, title, textarea, iframe, xmp, noembed, noframes,
// plaintext) hold markup as text, which would reach the output as tags if it were kept.
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'textarea',
  'select',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
]);
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
const LINE = new Set(['div', 'li', 'dt', 'dd', 'tr', 'figcaption', 'caption', 'address', 'main', 'nav']);
const CLASS_SPLIT = /\s+/;
// HTML collapses source white space (newlines included) to one space; U+00A0 is content and is kept.
const HTML_SPACE = /[ \t\n\r\f]+/g;
const BLANK_LINES = /\n{3,}/g;

/** Lines trimmed, runs of blank lines cut to one: also used for plain-text bodies. */
export function tidy(raw: string): string {
  const lines = raw.split('\n').map((l) => l.trim());
  return lines.join('\n').replace(BLANK_LINES, '\n\n').trim();
}

const trimHref = (raw: string): string => raw.trim();

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

export function htmlToText(html: string, options: HtmlTextOptions): HtmlText {
  const { hiddenClasses = [], ellipsisClass, href: target = trimHref } = options;
  const collapse = options.whiteSpace === 'normal';
  const parts: string[] = [];
  const links: HtmlLink[] = [];
  const stack: Frame[] = [];
  let hidden = 0; // open elements that hide their content
  let pre = 0; // open <pre> elements: their white space is kept
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
  // Breaks wait for the next visible text, so nested blocks (</li><li>, </p></div>) give one break, not several.
  const flushBreak = (): void => {
    if (pendingBreak > 0 && parts.length > 0) {
      trimTrailingSpaces();
      const owed = pendingBreak - trailingNewlines;
      if (owed > 0) append('\n'.repeat(owed));
    }
    pendingBreak = 0;
  };
  const breakFor = (name: string): void => {
    if (PARAGRAPH.has(name)) pendingBreak = Math.max(pendingBreak, 2);
    else if (LINE.has(name)) pendingBreak = Math.max(pendingBreak, 1);
  };
  const write = (raw: string): void => {
    if (hidden > 0 || raw.length === 0) return;
    const s = collapse && pre === 0 ? raw.replace(HTML_SPACE, ' ') : raw;
    // White space between blocks, or before any text, is layout, not content.
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
    if (link.href !== null && !link.hidden) links.push({ href: link.href, text, role: roleOf(link, text) });
    link = null;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const classes = attribs.class ? attribs.class.split(CLASS_SPLIT) : [];
        const hides = DROPPED.has(name) || classes.some((c) => hiddenClasses.includes(c));
        stack.push({ name, hides, ellipsis: ellipsisClass !== undefined && classes.includes(ellipsisClass) });
        if (hides) hidden++;
        if (name === 'pre') pre++;
        if (name === 'br') {
          if (hidden === 0) {
            if (parts.length > 0) flushBreak();
            trimTrailingSpaces();
            append('\n');
            pendingBreak = 0;
          }
        } else if (name === 'a') {
          closeLink(); // a link inside a link: browsers end the outer one first
          link = {
            href: attribs.href ? target(attribs.href) : null,
            parts: [],
            classes,
            rel: attribs.rel ? attribs.rel.split(CLASS_SPLIT) : [],
            hidden: hidden > 0,
          };
        } else if (hidden === 0) breakFor(name);
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
          // Hidden content gives no line breaks either: it is not laid out at all.
          const shown = hidden === 0;
          if (frame.ellipsis && shown) write('…');
          if (frame.hides) hidden--;
          if (frame.name === 'pre') pre--;
          if (frame.name === 'a') closeLink();
          if (shown) breakFor(frame.name);
        }
      },
    },
    { decodeEntities: true, recognizeSelfClosing: options.selfClosing ?? false },
  );
  parser.write(html);
  parser.end();
  closeLink();
  const text = parts.join('');
  return { text: collapse ? tidy(text) : text.trim(), links };
}
