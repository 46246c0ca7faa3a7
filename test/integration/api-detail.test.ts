import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeMetrics } from '../../src/analytics/metrics/load.js';
import { resolveWindow } from '../../src/analytics/window.js';
import { buildServer } from '../../src/api/server.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dataDir = path.join(root, 'data');

const HEADER =
  'platform,post_id,author_id,author_handle,author_name,author_followers,published_at,kind,text,lang,url,' +
  'reply_to_id,quote_of_id,repost_of_id,hashtags,mentions,links,media_urls,media_count,likes,reposts,replies,' +
  'quotes,views,observed_at,collected_by';

/**
 * Four posts of two registry channels (the embassy of Finland in Tokyo and its ambassador): A is an original with
 * hashtags, a mention, a link, two media and metrics observed twice (the second in a later import); B replies to A
 * (metrics once); C quotes a post the store does not hold (no metrics); D, by A's channel, replies to A (no
 * metrics). Written here so that every expected value below is read off these lines.
 */
function files(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'attache-api-detail-'));
  const first = [
    HEADER,
    'x,880001,,fi_emb_jp,,,2025-06-01T10:00:00Z,original,Hello #One #Two @fi_amb_jp,en,,,,,#One #Two,@fi_amb_jp,' +
      'https://example.org/a,https://img.example/1.jpg https://img.example/2.jpg,,10,1,0,0,100,2025-06-01T12:00:00Z,t',
    'x,880002,,fi_amb_jp,,,2025-06-01T11:00:00Z,reply,Thanks,en,,880001,,,,,,,,3,0,0,0,,2025-06-01T12:00:00Z,t',
    'x,880003,,fi_amb_jp,,,2025-06-02T09:00:00Z,quote,Look,en,,,777777,,,,,,,,,,,,,t',
    'x,880004,,fi_emb_jp,,,2025-06-02T10:00:00Z,reply,Re,en,,880001,,,,,,,,,,,,,,t',
  ];
  const second = [
    HEADER,
    'x,880001,,fi_emb_jp,,,2025-06-01T10:00:00Z,original,Hello #One #Two @fi_amb_jp,en,,,,,#One #Two,@fi_amb_jp,' +
      'https://example.org/a,https://img.example/1.jpg https://img.example/2.jpg,,12,2,1,0,150,2025-06-03T00:00:00Z,t',
  ];
  const a = path.join(dir, 'first.csv');
  const b = path.join(dir, 'second.csv');
  writeFileSync(a, `${first.join('\n')}\n`);
  writeFileSync(b, `${second.join('\n')}\n`);
  return [a, b];
}

interface PostBody {
  post: { id: number; text: string; kind: string; metrics: Record<string, unknown> | null };
  channel: { id: number; handle: string | null; actorId: number | null } | null;
  metricsHistory: Record<string, unknown>[];
  refs: Record<string, unknown>[];
  referencedBy: Record<string, unknown>[];
  hashtags: { tag: string; tagNorm: string }[];
  mentions: { handle: string }[];
  links: { url: string; domain: string | null }[];
  media: { url: string | null }[];
}

/**
 * The post and channel pages each read in one or two statements (src/api/queries/post.ts, channel.ts); these pin
 * what they return: a post with and without metrics, references both ways, media, and a channel with no posts.
 */
