import path from 'node:path';
import { isActorKind, ACTOR_KINDS } from '../../domain/actor-kinds.js';
import { InputError } from '../../domain/errors.js';
import { normaliseHandle } from '../../domain/handles.js';
import { platformFromLabel } from '../../domain/platforms.js';
import { actorKeyFor, type RegistryEntry, type RegistrySnapshot } from '../entry.js';
import type { Gazetteer } from '../gazetteer.js';
import { readCsv } from './read-csv.js';

/** The documented layout of a ministry's own list (docs/registry-csv.md): one row per channel. */
export const OWN_CSV_COLUMNS = ['actor_id', 'actor_name', 'kind', 'sending_country'] as const;
export const OWN_CSV_OPTIONAL = [
  'host_country',
  'city',
  'wikidata_qid',
  'parent_actor_id',
  'website',
  'valid_from',
  'valid_to',
  'platform',
  'handle',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ownCsvSource(file: string): string {
  return `csv:${path.basename(file).replace(/\.[^.]*$/, '')}`;
}

/**
 * A ministry's own list is authoritative, so it is all or nothing: the first bad row stops the import with
 * its line, and nothing is written.
 */
export function readOwnCsv(file: string, snapshotDate: string, gaz: Gazetteer): RegistrySnapshot {
  const rows = readCsv(file, { required: OWN_CSV_COLUMNS });
  const source = ownCsvSource(file);
  const byId = new Map<string, RegistryEntry>();
  const parents: [RegistryEntry, string, number][] = [];
  for (const { line, values: v } of rows) {
    const fail = (msg: string): never => {
      throw new InputError(file, line, msg, 'bad-registry-row');
    };
    const get = (k: string) => (v[k] ?? '').trim();
    const id = get('actor_id');
    if (!id) fail('actor_id is empty');
    const kind = get('kind').toLowerCase();
    if (!isActorKind(kind)) fail(`unknown kind "${get('kind')}" (one of: ${ACTOR_KINDS.join(', ')})`);
    const country = (column: string): string | null => {
      const raw = get(column);
      if (!raw) return null;
      const code = gaz.fromName(raw);
      if (!code)
        fail(
          `unknown country "${raw}" in ${column} (an ISO 3166-1 alpha-2 code, an organisation code such as EU or UN, or an English name)`,
        );
      return code;
    };
    const sending = country('sending_country');
    if (!sending) fail('sending_country is empty');
    const qid = get('wikidata_qid') || null;
    if (qid && !/^Q\d+$/.test(qid)) fail(`wikidata_qid "${qid}" is not a QID (Q followed by digits)`);
    for (const d of ['valid_from', 'valid_to'])
      if (get(d) && !DATE.test(get(d))) fail(`${d} "${get(d)}" is not a date (YYYY-MM-DD)`);
    let entry = byId.get(id);
    if (!entry) {
      const name = get('actor_name');
      if (!name) fail('actor_name is empty');
      entry = {
        source,
        sourceKey: id,
        actorKey: actorKeyFor(source, id, qid),
        qid,
        kind: kind as RegistryEntry['kind'],
        name,
        sending: sending!,
        host: country('host_country'),
        city: get('city') || null,
        website: get('website') || null,
        parentKey: null,
        validFrom: get('valid_from') || null,
        validTo: get('valid_to') || null,
        channels: [],
      };
      byId.set(id, entry);
      if (get('parent_actor_id')) parents.push([entry, get('parent_actor_id'), line]);
    } else if (entry.name !== get('actor_name') && get('actor_name')) {
      fail(`actor_id ${id} has two names ("${entry.name}" and "${get('actor_name')}")`);
    }
    if (get('platform') || get('handle')) {
      if (!get('platform') || !get('handle')) fail('platform and handle go together');
      const platform = platformFromLabel(get('platform'));
      const h = normaliseHandle(platform, get('handle'));
      if (!h.ok) fail(h.reason);
      else if (!entry.channels.some((c) => c.platform === platform && c.norm === h.value.norm)) {
        entry.channels.push({ platform, ...h.value, sourceUrl: null });
      }
    }
  }
  for (const [entry, parentId, line] of parents) {
    const parent = byId.get(parentId);
    if (!parent)
      throw new InputError(
        file,
        line,
        `parent_actor_id "${parentId}" is not an actor_id of this file`,
        'bad-registry-row',
      );
    entry.parentKey = parent.actorKey;
  }
  return {
    source,
    snapshotDate,
    file,
    entries: [...byId.values()],
    issues: [],
    rows: rows.length,
    skipped: 0,
  };
}
