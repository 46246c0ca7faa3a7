import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xArchive } from './index.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');
// The shared format samples live outside the repository; they are used when present.
const SHARED = path.resolve(root, '../shared/data/formats');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** What the ingest hands to detect: the first 64 KiB, BOM removed, decoded as UTF-8. */
function sample(file: string) {
  const head = readFileSync(file)
    .subarray(0, 1 << 16)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { name: file, head };
}

const isData = (f: string) => !/\.(md|txt)$/.test(f);
const own = files(path.join(root, 'test/fixtures/x-archive')).filter(isData);
const others = [
  ...files(SHARED),
  // Every other connector's fixtures (real and hostile) and the registry CSVs.
  ...readdirSync(path.join(root, 'test/fixtures'))
    .filter((id) => id !== 'x-archive')
    .flatMap((id) => files(path.join(root, 'test/fixtures', id))),
  ...files(path.join(root, 'data/registry')),
  ...files(path.join(root, 'test/fixtures/x-archive')).filter((f) => !isData(f)),
];

describe('x-archive detect', () => {
  it('recognises its own fixtures', () => {
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(xArchive.detect(sample(f)), f).toBeGreaterThan(0);
  });

  it('returns 0 for every other format', () => {
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect(xArchive.detect(sample(f)), f).toBe(0);
  });
});
