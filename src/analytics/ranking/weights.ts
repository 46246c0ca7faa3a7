import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, UserError } from '../../domain/errors.js';
import { INDICATORS, type Indicator, type Weights } from './compute.js';

const weightSchema = z.number().min(0).max(1000);
export const weightsFileSchema = z
  .object({
    version: z.string().min(1),
    published: z.string().optional(),
    normalisation: z.string().optional(),
    weights: z.strictObject(
      Object.fromEntries(INDICATORS.map((i) => [i, weightSchema])) as Record<Indicator, typeof weightSchema>,
    ),
    reasons: z.record(z.string(), z.string()).optional(),
  })
  .refine((f) => Object.values(f.weights).some((w) => w > 0), 'at least one weight must be above 0');

export type WeightsFile = z.output<typeof weightsFileSchema>;

export const defaultWeightsPath = (dataDir: string) => path.join(dataDir, 'weights', 'ranking-v1.json');

/** Reads and checks a weights file (every indicator named, non-negative numbers). */
export function loadWeights(file: string): WeightsFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file}: cannot read the weights file: ${errorMessage(error)}`, 'bad-input');
  }
  const parsed = weightsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${file}: ${issue.path.join('.') || 'weights'}: ${issue.message} (expected ${INDICATORS.join(', ')})`,
      'bad-input',
    );
  }
  return parsed.data;
}

export const weightValues = (f: WeightsFile): Weights => f.weights;
