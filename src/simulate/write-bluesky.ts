import { chunks, dateOf, groupBy, JsonlSeries, type OutputTree } from './files.js';
import { fakeCid } from './ids.js';
import { countsAt, RECOLLECT_AFTER } from './metrics.js';
import type { Account, SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { Plan } from './plan.js';

type Json = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const cidOf = (p: SimPost) => fakeCid(p.id);

/** Bluesky XRPC responses: getAuthorFeed pages, searchPosts, getProfiles and getPosts recollections. */
export class BlueskyWriter {
  constructor(
    private readonly tree: OutputTree,
    private readonly plan: Plan,
  ) {}

  private dayIndex(t: number): number {
    const d = Math.floor((t - this.plan.options.startMs) / DAY_MS);
    return Math.max(0, Math.min(this.plan.seriesDays - 1, d));
  }

  basic(a: Account): Json {
    return {
      did: a.userId,
      handle: a.handle,
      displayName: a.displayName,
      avatar: a.avatar,
      labels: [],
      createdAt: a.createdAt,
    };
  }

  detailed(a: Account, t: number): Json {
    const d = this.dayIndex(t);
    return {
      ...this.basic(a),
      description: a.bio,
      followersCount: Math.round(a.followers[d]!),
      followsCount: a.following,
      postsCount: a.cumulative[d]!,
      indexedAt: iso(t),
    };
  }

  private record(p: SimPost): Json {
    const facets: Json[] = [];
    let byte = 0;
    let text = '';
    for (const s of p.segments) {
      const len = Buffer.byteLength(s.text, 'utf8');
      const index = { byteStart: byte, byteEnd: byte + len };
      if (s.type === 'tag')
        facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: s.tag }] });
      if (s.type === 'mention') {
        const did = this.plan.world.accounts[s.accountIndex]!.userId;
        facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
      }
      byte += len;
      text += s.text;
    }
    const out: Json = { $type: 'app.bsky.feed.post', createdAt: iso(p.at), langs: [p.lang], text };
    if (facets.length) out.facets = facets;
    if (p.kind === 'reply' && p.target) {
      const root = p.root ?? p.target;
      out.reply = {
        root: { uri: root.id, cid: cidOf(root) },
        parent: { uri: p.target.id, cid: cidOf(p.target) },
      };
    }
    const images = p.media.length
      ? {
          $type: 'app.bsky.embed.images',
          images: p.media.map((m) => ({
            alt: m.alt ?? '',
            aspectRatio: { width: m.width, height: m.height },
            image: {
              $type: 'blob',
              ref: { $link: fakeCid(`${p.id}/${m.key}`, 'bafkrei') },
              mimeType: 'image/jpeg',
              size: 120_000 + ((p.seq * 7919) % 200_000),
            },
          })),
        }
      : null;
    const quote =
      p.kind === 'quote' && p.target
        ? { $type: 'app.bsky.embed.record', record: { uri: p.target.id, cid: cidOf(p.target) } }
        : null;
    if (quote && images)
      out.embed = { $type: 'app.bsky.embed.recordWithMedia', record: quote, media: images };
    else if (quote) out.embed = quote;
    else if (images) out.embed = images;
    return out;
  }

  private imagesView(p: SimPost): Json {
    return {
      $type: 'app.bsky.embed.images#view',
      images: p.media.map((m) => {
        const cid = fakeCid(`${p.id}/${m.key}`, 'bafkrei');
        return {
          thumb: `https://cdn.bsky.app/img/feed_thumbnail/plain/${p.author.userId}/${cid}@jpeg`,
          fullsize: `https://cdn.bsky.app/img/feed_fullsize/plain/${p.author.userId}/${cid}@jpeg`,
          alt: m.alt ?? '',
          aspectRatio: { width: m.width, height: m.height },
        };
      }),
    };
  }

  postView(p: SimPost, t: number): Json {
    const m = countsAt(p, t);
    const out: Json = {
      uri: p.id,
      cid: cidOf(p),
      author: this.basic(p.author),
      record: this.record(p),
      replyCount: m.replies,
      repostCount: m.reposts,
      likeCount: m.likes,
      quoteCount: m.quotes,
      indexedAt: iso(p.at + 1500),
      labels: [],
    };
    const quoteView =
      p.kind === 'quote' && p.target
        ? {
            $type: 'app.bsky.embed.record#view',
            record: {
              $type: 'app.bsky.embed.record#viewRecord',
              uri: p.target.id,
              cid: cidOf(p.target),
              author: this.basic(p.target.author),
              value: this.record(p.target),
              indexedAt: iso(p.target.at + 1500),
            },
          }
        : null;
    if (quoteView && p.media.length)
      out.embed = {
        $type: 'app.bsky.embed.recordWithMedia#view',
        record: quoteView,
        media: this.imagesView(p),
      };
    else if (quoteView) out.embed = quoteView;
    else if (p.media.length) out.embed = this.imagesView(p);
    return out;
  }

  private feedItem(p: SimPost, t: number): Json {
    if (p.kind === 'repost') {
      return {
        post: this.postView(p.target!, t),
        reason: { $type: 'app.bsky.feed.defs#reasonRepost', by: this.basic(p.author), indexedAt: iso(p.at) },
      };
    }
    const item: Json = { post: this.postView(p, t) };
    if (p.kind === 'reply' && p.target) {
      const root = p.root ?? p.target;
      item.reply = {
        root: { $type: 'app.bsky.feed.defs#postView', ...this.postView(root, t) },
        parent: { $type: 'app.bsky.feed.defs#postView', ...this.postView(p.target, t) },
      };
    }
    return item;
  }

  day(day: number, all: readonly SimPost[]): void {
    const dayStart = this.plan.options.startMs + day * DAY_MS;
    const date = dateOf(dayStart);
    const posts = all.filter((p) => p.platform === 'bluesky');
    const tracked = this.plan.world.accounts.filter((a) => a.platform === 'bluesky' && a.role === 'registry');
    if (!tracked.length) return;

    const profilesAt = dayStart + DAY_MS - 10 * 60_000;
    const profiles = new JsonlSeries(this.tree, `data/bluesky/${date}/profiles`, profilesAt);
    for (const page of chunks(tracked, 25))
      profiles.line({ profiles: page.map((a) => this.detailed(a, profilesAt)) });
    profiles.close();

    const first = dayStart + DAY_MS + HOUR_MS + 30 * 60_000;
    const newestFirst = (list: SimPost[]) => [...list].sort((a, b) => b.at - a.at || b.seq - a.seq);
    const feeds = new JsonlSeries(this.tree, `data/bluesky/${date}/feeds`, first);
    for (const list of groupBy(
      posts.filter((p) => p.author.role === 'registry'),
      (p) => p.author.index,
    )) {
      const pages = chunks(newestFirst(list), 100);
      pages.forEach((page, i) => {
        const cursor = i < pages.length - 1 ? new Date(page[page.length - 1]!.at).toISOString() : undefined;
        feeds.line({ feed: page.map((p) => this.feedItem(p, first)), ...(cursor ? { cursor } : {}) });
      });
    }
    feeds.close();

    const search = new JsonlSeries(this.tree, `data/bluesky/${date}/search`, first);
    for (const page of chunks(newestFirst(posts.filter((p) => p.author.role !== 'registry')), 100)) {
      search.line({ posts: page.map((p) => this.postView(p, first)) });
    }
    search.close();

    const later = dayStart + RECOLLECT_AFTER;
    const recollect = new JsonlSeries(this.tree, `data/bluesky/${dateOf(later)}/recollect-${date}`, later);
    for (const page of chunks(
      posts.filter((p) => !p.deleted && p.kind !== 'repost'),
      25,
    )) {
      recollect.line({ posts: page.map((p) => this.postView(p, later)) });
    }
    recollect.close();
  }
}
