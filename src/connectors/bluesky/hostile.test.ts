import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MapOutput } from '../../domain/canonical.js';
import type { ReadEvent } from '../connector.js';
import { bluesky } from './index.js';
import { mapBluesky } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/bluesky');
const NOW = '2026-11-21T00:00:00.000Z';
const DID = 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa';
const uri = (rkey: string) => `at://${DID}/app.bsky.feed.post/${rkey}`;
const hostile = (): { feed: unknown[] } =>
  JSON.parse(readFileSync(path.join(dir, 'hostile-feed.json'), 'utf8')) as { feed: unknown[] };

describe('Bluesky mapper on hostile input', () => {
  const out = mapBluesky(hostile(), NOW);
  const byRkey = (rkey: string) => out.posts.find((p) => p.platformPostId === uri(rkey));

  it('drops each bad post with its own issue and keeps every neighbour', () => {
    expect(out.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.recordKey])).toEqual([
      ['bad-post', '123456789'], // numeric uri
      ['bad-date', uri('3nodateaaa2a')], // no createdAt
      ['bad-post', uri('3wrongtype2a')], // text is a number
      ['bad-post', uri('3noauthor2a')], // neither author nor record
      ['bad-post', null], // a feed item that is a string
    ]);
    expect(out.issues.find((i) => i.recordKey === '123456789')?.message).toMatch(/uri: .*expected string/);
    const kept = out.posts.filter((p) => p.kind !== 'repost').map((p) => p.platformPostId.split('/').pop());
    expect(kept).toEqual(['3good1aaaaa2a', '3badfacetaa2a', '3bigemojiaa2a', '3good2aaaaa2a']);
  });

  it('keeps a post whose facets point outside the text, with a warning', () => {
    const p = byRkey('3badfacetaa2a')!;
    // The tag and link features carry their own value; the mention falls back to its DID.
    expect(p.hashtags).toEqual([{ tag: 'x', norm: 'x' }]);
    expect(p.mentions).toEqual([
      {
        handle: 'did:plc:cccccccccccccccccccccccc',
        norm: 'did:plc:cccccccccccccccccccccccc',
        platformUserId: 'did:plc:cccccccccccccccccccccccc',
      },
    ]);
    expect(p.links).toEqual([]); // its facet has a negative start and a string end: dropped
    expect(out.issues).toContainEqual(
      expect.objectContaining({ code: 'bad-facet', recordKey: p.platformPostId }),
    );
  });

  it('reads facets at the end of a 10 kB emoji text by UTF-8 byte offsets', () => {
    const p = byRkey('3bigemojiaa2a')!;
    expect(Buffer.byteLength(p.text ?? '')).toBeGreaterThan(10_000);
    expect(p.hashtags).toEqual([{ tag: 'ÉTÉ', norm: 'été' }]);
    expect(p.mentions.map((m) => m.handle)).toEqual(['ambassade.example.net']);
    expect(out.issues.some((i) => i.recordKey === p.platformPostId)).toBe(false);
  });

  it('a repost by an unverified handle, blocked and deleted neighbours as warnings', () => {
    const repost = out.posts.find((p) => p.kind === 'repost')!;
    expect(repost).toMatchObject({
      author: { platformUserId: 'did:plc:dddddddddddddddddddddddd', handle: null },
      refs: [{ kind: 'repost', targetId: uri('3good2aaaaa2a') }],
      publishedAt: '2025-02-03T00:00:00.000Z',
    });
    const warnings = out.issues.filter((i) => i.code === 'post-unavailable').map((i) => i.recordKey);
    expect(warnings).toEqual([uri('3blockedaa2a'), uri('3gonegoneg2a')]);
    expect(out.accounts.find((a) => a.platformUserId === 'did:plc:dddddddddddddddddddddddd')?.handle).toBe(
      null,
    );
  });

  it('keeps media whose size is fractional or negative, with the size unknown', () => {
    const embed = {
      $type: 'app.bsky.embed.images',
      images: [{ alt: 'map', image: { ref: { $link: 'bafkimg' } }, aspectRatio: { width: 1.5, height: -3 } }],
    };
    const record = { text: 'x', createdAt: '2025-01-01T00:00:00Z', embed };
    const mapped = mapBluesky({ uri: uri('3kimgaaaaa2a'), value: record }, NOW);
    expect(mapped.posts[0]?.media).toEqual([
      {
        kind: 'image',
        platformMediaId: 'bafkimg',
        url: null,
        altText: 'map',
        width: null,
        height: null,
        durationMs: null,
      },
    ]);
  });

  it('never throws on odd values', () => {
    for (const v of [
      null,
      undefined,
      'x',
      1,
      [],
      [null],
      { feed: [null, 1, []] },
      { thread: { replies: [1] } },
    ]) {
      expect(() => mapBluesky(v, NOW)).not.toThrow();
    }
    const deep: { thread: Record<string, unknown> } = { thread: {} };
    let node = deep.thread;
    for (let i = 0; i < 5000; i++) {
      const child: Record<string, unknown> = {};
      node.replies = [child];
      node = child;
    }
    // 5001 thread nodes without a post: walked with a stack (no recursion), each one an issue.
    const issues = mapBluesky(deep, NOW).issues;
    expect(issues).toHaveLength(5001);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['missing-id']));
  });

  it('a repost record from listRecords meets the feed repost on the same id', () => {
    const original = uri('3good2aaaaa2a');
    const page = {
      records: [
        {
          uri: 'at://did:plc:dddddddddddddddddddddddd/app.bsky.feed.repost/3krepost22a',
          value: {
            $type: 'app.bsky.feed.repost',
            subject: { uri: original, cid: 'x' },
            createdAt: '2025-02-03T00:00:00Z',
          },
        },
        {
          uri: 'at://did:plc:dddddddddddddddddddddddd/app.bsky.feed.like/3klike222a',
          value: { $type: 'app.bsky.feed.like' },
        },
      ],
    };
    const mapped = mapBluesky(page, NOW);
    expect(mapped.posts.map((p) => p.platformPostId)).toEqual([
      out.posts.find((p) => p.kind === 'repost')!.platformPostId,
    ]);
    expect(mapped.issues.map((i) => i.code)).toEqual(['unsupported-record']);
  });
});

