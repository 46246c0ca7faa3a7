import { defineConnector } from '../connector.js';
import { mapFeed } from './map.js';
import { readFeed } from './read.js';
import { rootElement } from './xml.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RSS1_NS = 'http://purl.org/rss/1.0/';
// A UTF-16 byte-order mark read as UTF-8 shows as replacement characters.
const LEADING_MARKS = /^[\uFFFD\uFEFF]+/;

/**
 * A feed is recognised by its document element (`rss`, Atom `feed`, RDF with the RSS 1.0 namespace), never
 * by the file name: JSON, CSV and other XML score 0. A UTF-16 feed shows as text with NULs in the UTF-8
 * sample; removing them is enough to read its start.
 */
export function detectFeed(head: string): number {
  let start = head.slice(0, 8192);
  if (start.includes('\u0000')) start = start.replaceAll('\u0000', '');
  const root = rootElement(start.replace(LEADING_MARKS, ''));
  if (!root) return 0;
  if (root.local === 'rss' && root.name === 'rss') return 1;
  if (root.local === 'feed') return start.includes(ATOM_NS) ? 1 : 0.5;
  if (root.local === 'RDF') return start.includes(RSS1_NS) || start.includes('/rdf/simple/0.9') ? 1 : 0;
  return 0;
}

/** RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds, including YouTube channel feeds; one feed per file. */
export const feed = defineConnector({
  id: 'feed',
  platform: 'rss',
  title: 'RSS / Atom / RDF feeds (websites, YouTube channel feeds)',
  payload: 'text',
  rawEncoding: 'xml',
  detect: ({ head }) => detectFeed(head),
  read: readFeed,
  map: (value, context) => mapFeed(value, context.observedAt),
});
