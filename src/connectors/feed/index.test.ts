import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectSample, ROOT, SHARED_FORMATS } from '../../../test/helpers/detect.js';
import { feed } from './index.js';

const fixtures = path.join(ROOT, 'test/fixtures');
const score = (head: string) => feed.detect({ name: 'x', head });

// Heads of the other formats the ingest step must tell apart (shapes from their documentation).
const OTHERS: Record<string, string> = {
  twarc2: '{"data":[{"id":"1","text":"hi","author_id":"2"}],"__twarc":{"version":"2.0"}}',
  'x v1.1': '[{"id_str":"1","text":"hi","user":{"id_str":"2","screen_name":"mfa"}}]',
  bluesky: '{"feed":[{"post":{"uri":"at://did:plc:abc/app.bsky.feed.post/1"}}]}',
  mastodon: '[{"id":"1","account":{"acct":"mfa@example.social"},"reblogs_count":0,"content":"<p>hi</p>"}]',
  telegram: '{"name":"MFA","type":"public_channel","id":1,"messages":[{"id":1,"type":"message"}]}',
  csv: 'platform,post_id,published_at,text\nx,1,2024-01-01T00:00:00Z,"<rss>"\n',
  'other XML': '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
  html: '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"></head></html>',
};

describe('feed connector declaration and detect', () => {
  it('declares a text payload kept as XML', () => {
    expect(feed).toMatchObject({ id: 'feed', platform: 'rss', payload: 'text', rawEncoding: 'xml' });
  });

  it('recognises every feed fixture and nothing else in the fixture folder', () => {
    for (const f of readdirSync(path.join(fixtures, 'feed'))) {
      expect([f, feed.detect(detectSample(path.join(fixtures, 'feed', f)))]).toEqual([
        f,
        f.endsWith('.xml') ? 1 : 0,
      ]);
    }
  });

  it.each(Object.entries(OTHERS))('scores %s as 0', (_, head) => {
    expect(score(head)).toBe(0);
  });

  it('scores the X API v2 fixtures as 0', () => {
    for (const f of readdirSync(path.join(fixtures, 'x-api-v2'))) {
      expect([f, feed.detect(detectSample(path.join(fixtures, 'x-api-v2', f)))]).toEqual([f, 0]);
    }
  });

  it('recognises a UTF-16 feed from its UTF-8-decoded sample, and Atom without a namespace weakly', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('<?xml version="1.0"?><rss/>', 'utf-16le'),
    ]);
    expect(score(utf16.toString('utf8'))).toBe(1);
    expect(score('<feed><entry/></feed>')).toBe(0.5);
    expect(score('<rdf:RDF xmlns:rdf="x"><foo/></rdf:RDF>')).toBe(0);
  });

  // The shared data folder is outside the repository: checked where it exists (the development machine).
  it.skipIf(!existsSync(SHARED_FORMATS))(
    'scores only the rss-atom files of the shared format samples above 0',
    () => {
      for (const folder of readdirSync(SHARED_FORMATS)) {
        for (const f of readdirSync(path.join(SHARED_FORMATS, folder))) {
          const expected = folder === 'rss-atom' && f.endsWith('.xml') ? 1 : 0;
          expect([folder, f, feed.detect(detectSample(path.join(SHARED_FORMATS, folder, f)))]).toEqual([
            folder,
            f,
            expected,
          ]);
        }
      }
    },
  );
});
