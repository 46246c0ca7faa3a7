import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSample, ROOT, SHARED_FORMATS } from '../../../test/helpers/detect.js';
import { detectBluesky } from './index.js';

const own = path.join(ROOT, 'test/fixtures/bluesky');
const files = (folder: string) =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => !/^(SOURCE|LICENSE)/.test(f))
        .map((f) => path.join(folder, f))
    : [];

describe('Bluesky detect', () => {
  it.each(files(own).filter((f) => !f.endsWith('resolveHandle.json')))('claims %s', (file) => {
    expect(detectBluesky(detectSample(file))).toBeGreaterThanOrEqual(0.9);
  });

  it('is certain when a record type or an at:// URI is a value, less so for profiles alone', () => {
    expect(
      detectBluesky({ name: 'p.json', head: '{"profiles":[{"did":"did:plc:a","handle":"a.bsky.social"}]}' }),
    ).toBe(0.9);
    expect(
      detectBluesky({ name: 'r.json', head: '{"records":[{"uri":"at://did:plc:a/app.bsky.feed.post/3k"' }),
    ).toBe(1);
  });

  it('claims a resolveHandle answer with less certainty', () => {
    expect(detectBluesky(detectSample(path.join(own, 'com.atproto.identity.resolveHandle.json')))).toBe(0.8);
  });

  const others = [
    ...files(path.join(ROOT, 'test/fixtures/x-api-v2')),
    ...readdirSync(existsSync(SHARED_FORMATS) ? SHARED_FORMATS : ROOT)
      .filter((d) => existsSync(SHARED_FORMATS) && d !== 'bluesky')
      .flatMap((d) => files(path.join(SHARED_FORMATS, d))),
  ];
  it.each(others)('refuses %s', (file) => {
    expect(detectBluesky(detectSample(file))).toBe(0);
  });

  it('refuses an RSS feed of Bluesky posts, a CSV and a Mastodon status bridged from Bluesky', () => {
    const rss =
      '<?xml version="1.0"?><rss><channel><item><guid>at://did:plc:abc/app.bsky.feed.post/3k</guid>';
    expect(detectBluesky({ name: 'feed.xml', head: rss })).toBe(0);
    expect(
      detectBluesky({ name: 'x.csv', head: 'uri,did\n"at://did:plc:a/app.bsky.feed.post/1","did:plc:a"' }),
    ).toBe(0);
    const bridged =
      '{"id":"1","acct":"a@bsky.brid.gy","uri":"https://bsky.brid.gy/convert/ap/at://did:plc:a/x/1"}';
    expect(detectBluesky({ name: 's.json', head: bridged })).toBe(0);
  });
});
