import { sourcePriority, type ActorFields, type RegistryEntry } from './entry.js';

export interface MergedActor extends ActorFields {
  key: string;
}

export interface Provenance {
  source: string;
  sourceKey: string;
  sourceUrl: string | null;
}

export interface MergedChannel {
  key: string;
  platform: string;
  handle: string;
  norm: string;
  url: string;
  actorKey: string;
  provenance: Provenance[];
}

export interface Conflict {
  code: 'shared-channel';
  message: string;
  source: string;
  sourceKey: string;
}

export interface MergedRegistry {
  actors: Map<string, MergedActor>;
  channels: Map<string, MergedChannel>;
  conflicts: Conflict[];
}

export const channelKey = (platform: string, norm: string) => `${platform}\u0000${norm}`;

const ACTOR_FIELDS = [
  'qid',
  'kind',
  'name',
  'sending',
  'host',
  'city',
  'website',
  'parentKey',
  'validFrom',
  'validTo',
] as const;

function byPriority(a: RegistryEntry, b: RegistryEntry): number {
  return (
    sourcePriority(a.source) - sourcePriority(b.source) ||
    a.source.localeCompare(b.source) ||
    a.sourceKey.localeCompare(b.sourceKey)
  );
}

/**
 * Merges every source's entries into one registry: entries with the same actor key (Wikidata QID) become
 * one actor whose fields come from the most trusted source that has them; a channel listed by several
 * sources is one channel carrying each listing as provenance. Pure and order-independent.
 */
export function mergeEntries(entries: readonly RegistryEntry[]): MergedRegistry {
  const sorted = [...entries].sort(byPriority);
  const actors = new Map<string, MergedActor>();
  for (const e of sorted) {
    const a = actors.get(e.actorKey);
    if (!a) {
      actors.set(e.actorKey, {
        key: e.actorKey,
        qid: e.qid,
        kind: e.kind,
        name: e.name,
        sending: e.sending,
        host: e.host,
        city: e.city,
        website: e.website,
        parentKey: e.parentKey,
        validFrom: e.validFrom,
        validTo: e.validTo,
      });
      continue;
    }
    // A less trusted source fills only what the more trusted ones left empty.
    if (a.kind === 'other') a.kind = e.kind;
    a.qid ??= e.qid;
    a.host ??= e.host;
    a.city ??= e.city;
    a.website ??= e.website;
    a.parentKey ??= e.parentKey;
    a.validFrom ??= e.validFrom;
    a.validTo ??= e.validTo;
  }
  const channels = new Map<string, MergedChannel>();
  const conflicts: Conflict[] = [];
  for (const e of sorted) {
    for (const c of e.channels) {
      const key = channelKey(c.platform, c.norm);
      const existing = channels.get(key);
      const prov = { source: e.source, sourceKey: e.sourceKey, sourceUrl: c.sourceUrl };
      if (!existing) {
        channels.set(key, {
          key,
          platform: c.platform,
          handle: c.handle,
          norm: c.norm,
          url: c.url,
          actorKey: e.actorKey,
          provenance: [prov],
        });
        continue;
      }
      existing.provenance.push(prov);
      if (existing.actorKey !== e.actorKey) {
        conflicts.push({
          code: 'shared-channel',
          source: e.source,
          sourceKey: e.sourceKey,
          message: `${c.platform} ${c.handle} is also listed for ${existing.actorKey}; it stays with that actor`,
        });
      }
    }
  }
  return { actors, channels, conflicts };
}

export interface RegistryChange {
  entity: 'actor' | 'channel';
  key: string;
  /** The actor changed, or the actor whose channel changed (its new one when a channel moved). */
  actorKey: string;
  change: 'added' | 'removed' | 'changed';
  details: Record<string, unknown>;
}

type FieldDiff = Record<string, { from: unknown; to: unknown }>;

function fieldDiff<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): FieldDiff {
  const out: FieldDiff = {};
  for (const f of fields) if (a[f] !== b[f]) out[String(f)] = { from: a[f], to: b[f] };
  return out;
}

/** What changed between two merged registries, in a stable order (actors, then channels, by key). */
export function diffRegistry(before: MergedRegistry, after: MergedRegistry): RegistryChange[] {
  const changes: RegistryChange[] = [];
  const walk = <T extends { key: string }>(
    entity: RegistryChange['entity'],
    a: Map<string, T>,
    b: Map<string, T>,
    fields: readonly (keyof T)[],
    summary: (x: T) => Record<string, unknown>,
    actorOf: (x: T) => string,
  ) => {
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    for (const key of keys) {
      const x = a.get(key);
      const y = b.get(key);
      if (!x && y) changes.push({ entity, key, actorKey: actorOf(y), change: 'added', details: summary(y) });
      else if (x && !y)
        changes.push({ entity, key, actorKey: actorOf(x), change: 'removed', details: summary(x) });
      else if (x && y) {
        const d = fieldDiff(x, y, fields);
        if (Object.keys(d).length)
          changes.push({ entity, key, actorKey: actorOf(y), change: 'changed', details: d });
      }
    }
  };
  walk(
    'actor',
    before.actors,
    after.actors,
    ACTOR_FIELDS,
    (x) => ({ name: x.name, sending: x.sending, host: x.host }),
    (x) => x.key,
  );
  walk(
    'channel',
    before.channels,
    after.channels,
    ['handle', 'url', 'actorKey'],
    (x) => ({ platform: x.platform, handle: x.handle, actorKey: x.actorKey }),
    (x) => x.actorKey,
  );
  return changes;
}
