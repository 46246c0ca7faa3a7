import { readFileSync } from 'node:fs';

/** Plain JSON walking for the independent counters: no schema, no mapper code. */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objects = (v: unknown): Json[] => arr(v).filter(obj);

export const loadJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The values of a file as the ingest hands them to `map`: one per line of a `.jsonl` file (lines that do not
 * parse are left out: the ingest reports them and `map` never sees them), or the whole document otherwise.
 */
export function jsonItems(file: string): unknown[] {
  if (!file.endsWith('.jsonl')) return [loadJson(file)];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
}

/** Distinct (kind, target) pairs: `post_refs` has that primary key per post, so a repeated reference is stored once. */
export const distinctRefs = (refs: readonly (readonly [string, string])[]): number =>
  new Set(refs.map(([kind, target]) => `${kind}\u0000${target}`)).size;
