import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSource } from './read-file.js';

describe('openSource on a .gz file', () => {
  it('inflates a file of many 64 kB slices whole, without piling up listeners (no MaxListeners warning)', async () => {
    // Random hex does not compress well: ~1.2 MB of gzip, about 20 slices.
    const text = randomBytes(1_000_000).toString('hex');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'attache-gz-')), 'big.txt.gz');
    writeFileSync(file, gzipSync(text));
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const parts: Buffer[] = [];
      for await (const b of openSource(file)) parts.push(b);
      expect(Buffer.concat(parts).toString('utf8')).toBe(text);
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
