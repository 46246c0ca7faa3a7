import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DetectSample } from '../../src/connectors/connector.js';

export const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
/** The shared format samples live outside the repository: tests use them where they are present. */
export const SHARED_FORMATS = path.resolve(ROOT, '../shared/data/formats');
const FIXTURES = path.join(ROOT, 'test/fixtures');

/** Every file below `dir`, recursively; none when `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** What the ingest hands to `detect`: the first 64 KiB, BOM removed, decoded as UTF-8. */
export function detectSample(file: string): DetectSample {
  const head = readFileSync(file)
    .subarray(0, 1 << 16)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { name: file, head };
}

// Notes beside the fixtures (README, SOURCE) are not data of the format.
const isData = (f: string) => !/\.(md|txt)$/.test(f);

/** The data files of `test/fixtures/<id>`, real and hostile. */
export function ownFixtures(id: string): string[] {
  return filesUnder(path.join(FIXTURES, id)).filter(isData);
}

/**
 * Files a connector's `detect` must score 0: the shared format samples, every other connector's fixtures
 * (real and hostile), the registry CSVs, and the notes beside its own fixtures.
 */
export function otherFormatsThan(id: string): string[] {
  return [
    ...filesUnder(SHARED_FORMATS),
    ...readdirSync(FIXTURES)
      .filter((other) => other !== id)
      .flatMap((other) => filesUnder(path.join(FIXTURES, other))),
    ...filesUnder(path.join(ROOT, 'data/registry')),
    ...filesUnder(path.join(FIXTURES, id)).filter((f) => !isData(f)),
  ];
}
