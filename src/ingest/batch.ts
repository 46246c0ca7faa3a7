import type { CanonicalAccount, CanonicalPost } from '../domain/canonical.js';

/** One source item after mapping, waiting to be written with its raw payload and position. */
export interface PendingItem {
  connector: string;
  file: string;
  line: number | null;
  byteOffset: number | null;
  retrievedAt: string;
  rawEncoding: 'json' | 'xml' | 'text';
  bytes: Buffer;
  /** The payload as stored, when already encoded (by the worker thread); else the writer encodes `bytes`. */
  raw?: { encoding: string; payload: Buffer };
  posts: CanonicalPost[];
  accounts: CanonicalAccount[];
  /** Keep the raw payload even if the item adds nothing new (it failed to parse or map: re-map it later). */
  keepRaw: boolean;
}

export interface PendingIssue {
  connector: string | null;
  file: string | null;
  line: number | null;
  byteOffset: number | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  recordKey: string | null;
}

export interface Batch {
  items: PendingItem[];
  issues: PendingIssue[];
}

/** What one committed batch added, in total and per connector. */
export interface BatchCounts {
  accepted: number;
  duplicates: number;
  skipped: number;
  warned: number;
  metrics: number;
  snapshots: number;
  rawRecords: number;
}

export const zeroCounts = (): BatchCounts => ({
  accepted: 0,
  duplicates: 0,
  skipped: 0,
  warned: 0,
  metrics: 0,
  snapshots: 0,
  rawRecords: 0,
});

export function addCounts(into: BatchCounts, add: BatchCounts): void {
  for (const k of Object.keys(add) as (keyof BatchCounts)[]) into[k] += add[k];
}
