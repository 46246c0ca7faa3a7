import { defineConnector } from '../connector.js';
import { normaliseColumnName } from './columns.js';
import { mapCsvRow } from './map.js';
import { readCsv } from './read.js';

/** True when the sample's first line is a CSV header naming both post_id and published_at. */
export function looksLikePostsCsv(head: string): boolean {
  const nl = head.indexOf('\n');
  const first = (nl === -1 ? head : head.slice(0, nl)).replace(/^\ufeff/, '');
  if (!first.includes(',') || /^\s*[[{<]/.test(first)) return false;
  const names = new Set(first.split(',').map((c) => normaliseColumnName(c.replace(/^\s*"|"\s*$/g, ''))));
  return names.has('post_id') && names.has('published_at');
}

/** Posts from any platform as CSV in Attaché's published column layout (docs/formats/csv.md). */
export const csv = defineConnector({
  id: 'csv',
  platform: 'mixed',
  title: 'CSV of posts (Attaché column layout, any platform)',
  payload: 'json',
  rawEncoding: 'text',
  detect: ({ head }) => (looksLikePostsCsv(head) ? 0.95 : 0),
  read: readCsv,
  map: (value, context) => mapCsvRow(value, context.observedAt),
});
