import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { twarcCounts } from '../../../test/helpers/raw-counts.js';
import { mapXApiV2 } from './map.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/x-api-v2');
const lines = (file: string) =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
const NOW = '2026-11-21T00:00:00.000Z';

/** Counts worked out from the raw JSON by a different route than the mapper (no schema, no mapping). */
function independentCounts(file: string) {
  const { authors: _a, observations: _o, ...counts } = twarcCounts([path.join(dir, file)]);
  return counts;
}

function mapFile(file: string) {
  const outs = lines(file).map((l) => {
    try {
      return mapXApiV2(JSON.parse(l), NOW);
    } catch {
      return null;
    }
  });
  const posts = new Map(outs.flatMap((o) => o?.posts ?? []).map((p) => [p.platformPostId, p]));
  const users = new Set(outs.flatMap((o) => o?.accounts ?? []).map((a) => a.platformUserId));
  const all = [...posts.values()];
  return {
    posts: posts.size,
    users: users.size,
    refs: all.reduce((n, p) => n + p.refs.length, 0),
    hashtags: all.reduce((n, p) => n + p.hashtags.length, 0),
    mentions: all.reduce((n, p) => n + p.mentions.length, 0),
    media: all.reduce((n, p) => n + p.media.length, 0),
    issues: outs.flatMap((o) => o?.issues ?? []),
    byId: posts,
  };
}

describe('X API v2 (twarc2) mapper on the real fixtures', () => {
  it.each([
    'two_tweets.jsonl',
    'brexit.jsonl',
    'flat.jsonl',
    'media_tweet.jsonl',
    'quoted_edit.jsonl',
    'edited_before.jsonl',
    'edited_after.jsonl',
    'users.jsonl',
    'streaming_output_with_error.jsonl',
  ])('%s: posts, authors, references, hashtags, mentions and media match the raw JSON', (file) => {
    const { issues, byId, ...got } = mapFile(file);
    expect(got).toEqual(independentCounts(file));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(byId.size).toBeGreaterThan(0);
  });

  it('maps a retweet: kind, reference, hashtag as written and normalised, metrics at retrieval time', () => {
    const [page] = lines('two_tweets.jsonl');
    const out = mapXApiV2(JSON.parse(page!), NOW);
    const rt = out.posts.find((p) => p.platformPostId === '1394735776701816833')!;
    expect(rt).toMatchObject({
      kind: 'repost',
      author: { platformUserId: '1379899464345923590', handle: 'LachiVeronica' },
      refs: [{ kind: 'repost', targetId: '1391677057810288641' }],
      hashtags: [{ tag: 'POIUYTREWQ', norm: 'poiuytrewq' }],
      lang: null,
      url: 'https://x.com/LachiVeronica/status/1394735776701816833',
    });
    expect(rt.metrics).toMatchObject({ reposts: 1, likes: 0, views: null });
    expect(rt.metrics?.observedAt).not.toBe(NOW);
  });

  it('keeps the edit chain and marks the later version as edited', () => {
    const out = mapXApiV2(JSON.parse(lines('quoted_edit.jsonl')[0]!), NOW);
    const versions = out.posts.filter((p) => p.editHistoryIds?.length === 2);
    expect(versions.map((p) => [p.platformPostId, p.editedAt !== null])).toEqual([
      ['1576994746135764992', false],
      ['1576994789110992896', true],
    ]);
  });

  it('reports API errors (deleted pinned tweets) as warnings with the id', () => {
    const out = mapXApiV2(JSON.parse(lines('users.jsonl')[0]!), NOW);
    expect(out.issues.some((i) => i.code === 'api-error' && i.recordKey === '851951598326689792')).toBe(true);
    expect(out.accounts.every((a) => a.followers !== null)).toBe(true);
  });

  it('turns a bad tweet into an issue and keeps its neighbours', () => {
    const page = JSON.parse(lines('brexit.jsonl')[0]!) as { data: Record<string, unknown>[] };
    page.data[0]!.id = 1441000000000000000; // a number: precision already lost
    delete page.data[1]!.id;
    page.data[2]!.created_at = 'yesterday';
    const out = mapXApiV2(page, NOW);
    expect(out.issues.map((i) => i.code)).toEqual(['bad-tweet', 'missing-id', 'bad-tweet']);
    expect(out.issues[0]?.message).toMatch(/id: .*string/i);
    expect(out.posts.length).toBe(independentCounts('brexit.jsonl').posts - 3);
  });

  it('refuses a line that is not an object', () => {
    expect(mapXApiV2([1, 2], NOW).issues[0]?.code).toBe('bad-record');
  });
});