describe('Bluesky connector reading JSON Lines of responses', () => {
  it('maps each line on its own: a video record, a reply chain, an unknown shape, a cut-off line', async () => {
    const events: ReadEvent[] = [];
    for await (const e of bluesky.read(path.join(dir, 'responses.jsonl'), {
      from: null,
      maxItemBytes: 1 << 20,
    }))
      events.push(e);
    const outs: MapOutput[] = [];
    let badJson = 0;
    for (const e of events) {
      if (e.kind !== 'item') continue;
      try {
        outs.push(bluesky.map(JSON.parse(e.text), { observedAt: NOW, file: 'responses.jsonl' }));
      } catch {
        badJson++; // what the ingest step records as `bad-json`
      }
    }
    expect(badJson).toBe(1);
    const [record, thread, unknown] = outs;
    expect(record?.posts[0]).toMatchObject({
      publishedAt: '2024-06-01T10:00:00.000Z', // no zone written: read as UTC
      media: [{ kind: 'video', platformMediaId: 'bafkreivideo', altText: 'a clip', width: 16, height: 9 }],
      text: 'vidéo',
    });
    expect(thread?.posts.map((p) => [p.text, p.kind, p.conversationId])).toEqual([
      ['root', 'original', uri('3thread00002a')],
      ['reply 1', 'reply', uri('3thread00002a')],
      ['reply 2', 'reply', uri('3thread00002a')],
      ['reply 3', 'reply', uri('3thread00002a')],
    ]);
    expect(thread?.posts[2]?.refs).toEqual([{ kind: 'reply', targetId: uri('3thread00001b') }]);
    expect(thread?.issues.map((i) => i.code)).toEqual(['post-unavailable']);
    expect(unknown?.issues.map((i) => i.code)).toEqual(['unknown-shape']);
  });

  it('reads a real pretty or single-line response file as one item', async () => {
    const items: ReadEvent[] = [];
    const file = path.join(dir, 'app.bsky.feed.getPostThread.json');
    for await (const e of bluesky.read(file, { from: null, maxItemBytes: 1 << 20 })) items.push(e);
    expect(items.map((e) => e.kind)).toEqual(['item']);
  });
});
