import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { UserError } from '../domain/errors.js';
import { createRun, finishRun } from '../ingest/runs.js';
import { VERSION } from '../version.js';
import { loadCountries, seedCountries } from './countries.js';
import type { RegistryIssue, RegistrySnapshot } from './entry.js';
import { Gazetteer } from './gazetteer.js';
import { diffRegistry, mergeEntries, type RegistryChange } from './merge.js';
import { GOVDIRECTORY, GOVDIRECTORY_COLUMNS, readGovdirectory } from './sources/govdirectory.js';
import { OWN_CSV_COLUMNS, readOwnCsv } from './sources/own-csv.js';
import { readCsv, readHeader } from './sources/read-csv.js';
import {
  learnCities,
  readWikidataEmbassies,
  WIKIDATA_EMBASSIES,
  WIKIDATA_EMBASSIES_BUNDLED_DATE,
  WIKIDATA_EMBASSIES_COLUMNS,
} from './sources/wikidata-embassies.js';
import * as store from './store.js';

export const BUNDLED_SOURCES = [WIKIDATA_EMBASSIES, GOVDIRECTORY] as const;

export interface RegistryImportRequest {
  /** A bundled source name or a file; absent: every bundled source. */
  source?: string;
  /** Snapshot date for files that carry none (default: today). */
  asOf?: string;
  /** Import even when this exact file was imported before. */
  force?: boolean;
}

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface RegistryImportResult {
  source: string;
  file: string;
  snapshotDate: string;
  status: 'imported' | 'unchanged';
  run: number | null;
  entries: number;
  skipped: number;
  errors: number;
  warnings: number;
  actors: ChangeCounts;
  channels: ChangeCounts;
}

export interface RegistryContext {
  db: Database;
  dataDir: string;
  now: () => Date;
}

const bundledFile = (dataDir: string, source: string) =>
  path.join(
    dataDir,
    'registry',
    source === GOVDIRECTORY ? 'govdirectory_diplomatic_accounts.csv' : 'database_of_embassies.csv',
  );

/** Reads every requested snapshot first (a bad file stops everything before a write), then applies each. */
export async function importRegistry(
  ctx: RegistryContext,
  req: RegistryImportRequest = {},
): Promise<RegistryImportResult[]> {
  const today = ctx.now().toISOString().slice(0, 10);
  if (req.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(req.asOf)) {
    throw new UserError(`--as-of "${req.asOf}" is not a date (YYYY-MM-DD)`, 'usage');
  }
  const countries = loadCountries(ctx.dataDir);
  const gazetteer = new Gazetteer(countries);
  const snapshots: RegistrySnapshot[] = [];
  const sources = req.source === undefined ? [...BUNDLED_SOURCES] : [req.source];
  // Host cities from the bundled embassy list place missions that other sources name only by city; reading
  // that list as a snapshot (first, when it is requested) teaches them too.
  if (sources[0] !== WIKIDATA_EMBASSIES) {
    learnCities(
      readCsv(bundledFile(ctx.dataDir, WIKIDATA_EMBASSIES), {
        delimiter: ';',
        required: WIKIDATA_EMBASSIES_COLUMNS,
      }),
      gazetteer,
    );
  }
  for (const s of sources) {
    if (s === WIKIDATA_EMBASSIES) {
      snapshots.push(
        readWikidataEmbassies(
          bundledFile(ctx.dataDir, s),
          req.asOf ?? WIKIDATA_EMBASSIES_BUNDLED_DATE,
          gazetteer,
        ),
      );
    } else if (s === GOVDIRECTORY) {
      snapshots.push(readGovdirectory(bundledFile(ctx.dataDir, s), gazetteer, req.asOf));
    } else {
      snapshots.push(readRegistryFile(s, req.asOf ?? today, gazetteer, req.asOf));
    }
  }
  const results: RegistryImportResult[] = [];
  for (const snap of snapshots) {
    await seedCountries(ctx.db, countries);
    results.push(await applySnapshot(ctx, snap, req.force ?? false));
  }
  return results;
}

