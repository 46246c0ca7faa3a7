import { classifyActorKind } from '../../domain/actor-kinds.js';
import { normaliseHandle } from '../../domain/handles.js';
import { platformFromLabel } from '../../domain/platforms.js';
import { actorKeyFor, type RegistryEntry, type RegistryIssue, type RegistrySnapshot } from '../entry.js';
import type { Gazetteer } from '../gazetteer.js';
import { readCsv, type CsvRow } from './read-csv.js';

export const GOVDIRECTORY = 'govdirectory';
export const GOVDIRECTORY_COLUMNS = [
  'jurisdiction',
  'org_qid',
  'org_name',
  'org_description',
  'platform',
  'account',
  'url',
  'data_last_updated',
  'diplomatic_kind',
];

/**
 * Govdirectory's diplomatic subset: one row per account, grouped here into one entry per organisation.
 * The snapshot date is the newest `data_last_updated` of the file (the date its pages were generated).
 */
export function readGovdirectory(
  file: string,
  gazetteer: Gazetteer,
  snapshotDate?: string,
): RegistrySnapshot {
  const rows = readCsv(file, { required: GOVDIRECTORY_COLUMNS });
  const issues: RegistryIssue[] = [];
  const byOrg = new Map<string, CsvRow[]>();
  let date = snapshotDate ?? '';
  for (const row of rows) {
    const qid = row.values.org_qid?.trim() ?? '';
    if (!/^Q\d+$/.test(qid)) {
      issues.push({
        severity: 'error',
        code: 'missing-id',
        message: `bad org_qid "${qid}"; row skipped`,
        file,
        line: row.line,
        recordKey: null,
      });
      continue;
    }
    const list = byOrg.get(qid) ?? [];
    list.push(row);
    byOrg.set(qid, list);
    const d = row.values.data_last_updated?.trim() ?? '';
    if (!snapshotDate && /^\d{4}-\d{2}-\d{2}$/.test(d) && d > date) date = d;
  }
  const entries: RegistryEntry[] = [];
  let skipped = rows.length - [...byOrg.values()].reduce((n, l) => n + l.length, 0);
  for (const [qid, orgRows] of byOrg) {
    const entry = mapOrg(qid, orgRows, file, gazetteer, issues);
    if (entry) entries.push(entry);
    else skipped += orgRows.length;
  }
  if (!date) date = new Date().toISOString().slice(0, 10);
  return { source: GOVDIRECTORY, snapshotDate: date, file, entries, issues, rows: rows.length, skipped };
}

function mapOrg(
  qid: string,
  rows: CsvRow[],
  file: string,
  gaz: Gazetteer,
  issues: RegistryIssue[],
): RegistryEntry | null {
  const first = rows[0]!;
  const v = first.values;
  const push = (severity: RegistryIssue['severity'], code: string, message: string, line = first.line) =>
    issues.push({ severity, code, message, file, line, recordKey: qid });
  const sending = gaz.fromName(v.jurisdiction ?? '');
  if (!sending) {
    push(
      'error',
      'unknown-country',
      `unknown jurisdiction "${v.jurisdiction}"; ${rows.length} row(s) skipped`,
    );
    return null;
  }
  const name = (v.org_name ?? '').trim() || qid;
  const description = (v.org_description ?? '').trim();
  const ministry = v.diplomatic_kind === 'foreign_ministry';
  const classified =
    classifyActorKind(name) !== 'other' ? classifyActorKind(name) : classifyActorKind(description);
  const kind = ministry ? 'ministry' : classified;
  let host: string | null = null;
  if (!ministry) {
    host = gaz.hostFromText([name, description].filter(Boolean), sending);
    if (!host) push('warning', 'unknown-host', `host country of "${name}" not recognised; left unknown`);
  }
  const channels: RegistryEntry['channels'] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const platform = platformFromLabel(row.values.platform ?? '');
    const h = normaliseHandle(platform, row.values.account ?? '');
    if (!h.ok) {
      push('warning', 'bad-handle', `${row.values.platform}: ${h.reason}; channel skipped`, row.line);
      continue;
    }
    const key = `${platform}\u0000${h.value.norm}`;
    if (seen.has(key)) continue;
    seen.add(key);
    channels.push({
      platform,
      ...h.value,
      url: h.value.url || row.values.url || '',
      sourceUrl: row.values.url?.trim() || null,
    });
  }
  return {
    source: GOVDIRECTORY,
    sourceKey: qid,
    actorKey: actorKeyFor(GOVDIRECTORY, qid, qid),
    qid,
    kind,
    name,
    sending,
    host,
    city: null,
    website: null,
    parentKey: null,
    validFrom: null,
    validTo: null,
    channels,
  };
}