describe.each(backends())('post and channel pages on $name', (backend) => {
  let db: Database;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const channelIds: Record<string, number> = {};
  let embassyActor: number;
  const get = async <T>(url: string) => {
    const r = await app.inject(url);
    return { status: r.statusCode, body: r.json<T>() };
  };

  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry(
      { db, dataDir, now: fixedNow },
      { source: path.join(root, 'test/fixtures/analytics/registry.csv'), asOf: '2026-01-01' },
    );
    const [first, second] = files();
    await runImport(db, [first!]);
    await runImport(db, [second!]);
    for (const r of await db.query<{ id: number; pid: string }>(
      `SELECT id, platform_post_id AS pid FROM posts`,
    ))
      ids[r.pid] = r.id;
    for (const r of await db.query<{ id: number; handle: string }>(`SELECT id, handle FROM channels`))
      channelIds[r.handle] = r.id;
    const [actor] = await db.query<{ id: number }>(
      `SELECT id FROM actors WHERE name = 'Embassy of Finland in Tokyo (test)'`,
    );
    embassyActor = actor!.id;
    // Follow edges: the embassy and its ambassador follow each other, the embassy also follows the French ministry.
    await db.query(
      `INSERT INTO follows (source_channel_id, target_channel_id, first_observed_at, last_observed_at)
       VALUES ($1, $2, now(), now()), ($2, $1, now(), now()), ($1, $3, now(), now())`,
      [channelIds['fi_emb_jp'], channelIds['fi_amb_jp'], channelIds['fr_mfa_test']],
    );
    app = buildServer({ db, dataDir });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('a post with its metric history, relations and the posts that reply to it', async () => {
    const { status, body: p } = await get<PostBody>(`/api/posts/${ids['880001']}`);
    expect(status).toBe(200);
    expect(p.post).toMatchObject({ id: ids['880001'], text: 'Hello #One #Two @fi_amb_jp', kind: 'original' });
    // the latest observation is the second import's
    expect(p.post.metrics).toMatchObject({ observedAt: '2025-06-03T00:00:00.000Z', likes: 12, views: 150 });
    expect(p.channel).toMatchObject({
      id: channelIds['fi_emb_jp'],
      platform: 'x',
      handle: 'fi_emb_jp',
      actorId: embassyActor,
    });
    expect(p.metricsHistory).toEqual([
      {
        observedAt: '2025-06-01T12:00:00.000Z',
        likes: 10,
        reposts: 1,
        replies: 0,
        quotes: 0,
        views: 100,
        bookmarks: null,
      },
      {
        observedAt: '2025-06-03T00:00:00.000Z',
        likes: 12,
        reposts: 2,
        replies: 1,
        quotes: 0,
        views: 150,
        bookmarks: null,
      },
    ]);
    expect(p.refs).toEqual([]);
    // oldest first: B (the ambassador, 11:00 on the 1st), then D (the embassy itself, on the 2nd)
    expect(p.referencedBy).toEqual([
      {
        kind: 'reply',
        postId: ids['880002'],
        channelId: channelIds['fi_amb_jp'],
        handle: 'fi_amb_jp',
        publishedAt: '2025-06-01T11:00:00.000Z',
      },
      {
        kind: 'reply',
        postId: ids['880004'],
        channelId: channelIds['fi_emb_jp'],
        handle: 'fi_emb_jp',
        publishedAt: '2025-06-02T10:00:00.000Z',
      },
    ]);
    expect(p.hashtags.map((h) => [h.tag, h.tagNorm])).toEqual([
      ['One', 'one'],
      ['Two', 'two'],
    ]);
    expect(p.mentions.map((m) => m.handle.replace(/^@/, '').toLowerCase())).toEqual(['fi_amb_jp']);
    expect(p.links.map((l) => [l.url, l.domain])).toEqual([['https://example.org/a', 'example.org']]);
    expect(p.media.map((m) => m.url)).toEqual(['https://img.example/1.jpg', 'https://img.example/2.jpg']);
  });

  it('a reply names the stored post it replies to; a quote of an unknown post has no target id', async () => {
    const b = (await get<PostBody>(`/api/posts/${ids['880002']}`)).body;
    expect(b.refs).toMatchObject([
      { kind: 'reply', targetPlatformPostId: '880001', targetPostId: ids['880001'] },
    ]);
    expect(b.post.metrics).toMatchObject({ likes: 3, views: null });
    expect(b.metricsHistory).toHaveLength(1);
    expect(b.referencedBy).toEqual([]);

    const c = (await get<PostBody>(`/api/posts/${ids['880003']}`)).body;
    expect(c.refs).toMatchObject([{ kind: 'quote', targetPlatformPostId: '777777', targetPostId: null }]);
    expect(c.post.metrics).toBeNull();
    expect(c.metricsHistory).toEqual([]);
    expect([c.hashtags, c.mentions, c.links, c.media, c.referencedBy]).toEqual([[], [], [], [], []]);

    expect((await get(`/api/posts/987654321`)).status).toBe(404);
  });

  it('a channel page: the series of its posting days, its latest posts first, metrics over the window', async () => {
    const { status, body } = await get<{
      channel: { handle: string; actor: { id: number; name: string } | null };
      metrics: { posts: number; originals: number; replies: number; window: { to: string } } | null;
      activity: { day: string; posts: number; originals: number; replies: number }[];
      posts: { items: { id: number }[]; nextCursor: string | null };
    }>(`/api/channels/${channelIds['fi_emb_jp']}`);
    expect(status).toBe(200);
    expect(body.channel.actor?.id).toBe(embassyActor);
    expect(body.activity.map((d) => [d.day, d.posts, d.originals, d.replies])).toEqual([
      ['2025-06-01', 1, 1, 0],
      ['2025-06-02', 1, 0, 1],
    ]);
    expect(body.posts).toEqual({
      items: [expect.objectContaining({ id: ids['880004'] }), expect.objectContaining({ id: ids['880001'] })],
      nextCursor: null,
    });
    // the latest day with data is the 2nd (the ambassador's quote and the embassy's reply)
    expect(body.metrics).toMatchObject({ posts: 2, originals: 1, replies: 1, window: { to: '2025-06-02' } });
    // a window that ends before the first post: no activity, no metrics posts, the same first page
    const before = (
      await get<{ metrics: { posts: number }; activity: unknown[]; posts: { items: unknown[] } }>(
        `/api/channels/${channelIds['fi_emb_jp']}?to=2025-05-31&window=7d`,
      )
    ).body;
    expect(before.metrics.posts).toBe(0);
    expect(before.activity).toEqual([]);
    expect(before.posts.items).toHaveLength(2);
  });

  it('a channel with no posts answers with empty lists, not 404; an unknown channel is 404', async () => {
    const { status, body } = await get<{
      channel: { handle: string; actor: { name: string } | null };
      profile: unknown;
      metrics: { posts: number } | null;
      followers: unknown[];
      activity: unknown[];
      posts: { items: unknown[]; nextCursor: string | null };
    }>(`/api/channels/${channelIds['fr_mfa_test']}`);
    expect(status).toBe(200);
    expect(body.channel.handle).toBe('fr_mfa_test');
    expect(body.channel.actor?.name).toBe('Ministry for Europe and Foreign Affairs of France (test)');
    expect(body.profile).toBeNull();
    expect(body.metrics?.posts).toBe(0);
    expect([body.followers, body.activity]).toEqual([[], []]);
    expect(body.posts).toEqual({ items: [], nextCursor: null });
    expect(await get(`/api/channels/${channelIds['fr_mfa_test']}/posts`)).toEqual({
      status: 200,
      body: { items: [], nextCursor: null },
    });
    expect((await get('/api/channels/99999999')).status).toBe(404);
    expect((await get('/api/channels/99999999/posts')).status).toBe(404);
  });

  it('every channel page has the metrics scopeMetrics computes for that channel (src/analytics)', async () => {
    for (const window of ['30d', '7d']) {
      for (const id of Object.values(channelIds)) {
        const page = (await get<{ metrics: unknown }>(`/api/channels/${id}?window=${window}`)).body;
        const w = await resolveWindow(db, Number(window.slice(0, -1)), undefined);
        const [one] = await scopeMetrics(db, { channelIds: [id] }, w, { history: true });
        expect(page.metrics, `channel ${id}, ${window}`).toEqual(JSON.parse(JSON.stringify(one!.metrics)));
      }
    }
    // the follow edges count: one mutual pair among registry channels
    const emb = (
      await get<{ metrics: { reciprocity: number | null } }>(`/api/channels/${channelIds['fi_emb_jp']}`)
    ).body;
    const fr = (
      await get<{ metrics: { reciprocity: number | null } }>(`/api/channels/${channelIds['fr_mfa_test']}`)
    ).body;
    expect(emb.metrics.reciprocity).toBe(1); // the ambassador follows back; the French ministry does not
    expect(fr.metrics.reciprocity).toBeNull(); // follows nobody: no follow data, not 0
  });
});