function readRegistryFile(
  file: string,
  defaultDate: string,
  gaz: Gazetteer,
  asOf: string | undefined,
): RegistrySnapshot {
  const header = readHeader(file);
  const cols = header.split(header.includes(';') ? ';' : ',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const hasAll = (required: readonly string[]) => required.every((c) => cols.includes(c));
  if (hasAll(WIKIDATA_EMBASSIES_COLUMNS)) return readWikidataEmbassies(file, defaultDate, gaz);
  if (hasAll(GOVDIRECTORY_COLUMNS)) return readGovdirectory(file, gaz, asOf);
  if (hasAll(OWN_CSV_COLUMNS)) return readOwnCsv(file, defaultDate, gaz);
  throw new UserError(
    `${file}:1: not a registry file: expected the columns of a wikidata-embassies or govdirectory export, or ${OWN_CSV_COLUMNS.join(', ')} (see docs/registry-csv.md)`,
    'bad-input',
  );
}

function count(changes: readonly RegistryChange[], entity: RegistryChange['entity']): ChangeCounts {
  const of = (c: RegistryChange['change']) =>
    changes.filter((x) => x.entity === entity && x.change === c).length;
  return { added: of('added'), removed: of('removed'), changed: of('changed') };
}

async function applySnapshot(
  ctx: RegistryContext,
  snap: RegistrySnapshot,
  force: boolean,
): Promise<RegistryImportResult> {
  const sha256 = createHash('sha256').update(readFileSync(snap.file)).digest('hex');
  const base = {
    source: snap.source,
    file: snap.file,
    snapshotDate: snap.snapshotDate,
    entries: snap.entries.length,
    skipped: snap.skipped,
    errors: snap.issues.filter((i) => i.severity === 'error').length,
    warnings: snap.issues.filter((i) => i.severity === 'warning').length,
  };
  const none = { added: 0, removed: 0, changed: 0 };
  return ctx.db.transaction(async (tx) => {
    const latest = await store.latestSnapshot(tx, snap.source);
    if (latest && latest.date > snap.snapshotDate) {
      throw new UserError(
        `${snap.file}: snapshot ${snap.snapshotDate} of ${snap.source} is older than the one already imported (${latest.date}); pass --as-of to date it`,
        'stale-snapshot',
      );
    }
    if (!force && latest?.sha256 === sha256 && latest.date === snap.snapshotDate) {
      return { ...base, status: 'unchanged' as const, run: null, actors: none, channels: none };
    }
    const now = ctx.now();
    const date = snap.snapshotDate;
    const run = await createRun(tx, {
      kind: 'registry',
      source: snap.source,
      args: { file: snap.file, snapshotDate: date, sha256 },
      version: VERSION,
      now,
    });

    const stored = await store.loadEntries(tx);
    const others = stored.filter((s) => s.entry.source !== snap.source);
    const mine = new Map(
      stored.filter((s) => s.entry.source === snap.source).map((s) => [s.entry.sourceKey, s]),
    );
    const present = (list: readonly store.StoredEntry[]) =>
      list.filter((s) => s.removedOn === null).map((s) => s.entry);
    const before = mergeEntries(present(stored));
    const after = mergeEntries([...present(others), ...snap.entries]);

    const next: store.StoredEntry[] = snap.entries.map((entry) => {
      const prev = mine.get(entry.sourceKey);
      return { entry, firstSeen: prev && prev.removedOn === null ? prev.firstSeen : date, removedOn: null };
    });
    const listed = new Set(snap.entries.map((e) => e.sourceKey));
    for (const [key, prev] of mine)
      if (!listed.has(key)) next.push({ ...prev, removedOn: prev.removedOn ?? date });

    const changes = diffRegistry(before, after);
    const touchedActors = changes
      .filter((c) => c.entity === 'actor' && c.change !== 'removed')
      .map((c) => after.actors.get(c.key)!);
    const touchedChannels = [...after.channels.values()].filter((c) => {
      const b = before.channels.get(c.key);
      return !b || b.handle !== c.handle || b.url !== c.url || b.actorKey !== c.actorKey;
    });
    await store.replaceSourceEntries(tx, snap.source, next, date);
    await store.upsertActors(tx, touchedActors, date, now);
    await store.upsertChannels(tx, touchedChannels, date, now);
    await store.markChannelsRemoved(
      tx,
      [...before.channels.values()].filter((c) => !after.channels.has(c.key)),
      date,
      now,
    );
    await store.markActorsRemoved(
      tx,
      [...before.actors.keys()].filter((k) => !after.actors.has(k)),
      date,
      now,
    );
    const ids = await store.idMaps(tx);
    await store.replaceChannelSources(tx, snap.source, [...after.channels.values()], ids.channels, date);
    await store.insertChanges(tx, run, snap.source, date, changes, ids, now);
    const conflicts: RegistryIssue[] = after.conflicts
      .filter((c) => c.source === snap.source)
      .map((c) => ({
        severity: 'warning',
        code: c.code,
        message: c.message,
        file: snap.file,
        line: null,
        recordKey: c.sourceKey,
      }));
    const issues = [...snap.issues, ...conflicts];
    await store.insertIssues(tx, run, issues);
    await finishRun(
      tx,
      run,
      'completed',
      {
        accepted: snap.entries.length,
        duplicates: 0,
        skipped: snap.skipped,
        warned: issues.filter((i) => i.severity === 'warning').length,
      },
      now,
    );
    await tx.query(
      'INSERT INTO registry_snapshots (source, snapshot_date, sha256, file, run_id, entries, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [snap.source, date, sha256, snap.file, run, snap.entries.length, now],
    );
    return {
      ...base,
      warnings: base.warnings + conflicts.length,
      status: 'imported' as const,
      run,
      actors: count(changes, 'actor'),
      channels: count(changes, 'channel'),
    };
  });
}
