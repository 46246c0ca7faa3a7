import type { XmlObject } from './xml.js';

/**
 * Access to the parsed XML by namespace rather than by prefix: a feed may bind the Media RSS namespace to
 * `m:` instead of `media:`, or write Atom unprefixed or as `atom:`. Element names are looked up through
 * the prefixes the document declares, plus the conventional prefix for feeds that forget to declare it.
 */

const NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  atom: ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'],
  rss1: ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  dc: ['http://purl.org/dc/elements/1.1/'],
  dcterms: ['http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  media: ['http://search.yahoo.com/mrss/'],
  yt: ['http://www.youtube.com/xml/schemas/2015'],
  slash: ['http://purl.org/rss/1.0/modules/slash/'],
};
export type Namespace = keyof typeof NAMESPACES;

// Real feeds write "https://search.yahoo.com/mrss" and similar: compare URIs without scheme and end slash.
const URI_NOISE = /^https?:\/\/|[/#]+$/g;
const normUri = (uri: string): string => uri.trim().replace(URI_NOISE, '').toLowerCase();
const BY_URI = new Map<string, string>(
  Object.entries(NAMESPACES).flatMap(([ns, uris]) => uris.map((u) => [normUri(u), ns] as const)),
);

export const isObject = (v: unknown): v is XmlObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Names {
  private readonly prefixes = new Map<string, string[]>();
  private readonly bound = new Set<string>();
  private readonly cache = new Map<string, string[]>();

  /** `scopes`: the elements whose `xmlns` declarations count (the root and the channel). */
  constructor(scopes: unknown[]) {
    for (const scope of scopes) {
      if (!isObject(scope)) continue;
      for (const [key, value] of Object.entries(scope)) {
        if (typeof value !== 'string' || !(key === '@_xmlns' || key.startsWith('@_xmlns:'))) continue;
        const prefix = key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length);
        this.bound.add(prefix);
        const ns = BY_URI.get(normUri(value));
        if (ns) this.prefixes.set(ns, [...(this.prefixes.get(ns) ?? []), prefix]);
      }
    }
  }

  declares(ns: Namespace): boolean {
    return this.prefixes.has(ns);
  }

  /** Keys under which the element `ns:local` appears in a parsed node (`null` ns: RSS 2.0's own names). */
  keys(ns: Namespace | null, local: string): string[] {
    const id = ns === null ? local : `${ns}:${local}`;
    const cached = this.cache.get(id);
    if (cached) return cached;
    let keys = [local];
    if (ns !== null) {
      const prefixes = [...(this.prefixes.get(ns) ?? [])];
      if (!this.bound.has(ns)) prefixes.push(ns);
      keys = [...new Set(prefixes.map((p) => (p ? `${p}:${local}` : local)))];
    }
    this.cache.set(id, keys);
    return keys;
  }

  all(node: unknown, ns: Namespace | null, local: string): unknown[] {
    if (!isObject(node)) return [];
    const keys = this.keys(ns, local);
    // The common case (one spelling) without the intermediate arrays of flatMap: this runs per element.
    if (keys.length === 1) return asArray(node[keys[0]!]);
    return keys.flatMap((k) => asArray(node[k]));
  }

  one(node: unknown, ns: Namespace | null, local: string): unknown {
    return this.all(node, ns, local)[0];
  }

  text(node: unknown, ns: Namespace | null, local: string): string | null {
    for (const v of this.all(node, ns, local)) {
      const t = textOf(v);
      if (t) return t;
    }
    return null;
  }
}

export const asArray = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];

/** Text of all child elements, for markup a feed put unescaped where text belongs. */
function deepText(node: XmlObject): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_')) continue;
    for (const v of asArray(value)) {
      if (typeof v === 'string') parts.push(v);
      else if (isObject(v)) parts.push(deepText(v));
    }
  }
  return parts.filter((p) => p).join(' ');
}

/** An element's text content, or null when it has none. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v || null;
  if (!isObject(v)) return null;
  const own = v['#text'];
  let mixed = false;
  for (const k in v) if (k !== '#text' && !k.startsWith('@_')) mixed = true;
  if (!mixed) return typeof own === 'string' && own ? own : null;
  return deepText(v) || null;
}

export function attr(v: unknown, name: string): string | null {
  if (!isObject(v)) return null;
  const a = v[`@_${name}`];
  return typeof a === 'string' && a.trim() ? a.trim() : null;
}

/** A non-negative integer written in decimal digits, or null (never 0 for "absent"). */
const DIGITS = /^\s*\d{1,15}\s*$/;
export function count(raw: string | null): number | null {
  if (!raw || !DIGITS.test(raw)) return null;
  return Number(raw);
}
