import { classifyActorKind } from '../../domain/actor-kinds.js';
import { normaliseHandle } from '../../domain/handles.js';
import {
  actorKeyFor,
  type EntryChannel,
  type RegistryEntry,
  type RegistryIssue,
  type RegistrySnapshot,
} from '../entry.js';
import type { Gazetteer } from '../gazetteer.js';
import { readCsv, type CsvRow } from './read-csv.js';

export const WIKIDATA_EMBASSIES = 'wikidata-embassies';
/** The bundled file is the generated commit of 2022-11-16 (see data/registry/SOURCE.md). */
export const WIKIDATA_EMBASSIES_BUNDLED_DATE = '2022-11-16';
export const WIKIDATA_EMBASSIES_COLUMNS = [
  'operator',
  'operatorQID',
  'country',
  'countryQID',
  'city',
  'type',
  'QID',
];

const qidOf = (uri: string) => /Q\d+$/.exec(uri.trim())?.[0] ?? null;

/** Host cities of the file's rows (rows whose host is not the sender), to repair mis-derived hosts. */
export function learnCities(rows: readonly CsvRow[], gazetteer: Gazetteer): void {
  for (const { values: v } of rows) {
    const host = gazetteer.fromQid(v.countryQID ?? '');
    const sending = gazetteer.fromQid(v.operatorQID ?? '');
    if (host && host !== sending && v.city) gazetteer.learnCity(v.city, host);
  }
}

export function readWikidataEmbassies(
  file: string,
  snapshotDate: string,
  gazetteer: Gazetteer,
): RegistrySnapshot {
  const rows = readCsv(file, { delimiter: ';', required: WIKIDATA_EMBASSIES_COLUMNS });
  learnCities(rows, gazetteer);
  const issues: RegistryIssue[] = [];
  const entries: RegistryEntry[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const row of rows) {
    const result = mapRow(row, file, gazetteer, issues);
    if (!result) {
      skipped++;
      continue;
    }
    if (seen.has(result.sourceKey)) {
      issues.push(
        issue(
          file,
          row.line,
          result.sourceKey,
          'warning',
          'duplicate-record',
          `${result.sourceKey} listed twice; the first row is kept`,
        ),
      );
      skipped++;
      continue;
    }
    seen.add(result.sourceKey);
    entries.push(result);
  }
  return { source: WIKIDATA_EMBASSIES, snapshotDate, file, entries, issues, rows: rows.length, skipped };
}

function issue(
  file: string,
  line: number,
  recordKey: string | null,
  severity: RegistryIssue['severity'],
  code: string,
  message: string,
): RegistryIssue {
  return { severity, code, message, file, line, recordKey };
}

function mapRow(row: CsvRow, file: string, gaz: Gazetteer, issues: RegistryIssue[]): RegistryEntry | null {
  const v = row.values;
  const qid = qidOf(v.QID ?? '');
  if (!qid) {
    issues.push(issue(file, row.line, null, 'error', 'missing-id', 'row has no mission QID; skipped'));
    return null;
  }
  const sending = gaz.fromQid(v.operatorQID ?? '') ?? gaz.fromName(v.operator ?? '');
  if (!sending) {
    issues.push(
      issue(
        file,
        row.line,
        qid,
        'error',
        'unknown-country',
        `unknown sending country "${v.operator}" (${qidOf(v.operatorQID ?? '') ?? 'no QID'}); skipped`,
      ),
    );
    return null;
  }
  const city = v.city?.trim() || null;
  let host = gaz.fromQid(v.countryQID ?? '') ?? gaz.fromName(v.country ?? '');
  if (host === sending || host === null) {
    // Known source defect: the host was mis-derived (e.g. Australia → Australia, City of Westminster).
    const fromCity = city ? gaz.fromCity(city) : null;
    const repaired = fromCity && fromCity !== sending ? fromCity : null;
    const what = host === sending ? `host equals sender (${sending})` : `unknown host country "${v.country}"`;
    issues.push(
      issue(
        file,
        row.line,
        qid,
        'warning',
        host === sending ? 'host-equals-sender' : 'unknown-country',
        repaired ? `${what}; host taken from the city ${city} → ${repaired}` : `${what}; host left unknown`,
      ),
    );
    host = repaired;
  }
  const type = v.type?.trim() || 'diplomatic mission';
  const channels: EntryChannel[] = [];
  for (const [column, platform] of [
    ['twitter', 'x'],
    ['facebook', 'facebook'],
    ['youtube', 'youtube'],
  ] as const) {
    const raw = v[column]?.trim();
    if (!raw) continue;
    const h = normaliseHandle(platform, raw);
    if (!h.ok) {
      issues.push(
        issue(file, row.line, qid, 'warning', 'bad-handle', `${column}: ${h.reason}; channel skipped`),
      );
      continue;
    }
    channels.push({ platform, ...h.value, sourceUrl: null });
  }
  const place = city ?? v.country ?? '';
  const name = /^[a-z]/.test(type)
    ? `${type[0]!.toUpperCase()}${type.slice(1)} of ${v.operator} in ${place}`
    : `${type} in ${place}`;
  return {
    source: WIKIDATA_EMBASSIES,
    sourceKey: qid,
    actorKey: actorKeyFor(WIKIDATA_EMBASSIES, qid, qid),
    qid,
    kind: classifyActorKind(type),
    name,
    sending,
    host,
    city,
    website: v.website?.trim() || null,
    parentKey: null,
    validFrom: /^\d{4}-\d{2}-\d{2}/.exec(v.creation ?? '')?.[0] ?? null,
    validTo: null,
    channels,
  };
}
