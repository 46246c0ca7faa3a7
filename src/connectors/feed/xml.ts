import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Validation and parsing of one feed document. A malformed document is never half-parsed silently: it is
 * reported with the validator's line and column, and only the entries that end before the error are
 * recovered (the document is cut after the last complete `</item>`/`</entry>` and closed again; the cut
 * is kept only if it validates).
 */

export type XmlObject = Record<string, unknown>;

export interface XmlProblem {
  code: 'malformed-xml' | 'entity-limit';
  /** Where and what, for people; line/column are 1-based. */
  message: string;
  /** Line of the end of the last recovered entry, or null when nothing was recovered. */
  recoveredThroughLine: number | null;
}

export interface ParsedXml {
  doc: XmlObject | null;
  problem: XmlProblem | null;
  /** True when the document declares entities in a DOCTYPE (kept, but worth a warning). */
  declaresEntities: boolean;
}

// Entity expansion guard (billion laughs and its linear variant). fast-xml-parser does not expand entity
// references inside entity values at all; these caps bound what a DOCTYPE can still add: at most 50
// entities of at most 1,000 characters, and at most 100,000 characters of growth in the whole document.
// Growth is counted only when a replacement is longer than its reference, which the predefined, numeric
// and HTML entities never are, so ordinary feeds of any size stay under the cap.
const ENTITY_LIMITS = {
  enabled: true,
  maxEntityCount: 50,
  maxEntitySize: 1_000,
  maxExpansionDepth: 2,
  maxExpandedLength: 100_000,
};

// Atom `type="xhtml"` content is markup inside the feed; it is kept as its source text for the HTML reader.
const XHTML_NODES = ['content', 'summary', 'title', 'subtitle'].map((n) => `..${n}[type=xhtml]`);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  // Values stay strings: a numeric guid must not become a lossy JS number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes numeric references (&#233;) and the HTML names feeds use without declaring them (&nbsp;).
  htmlEntities: true,
  processEntities: ENTITY_LIMITS,
  stopNodes: XHTML_NODES,
});

const ELEMENT_NAME = /^<((?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*))[\s>/]/;
const ENTRY_END = /<\/(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>/g;
const FIRST_ELEMENT = /<[A-Za-z_]/;
const ENTITY_ERROR = /entit/i;

/**
 * The document element's qualified and local name, read from the start of the text. A scanner rather than
 * one regular expression: nested lazy patterns over processing instructions backtrack exponentially on
 * hostile input, and `detect` runs on any file.
 */
export function rootElement(text: string): { name: string; local: string } | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let guard = 0; guard < 1000; guard++) {
    while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
    let end: number;
    if (text.startsWith('<?', i)) end = text.indexOf('?>', i + 2) + 2;
    else if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4) + 3;
    else if (text.startsWith('<!DOCTYPE', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      // An internal subset holds declarations with their own '>': skip to its closing ']' first.
      const from = bracket !== -1 && bracket < gt ? text.indexOf(']', bracket) : i;
      end = from === -1 ? 0 : text.indexOf('>', from) + 1;
    } else {
      const m = ELEMENT_NAME.exec(text.slice(i, i + 256));
      return m?.[1] && m[2] ? { name: m[1], local: m[2] } : null;
    }
    if (end <= i) return null; // an unterminated construct
    i = end;
  }
  return null;
}

function lineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line && at !== -1; l++) {
    at = text.indexOf('\n', at);
    if (at !== -1) at++;
  }
  return at === -1 ? text.length : at;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** A well-formed prefix of a broken feed (its complete entries, closed again), or null. */
function recover(text: string, errorOffset: number): { text: string; line: number } | null {
  const root = rootElement(text);
  if (!root || !['rss', 'feed', 'RDF'].includes(root.local)) return null;
  const closers = root.local === 'rss' ? `</channel></${root.name}>` : `</${root.name}>`;
  const ends: number[] = [];
  ENTRY_END.lastIndex = 0;
  for (let m = ENTRY_END.exec(text); m && m.index + m[0].length <= errorOffset; m = ENTRY_END.exec(text)) {
    ends.push(m.index + m[0].length);
  }
  // The error may be noticed just after a bad entry's end tag; step back over at most three entries.
  for (const end of ends.slice(-3).reverse()) {
    const candidate = text.slice(0, end) + closers;
    if (XMLValidator.validate(candidate) === true) return { text: candidate, line: lineOf(text, end) };
  }
  return null;
}

function parse(text: string): XmlObject {
  const doc: unknown = parser.parse(text);
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as XmlObject) : {};
}

function thrown(error: unknown): XmlProblem {
  const message = error instanceof Error ? error.message : String(error);
  const entity = ENTITY_ERROR.test(message);
  return {
    code: entity ? 'entity-limit' : 'malformed-xml',
    message: entity ? `entity expansion refused: ${message}` : `XML not parsed: ${message}`,
    recoveredThroughLine: null,
  };
}

export function parseXml(text: string): ParsedXml {
  const prologEnd = text.search(FIRST_ELEMENT);
  const declaresEntities = text.slice(0, prologEnd === -1 ? text.length : prologEnd).includes('<!ENTITY');
  const verdict = XMLValidator.validate(text);
  if (verdict === true) {
    try {
      return { doc: parse(text), problem: null, declaresEntities };
    } catch (error) {
      return { doc: null, problem: thrown(error), declaresEntities };
    }
  }
  const { line, col, msg, code } = verdict.err;
  // "Invalid '[...]' found" lists the elements still open when the text ran out: a cut-off file.
  const atEnd = code === 'InvalidXml' && msg.startsWith("Invalid '[");
  const errorOffset = atEnd ? text.length : lineStart(text, line) + Math.max(0, (col || 1) - 1);
  const where = atEnd
    ? `line ${lineOf(text, text.length)}: the document ends before its elements are closed (cut off?)`
    : `line ${line}, column ${col || 1}: ${msg}`;
  const recovered = recover(text, errorOffset);
  let doc: XmlObject | null = null;
  if (recovered) {
    try {
      doc = parse(recovered.text);
    } catch (error) {
      return { doc: null, problem: thrown(error), declaresEntities };
    }
  }
  return {
    doc,
    problem: {
      code: 'malformed-xml',
      message: `malformed XML at ${where}`,
      recoveredThroughLine: doc && recovered ? recovered.line : null,
    },
    declaresEntities,
  };
}
