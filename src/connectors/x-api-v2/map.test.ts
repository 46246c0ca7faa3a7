import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonItems } from '../../../test/helpers/raw-counts/json.js';
import { twarcCounts } from '../../../test/helpers/raw-counts/x-api-v2.js';
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
  const outs = jsonItems(path.join(dir, file)).map((v) => mapXApiV2(v, NOW));
  const posts = new Map(outs.flatMap((o) => o.posts).map((p) => [p.platformPostId, p]));
  const users = new Set(outs.flatMap((o) => o.accounts).map((a) => a.platformUserId));
  const all = [...posts.values()];
  return {
    posts: posts.size,
    users: users.size,
    refs: all.reduce((n, p) => n + new Set(p.refs.map((r) => `${r.kind} ${r.targetId}`)).size, 0),
    hashtags: all.reduce((n, p) => n + p.hashtags.length, 0),
    mentions: all.reduce((n, p) => n + p.mentions.length, 0),
    links: all.reduce((n, p) => n + p.links.length, 0),
    media: all.reduce((n, p) => n + p.media.length, 0),
    issues: outs.flatMap((o) => o.issues),
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
    'mentions_tweet.jsonl',
    'verified_type.jsonl',
    'v2_tweet_lookup.json',
    'v2_tweets_quote_tweets.json',
    'v2_users_tweets.json',
  ])('%s: posts, users, references, hashtags, mentions, links and media match the raw JSON', (file) => {
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

  it('resolves the place of a geotagged tweet from includes.places', () => {
    const outs = lines('streaming_output_with_error.jsonl').flatMap((l) => {
      try {
        return [mapXApiV2(JSON.parse(l), NOW)];
      } catch {
        return [];
      }
    });
    const post = outs.flatMap((o) => o.posts).find((p) => p.platformPostId === '1377650090978992134');
    expect(post?.place).toEqual({ id: 'a0583a9994e6bf1b', name: 'Malawi', countryCode: 'MW' });
  });

  it('takes the inline referenced tweets of a flattened tweet as posts, with their authors', () => {
    const first = JSON.parse(lines('flat.jsonl')[0]!) as unknown;
    const out = mapXApiV2(first, NOW);
    const original = out.posts.find((p) => p.platformPostId === '1380175475545362437');
    expect(original?.author.handle).toBe('williamserafino');
    expect(out.posts.find((p) => p.platformPostId === '1380242611781386245')?.refs).toContainEqual({
      kind: 'repost',
      targetId: '1380175475545362437',
    });
  });

  it('imports nothing from pages of list objects or tweet counts, with one warning per page', () => {
    for (const file of ['lists.jsonl', 'counts.jsonl']) {
      const outs = jsonItems(path.join(dir, file)).map((v) => mapXApiV2(v, NOW));
      expect(outs.flatMap((o) => [...o.posts, ...o.accounts])).toEqual([]);
      expect(outs.map((o) => o.issues.map((i) => [i.severity, i.code]))).toEqual(
        outs.map(() => [['warning', 'not-tweets']]),
      );
    }
  });

  it('turns X’s HTML escapes back into the text as written, and takes a long post’s whole text (note_tweet)', () => {
    const long = 'Statement by the Spokesperson & the Minister on <the> situation. '.repeat(6).trim();
    const out = mapXApiV2(
      {
        data: [
          {
            id: '1800000000000000001',
            author_id: '42',
            created_at: '2026-03-01T10:00:00.000Z',
            text: 'Trade &amp; security: a &lt;b&gt; tag, a written &amp;lt; and &quot;quotes&quot;',
            entities: { hashtags: [{ tag: 'Trade' }] },
          },
          {
            id: '1800000000000000002',
            author_id: '42',
            created_at: '2026-03-01T11:00:00.000Z',
            text: `${long.slice(0, 270).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}…`,
            entities: { hashtags: [{ tag: 'Truncated' }] },
            note_tweet: {
              text: long.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
              entities: {
                hashtags: [{ tag: 'Whole' }, { tag: 'Text' }],
                mentions: [{ username: 'MFA_Example', id: '7' }],
              },
            },
          },
        ],
        includes: { users: [{ id: '42', username: 'spokes' }] },
      },
      NOW,
    );
    const [short, note] = out.posts;
    // Only &amp; &lt; &gt; are escapes in X text; &quot; stays as sent.
    expect(short!.text).toBe('Trade & security: a <b> tag, a written &lt; and &quot;quotes&quot;');
    expect(note!.text).toBe(long);
    expect(note!.hashtags.map((h) => h.tag)).toEqual(['Whole', 'Text']);
    expect(note!.mentions).toEqual([{ handle: 'MFA_Example', norm: 'mfa_example', platformUserId: '7' }]);
  });

  it('refuses a line that is not an object', () => {
    expect(mapXApiV2([1, 2], NOW).issues[0]?.code).toBe('bad-record');
  });
});
