import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSample, filesUnder, ROOT, SHARED_FORMATS } from '../../../test/helpers/detect.js';
import { csv } from './index.js';

describe('CSV detect', () => {
  it.each(['posts.csv', 'hostile.csv', 'unclosed.csv', 'crlf-bom.csv'])('recognises %s', (name) => {
    expect(csv.detect(detectSample(path.join(ROOT, 'test/fixtures/csv', name)))).toBeGreaterThan(0.5);
  });

  it('does not claim a CSV whose header lacks published_at (it is left to --format csv to explain)', () => {
    expect(csv.detect(detectSample(path.join(ROOT, 'test/fixtures/csv/bad-header.csv')))).toBe(0);
  });

  it.skipIf(!existsSync(SHARED_FORMATS))('returns 0 for every other format in shared/data/formats', () => {
    const files = filesUnder(SHARED_FORMATS).filter((f) => !/(LICENSE|SOURCE)/.test(path.basename(f)));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      expect({ file, score: csv.detect(detectSample(file)) }).toEqual({ file, score: 0 });
  });

  it.each([
    ['twarc2 JSONL', '{"data":[{"id":"1","text":"hi"}],"__twarc":{"version":"2.0"}}\n'],
    [
      'JSONL with the same key names',
      '{"post_id":"1","published_at":"2024-01-01T00:00:00Z","platform":"x"}\n',
    ],
    ['a JSON array', '[{"post_id":"1","published_at":"2024-01-01T00:00:00Z"}]'],
    [
      'a Telegram export',
      '{\n "name": "MID",\n "type": "public_channel",\n "id": 1,\n "messages": [{"id": 1, "type": "message"}]}',
    ],
    [
      'RSS',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>post_id,published_at</title></channel></rss>',
    ],
    [
      'twarc-csv output',
      'id,conversation_id,referenced_tweets.replied_to.id,author_id,created_at,text\n1,1,,2,x,y\n',
    ],
    ['a tab-separated file', 'platform\tpost_id\tpublished_at\nx\t1\t2024-01-01T00:00:00Z\n'],
    ['post_id only in a later line', 'a,b\npost_id,published_at\n'],
  ])('returns 0 for %s', (_name, head) => {
    expect(csv.detect({ name: 'file', head })).toBe(0);
  });

  it('accepts quoted and differently cased header names', () => {
    expect(
      csv.detect({ name: 'x.csv', head: '"Platform","Post ID","Author Handle","Published At"\r\n' }),
    ).toBe(0.95);
  });
});
