import type { ActorKind } from '../domain/actor-kinds.js';

/** One channel as a registry source lists it. */
export interface EntryChannel {
  platform: string;
  handle: string;
  norm: string;
  url: string;
  /** The link the source gave (may be a redirector), kept as provenance. */
  sourceUrl: string | null;
}

/** What a registry says about an actor, whichever source says it. */
export interface ActorFields {
  qid: string | null;
  kind: ActorKind;
  name: string;
  sending: string;
  host: string | null;
  city: string | null;
  website: string | null;
  parentKey: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** One actor record of one registry source, normalised; the input of the merge. */
export interface RegistryEntry extends ActorFields {
  source: string;
  sourceKey: string;
  /** `wd:Q…` when the source gives a Wikidata QID (so sources merge on it), else `source:sourceKey`. */
  actorKey: string;
  channels: EntryChannel[];
}

export interface RegistryIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file: string;
  line: number | null;
  recordKey: string | null;
}

export interface RegistrySnapshot {
  source: string;
  snapshotDate: string;
  file: string;
  entries: RegistryEntry[];
  issues: RegistryIssue[];
  /** Source rows read, and rows dropped (each dropped row has an issue). */
  rows: number;
  skipped: number;
}

export function actorKeyFor(source: string, sourceKey: string, qid: string | null): string {
  return qid ? `wd:${qid}` : `${source}:${sourceKey}`;
}

/** Registry sources by trust when they disagree on a field: a ministry's own list, then the newest directory. */
export function sourcePriority(source: string): number {
  if (source.startsWith('csv:')) return 0;
  if (source === 'govdirectory') return 1;
  if (source === 'wikidata-embassies') return 2;
  return 3;
}
