import { z } from 'zod';
import { ACTOR_KINDS } from '../domain/actor-kinds.js';
import type { Queryable } from '../db/database.js';
import type { RegistryEntry, RegistryIssue } from './entry.js';
import { channelKey, type MergedActor, type MergedChannel, type RegistryChange } from './merge.js';

const channelSchema = z.object({
  platform: z.string(),
  handle: z.string(),
  norm: z.string(),
  url: z.string(),
  sourceUrl: z.string().nullable(),
});
const entrySchema = z.object({
  source: z.string(),
  sourceKey: z.string(),
  actorKey: z.string(),
  qid: z.string().nullable(),
  kind: z.enum(ACTOR_KINDS),
  name: z.string(),
  sending: z.string(),
  host: z.string().nullable(),
  city: z.string().nullable(),
  website: z.string().nullable(),
  parentKey: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  channels: z.array(channelSchema),
});

export interface StoredEntry {
  entry: RegistryEntry;
  firstSeen: string;
  removedOn: string | null;
}

export async function loadEntries(db: Queryable): Promise<StoredEntry[]> {
  const rows = await db.query<{ data: unknown; first_seen: string; removed_on: string | null }>(
    'SELECT data, first_seen, removed_on FROM registry_entries ORDER BY source, source_key',
  );
  return rows.map((r) => ({
    entry: entrySchema.parse(r.data),
    firstSeen: r.first_seen,
    removedOn: r.removed_on,
  }));
}

export async function latestSnapshot(
  db: Queryable,
  source: string,
): Promise<{ date: string; sha256: string } | null> {
  const rows = await db.query<{ snapshot_date: string; sha256: string }>(
    'SELECT snapshot_date, sha256 FROM registry_snapshots WHERE source = $1 ORDER BY snapshot_date DESC, imported_at DESC LIMIT 1',
    [source],
  );
  return rows[0] ? { date: rows[0].snapshot_date, sha256: rows[0].sha256 } : null;
}

export async function replaceSourceEntries(
  db: Queryable,
  source: string,
  rows: readonly StoredEntry[],
  date: string,
): Promise<void> {
  await db.query('DELETE FROM registry_entries WHERE source = $1', [source]);
  await db.copyFrom(
    'registry_entries',
    ['source', 'source_key', 'actor_key', 'snapshot_date', 'data', 'first_seen', 'removed_on'],
    rows.map((r) => [
      r.entry.source,
      r.entry.sourceKey,
      r.entry.actorKey,
      date,
      r.entry,
      r.firstSeen,
      r.removedOn,
    ]),
  );
}

export async function upsertActors(
  db: Queryable,
  actors: readonly MergedActor[],
  date: string,
  now: Date,
): Promise<void> {
  if (!actors.length) return;
  const json = JSON.stringify(actors);
  await db.query(
    `INSERT INTO actors (actor_key, kind, name, sending_country, host_country, city, wikidata_qid, website,
                         valid_from, valid_to, first_seen, updated_at)
     SELECT a.key, a.kind, a.name, a.sending, a.host, a.city, a.qid, a.website, a."validFrom"::date, a."validTo"::date, $2::date, $3
     FROM jsonb_to_recordset($1::jsonb) AS a(key text, kind text, name text, sending text, host text, city text,
                                            qid text, website text, "validFrom" text, "validTo" text)
     ON CONFLICT (actor_key) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
       sending_country = EXCLUDED.sending_country, host_country = EXCLUDED.host_country, city = EXCLUDED.city,
       wikidata_qid = EXCLUDED.wikidata_qid, website = EXCLUDED.website, valid_from = EXCLUDED.valid_from,
       valid_to = EXCLUDED.valid_to, removed_on = NULL, updated_at = EXCLUDED.updated_at`,
    [json, date, now],
  );
  // Parents in a second pass: a parent may be inserted by the same statement.
  await db.query(
    `UPDATE actors SET parent_actor_id = p.id
     FROM jsonb_to_recordset($1::jsonb) AS a(key text, "parentKey" text)
     LEFT JOIN actors p ON p.actor_key = a."parentKey"
     WHERE actors.actor_key = a.key AND actors.parent_actor_id IS DISTINCT FROM p.id`,
    [json],
  );
}

export async function markActorsRemoved(
  db: Queryable,
  keys: readonly string[],
  date: string,
  now: Date,
): Promise<void> {
  if (!keys.length) return;
  await db.query('UPDATE actors SET removed_on = $2, updated_at = $3 WHERE actor_key = ANY($1::text[])', [
    keys,
    date,
    now,
  ]);
}

