import type { z } from 'zod';
import type { Database } from '../db/database.js';

/**
 * One analysis: an id, a title, its parameters as a zod schema (the CLI and the API validate input with it),
 * and `run`, which reads canonical tables and rollups only. SQL lives in the analysis' query.ts, arithmetic
 * in its compute.ts; the formulas are in docs/methodology.md.
 */
export interface Analysis<P extends z.ZodType = z.ZodType, R = unknown> {
  readonly id: string;
  readonly title: string;
  readonly params: P;
  run(db: Database, params: z.output<P>): Promise<R>;
}

export function defineAnalysis<P extends z.ZodType, R>(analysis: Analysis<P, R>): Analysis<P, R> {
  return analysis;
}
