import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSample, ROOT, SHARED_FORMATS } from '../../../test/helpers/detect.js';
import { mastodon } from './index.js';

const dataFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(json|jsonl|xml)$/.test(f))
    .map((f) => path.join(dir, f));

describe('mastodon.detect', () => {
  it('recognises every Mastodon fixture, real and hostile', () => {
    const files = dataFiles(path.join(ROOT, 'test/fixtures/mastodon'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) expect(mastodon.detect(detectSample(file)), file).toBeGreaterThan(0.5);
  });

  // The shared samples live beside the repository, not in a clean clone (CI): their copies in test/fixtures
  // are checked below in every case.
  it.skipIf(!existsSync(SHARED_FORMATS))('returns 0 for the shared samples of the other formats', () => {
    const others = readdirSync(SHARED_FORMATS)
      .filter((d) => d !== 'mastodon')
      .flatMap((d) => dataFiles(path.join(SHARED_FORMATS, d)));
    expect(others.length).toBeGreaterThan(10);
    for (const file of others) expect(mastodon.detect(detectSample(file)), file).toBe(0);
  });

  it('returns 0 for the other formats', () => {
    const own = dataFiles(path.join(ROOT, 'test/fixtures')).concat(
      readdirSync(path.join(ROOT, 'test/fixtures'))
        .filter((d) => d !== 'mastodon' && !d.includes('.'))
        .flatMap((d) => dataFiles(path.join(ROOT, 'test/fixtures', d))),
    );
    expect(own.length).toBeGreaterThan(10);
    for (const file of own) expect(mastodon.detect(detectSample(file)), file).toBe(0);
    const telegram =
      '{"name":"MFA","type":"public_channel","id":1,"messages":[{"id":1,"type":"message","text":"hi"}]}';
    const csv = 'platform,handle,post_id,published_at,text\nx,mfa,1,2025-01-01T00:00:00Z,"\\"acct\\": 1"\n';
    const quoted =
      '{"data":[{"id":"1","text":"a tweet quoting JSON: \\"acct\\": \\"x\\", \\"reblogs_count\\": 1"}]}';
    for (const sample of [telegram, csv, quoted, '', '[]'])
      expect(mastodon.detect({ name: 'x.json', head: sample })).toBe(0);
  });
});