export async function upsertChannels(
  db: Queryable,
  channels: readonly MergedChannel[],
  date: string,
  now: Date,
): Promise<void> {
  if (!channels.length) return;
  await db.query(
    `INSERT INTO channels (platform, handle, handle_norm, url, actor_id, link_source, first_seen, updated_at)
     SELECT c.platform, c.handle, c.norm, NULLIF(c.url, ''), a.id, 'registry', $2::date, $3
     FROM jsonb_to_recordset($1::jsonb) AS c(platform text, handle text, norm text, url text, "actorKey" text)
     JOIN actors a ON a.actor_key = c."actorKey"
     ON CONFLICT (platform, handle_norm) DO UPDATE SET handle = EXCLUDED.handle, url = EXCLUDED.url,
       actor_id = EXCLUDED.actor_id, link_source = 'registry', removed_on = NULL, updated_at = EXCLUDED.updated_at`,
    [
      JSON.stringify(
        channels.map(({ platform, handle, norm, url, actorKey }) => ({
          platform,
          handle,
          norm,
          url,
          actorKey,
        })),
      ),
      date,
      now,
    ],
  );
}

export async function markChannelsRemoved(
  db: Queryable,
  channels: readonly MergedChannel[],
  date: string,
  now: Date,
): Promise<void> {
  if (!channels.length) return;
  await db.query(
    `UPDATE channels SET removed_on = $2, updated_at = $3
     FROM jsonb_to_recordset($1::jsonb) AS c(platform text, norm text)
     WHERE channels.platform = c.platform AND channels.handle_norm = c.norm`,
    [JSON.stringify(channels.map((c) => ({ platform: c.platform, norm: c.norm }))), date, now],
  );
}

export async function idMaps(
  db: Queryable,
): Promise<{ actors: Map<string, number>; channels: Map<string, number> }> {
  const actors = await db.query<{ id: number; actor_key: string }>('SELECT id, actor_key FROM actors');
  const channels = await db.query<{ id: number; platform: string; handle_norm: string }>(
    'SELECT id, platform, handle_norm FROM channels WHERE handle_norm IS NOT NULL',
  );
  return {
    actors: new Map(actors.map((a) => [a.actor_key, a.id])),
    channels: new Map(channels.map((c) => [channelKey(c.platform, c.handle_norm), c.id])),
  };
}

/** Rewrites one source's provenance rows, keeping each listing's first date and marking ended ones. */
export async function replaceChannelSources(
  db: Queryable,
  source: string,
  current: readonly MergedChannel[],
  ids: Map<string, number>,
  date: string,
): Promise<void> {
  const old = await db.query<{
    channel_id: number;
    source_key: string;
    source_url: string | null;
    first_seen: string;
    removed_on: string | null;
  }>(
    'SELECT channel_id, source_key, source_url, first_seen, removed_on FROM channel_sources WHERE source = $1',
    [source],
  );
  const at = (channelId: number, sourceKey: string) => `${channelId}\u0000${sourceKey}`;
  const previous = new Map(old.map((o) => [at(o.channel_id, o.source_key), o]));
  const rows = new Map<string, unknown[]>();
  for (const c of current) {
    const id = ids.get(c.key);
    if (id === undefined) continue;
    for (const p of c.provenance) {
      if (p.source !== source) continue;
      const prev = previous.get(at(id, p.sourceKey));
      const firstSeen = prev && prev.removed_on === null ? prev.first_seen : date;
      rows.set(at(id, p.sourceKey), [id, source, p.sourceKey, p.sourceUrl, firstSeen, null]);
    }
  }
  for (const [k, o] of previous) {
    if (!rows.has(k))
      rows.set(k, [o.channel_id, source, o.source_key, o.source_url, o.first_seen, o.removed_on ?? date]);
  }
  await db.query('DELETE FROM channel_sources WHERE source = $1', [source]);
  await db.copyFrom(
    'channel_sources',
    ['channel_id', 'source', 'source_key', 'source_url', 'first_seen', 'removed_on'],
    rows.values(),
  );
}

export async function insertChanges(
  db: Queryable,
  runId: number,
  source: string,
  date: string,
  changes: readonly RegistryChange[],
  ids: { actors: Map<string, number>; channels: Map<string, number> },
  now: Date,
): Promise<void> {
  await db.copyFrom(
    'registry_changes',
    [
      'run_id',
      'source',
      'change_date',
      'entity',
      'actor_id',
      'channel_id',
      'change',
      'details',
      'recorded_at',
    ],
    changes.map((c) => [
      runId,
      source,
      date,
      c.entity,
      ids.actors.get(c.actorKey) ?? null,
      c.entity === 'channel' ? (ids.channels.get(c.key) ?? null) : null,
      c.change,
      c.details,
      now,
    ]),
  );
}

export async function insertIssues(
  db: Queryable,
  runId: number,
  issues: readonly RegistryIssue[],
): Promise<void> {
  await db.copyFrom(
    'ingest_issues',
    ['run_id', 'severity', 'code', 'message', 'file', 'line', 'record_key'],
    issues.map((i) => [runId, i.severity, i.code, i.message, i.file, i.line, i.recordKey]),
  );
}
