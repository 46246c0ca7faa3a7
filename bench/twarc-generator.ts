import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { readCsv } from '../src/registry/sources/read-csv.js';

/** Registry X handles, as the first authors of a generated file: its posts then link to real registry actors. */
export function registryXHandles(): string[] {
  return readCsv(path.resolve('data/registry/govdirectory_diplomatic_accounts.csv'), {
    required: ['platform', 'account'],
  })
    .filter((r) => r.values.platform === 'X' && /^[A-Za-z0-9_]{1,15}$/.test(r.values.account ?? ''))
    .map((r) => r.values.account!);
}

/** A small deterministic PRNG (mulberry32): the same seed writes the same file. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'embassy minister cooperation dialogue partnership culture visit forum trade education climate security peace development youth science heritage agreement exchange celebration'.split(
    ' ',
  );
const LANGS = ['en', 'en', 'en', 'fr', 'es', 'ru', 'ar', 'de', 'it', 'zh'];
const TAGS = ['BenchDiplomacy', 'SyntheticForum', 'TestCampaign', 'BenchWeek', 'ExampleSummit'];

export interface GeneratedFile {
  posts: number;
  pages: number;
  users: number;
  bytes: number;
  hashtags: number;
  mentions: number;
  links: number;
  media: number;
  refs: number;
}

/**
 * Writes a twarc2-style JSONL file of X API v2 response pages (100 tweets per page with `includes.users`,
 * `includes.media`, `__twarc`), clearly synthetic, with counts of what it wrote. Authors come from `handles`
 * (registry handles make the import link them to actors) plus generated accounts.
 */
export async function writeTwarcFile(
  file: string,
  opts: { posts: number; seed: number; handles: readonly string[]; perPage?: number; firstId?: bigint },
): Promise<GeneratedFile> {
  const rand = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const perPage = opts.perPage ?? 100;
  const userCount = Math.max(50, Math.min(20_000, Math.floor(opts.posts / 50)));
  const users = Array.from({ length: userCount }, (_, i) => ({
    id: String(900_000_000_000 + i),
    username: opts.handles[i] ?? `bench_user_${i}`,
    name: `Bench account ${i}`,
    followers: Math.floor(100 * Math.exp(rand() * 8)),
  }));
  const out = createWriteStream(file);
  const stats: GeneratedFile = {
    posts: 0,
    pages: 0,
    users: 0,
    bytes: 0,
    hashtags: 0,
    mentions: 0,
    links: 0,
    media: 0,
    refs: 0,
  };
  const seenUsers = new Set<string>();
  let nextId = opts.firstId ?? 1_700_000_000_000_000_000n;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let written = 0; written < opts.posts;) {
    const n = Math.min(perPage, opts.posts - written);
    const data: unknown[] = [];
    const pageUsers = new Map<string, (typeof users)[number]>();
    const media: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const u = pick(users);
      pageUsers.set(u.id, u);
      nextId += BigInt(1 + Math.floor(rand() * 1000));
      const id = nextId.toString();
      const created = new Date(start + (written + i) * 7_000).toISOString();
      const tag = rand() < 0.4 ? pick(TAGS) : null;
      const mention = rand() < 0.3 ? pick(users) : null;
      const link = rand() < 0.2 ? `https://example.invalid/press/${id}` : null;
      const words = Array.from({ length: 12 + Math.floor(rand() * 20) }, () => pick(WORDS)).join(' ');
      const text = `Synthetic benchmark post ${id}: ${words}${tag ? ` #${tag}` : ''}${mention ? ` @${mention.username}` : ''}${link ? ' https://t.co/bench' : ''}`;
      const refRoll = rand();
      const ref =
        refRoll < 0.15
          ? { type: 'replied_to', id: (nextId - 5n).toString() }
          : refRoll < 0.22
            ? { type: 'quoted', id: (nextId - 9n).toString() }
            : null;
      const mediaKey = rand() < 0.25 ? `3_${id}` : null;
      if (mediaKey)
        media.push({
          media_key: mediaKey,
          type: 'photo',
          url: `https://example.invalid/media/${id}.jpg`,
          width: 1200,
          height: 800,
          alt_text: 'synthetic image',
        });
      stats.hashtags += tag ? 1 : 0;
      stats.mentions += mention ? 1 : 0;
      stats.media += mediaKey ? 1 : 0;
      stats.refs += ref ? 1 : 0;
      stats.links += link ? 1 : 0;
      data.push({
        id,
        text,
        author_id: u.id,
        created_at: created,
        lang: pick(LANGS),
        conversation_id: id,
        edit_history_tweet_ids: [id],
        public_metrics: {
          retweet_count: Math.floor(rand() * 50),
          reply_count: Math.floor(rand() * 10),
          like_count: Math.floor(rand() * 200),
          quote_count: Math.floor(rand() * 5),
          impression_count: Math.floor(rand() * 5000),
          bookmark_count: 0,
        },
        entities: {
          ...(tag ? { hashtags: [{ start: 0, end: tag.length + 1, tag }] } : {}),
          ...(mention
            ? { mentions: [{ start: 0, end: 5, username: mention.username, id: mention.id }] }
            : {}),
          ...(link ? { urls: [{ start: 0, end: 23, url: 'https://t.co/bench', expanded_url: link }] } : {}),
        },
        ...(ref ? { referenced_tweets: [ref] } : {}),
        ...(mediaKey ? { attachments: { media_keys: [mediaKey] } } : {}),
      });
    }
    for (const id of pageUsers.keys()) seenUsers.add(id);
    const page = {
      data,
      includes: {
        users: [...pageUsers.values()].map((u) => ({
          id: u.id,
          username: u.username,
          name: u.name,
          public_metrics: { followers_count: u.followers, following_count: 100, tweet_count: 1000 },
        })),
        ...(media.length ? { media } : {}),
      },
      meta: { result_count: n },
      __twarc: {
        url: 'https://api.x.com/2/tweets/search/all',
        version: '2.14.0',
        retrieved_at: new Date(start + 86_400_000 * 100 + stats.pages * 1000).toISOString(),
      },
    };
    const line = JSON.stringify(page) + '\n';
    stats.bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
    written += n;
    stats.posts += n;
    stats.pages++;
  }
  out.end();
  await once(out, 'finish');
  stats.users = seenUsers.size;
  return stats;
}
