import { blueskyTid, mastodonId, xPostId, youtubeVideoId } from './ids.js';
import { median, splitInteractions, ZERO } from './metrics.js';
import type { Account, PlannedPost, SimKind, SimPlatform, SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import { localTime, type Plan } from './plan.js';
import { composePost } from './compose.js';
import { rngFor, type Rng } from './rng.js';
import { HOUR_WEIGHTS, type Lang } from './tables.js';
import type { TruthRecorder } from './truth.js';

const RING = 400;
type Mix = readonly [SimKind, number][];
const MIX: Record<string, Mix> = {
  'x:registry': [
    ['original', 0.62],
    ['repost', 0.18],
    ['reply', 0.12],
    ['quote', 0.08],
  ],
  'x:personal': [
    ['original', 0.8],
    ['reply', 0.1],
    ['repost', 0.1],
  ],
  'x:public': [
    ['reply', 0.55],
    ['original', 0.3],
    ['quote', 0.1],
    ['repost', 0.05],
  ],
  'bluesky:registry': [
    ['original', 0.7],
    ['repost', 0.15],
    ['reply', 0.1],
    ['quote', 0.05],
  ],
  'bluesky:public': [
    ['reply', 0.6],
    ['original', 0.3],
    ['quote', 0.1],
  ],
  'mastodon:registry': [
    ['original', 0.8],
    ['repost', 0.2],
  ],
  'telegram:synthetic': [
    ['original', 0.88],
    ['reply', 0.05],
    ['repost', 0.07],
  ],
};
const ORIGINAL_ONLY: Mix = [['original', 1]];

class Ring {
  private items: SimPost[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(p: SimPost): void {
    if (this.items.length < this.size) this.items.push(p);
    else this.items[this.next] = p;
    this.next = (this.next + 1) % this.size;
  }
  pick(rng: Rng, ok: (p: SimPost) => boolean): SimPost | null {
    for (let tries = 0; tries < 8 && this.items.length; tries++) {
      const p = this.items[rng.int(this.items.length)]!;
      if (ok(p)) return p;
    }
    return null;
  }
}

interface Draft {
  account: Account;
  at: number;
  kind: SimKind;
  planned: PlannedPost | null;
  order: number;
}

/** Generates the posts of one day after another, keeping only per-account state and small rolling windows. */
export class Generator {
  private seq = 0;
  private readonly registryRing = new Map<SimPlatform, Ring>();
  private readonly anyRing = new Map<SimPlatform, Ring>();
  private readonly telegramRecent = new Map<number, number[]>();
  private readonly exchangeLast = new Map<number, SimPost>();
  private readonly telegramNames: string[];

  constructor(
    private readonly plan: Plan,
    readonly truth: TruthRecorder,
  ) {
    this.telegramNames = plan.world.accounts
      .filter((a) => a.platform === 'telegram')
      .map((a) => a.displayName);
  }

  private ring(map: Map<SimPlatform, Ring>, p: SimPlatform): Ring {
    let r = map.get(p);
    if (!r) map.set(p, (r = new Ring(RING)));
    return r;
  }

  /** The posts of day `day`, in time order. */
  day(day: number): SimPost[] {
    const { seed, days, startMs } = this.plan.options;
    const rng = rngFor(seed, `day:${day}`);
    const drafts: Draft[] = [];
    let order = 0;
    for (const a of this.plan.world.accounts) {
      const n = this.plan.regular[a.index * days + day]!;
      const mix = MIX[`${a.platform}:${a.role}`] ?? ORIGINAL_ONLY;
      for (let i = 0; i < n; i++) {
        const hour = rng.weighted(HOUR_WEIGHTS) + rng.next();
        const kind = mix[rng.weighted(mix.map((m) => m[1]))]![0];
        drafts.push({
          account: a,
          at: localTime(startMs, day, a, hour),
          kind,
          planned: null,
          order: order++,
        });
      }
    }
    for (const p of this.plan.planned[day]!)
      drafts.push({ account: p.account, at: p.at, kind: p.kind, planned: p, order: order++ });
    drafts.sort((x, y) => x.at - y.at || x.order - y.order);
    const out: SimPost[] = [];
    for (const d of drafts) {
      const post = this.realise(d, rng);
      if (post) out.push(post);
    }
    out.sort((x, y) => x.at - y.at || x.seq - y.seq);
    return out;
  }

  private language(a: Account, rng: Rng): Lang {
    if (a.role === 'public' || a.role === 'impersonator') return 'en';
    const x = rng.next();
    if (a.kind === 'ministry' || a.role === 'synthetic') return x < 0.8 ? a.lang : 'en';
    if (a.role === 'personal') return x < 0.5 ? a.lang : 'en';
    return x < 0.5 ? a.lang : x < 0.85 ? a.hostLang : 'en';
  }

  private realise(d: Draft, rng: Rng): SimPost | null {
    const a = d.account;
    const platform = a.platform;
    const purpose = d.planned?.purpose ?? null;
    let kind = d.kind;
    let target: SimPost | null = null;
    const ok = (p: SimPost) => !p.deleted && p.kind !== 'repost';
    if (purpose?.type === 'exchange' && purpose.step > 0) {
      target = this.exchangeLast.get(purpose.exchange) ?? null;
    } else if (kind === 'repost' && platform !== 'telegram') {
      target = this.ring(this.registryRing, platform).pick(
        rng,
        (p) => ok(p) && p.author !== a && !(p.repostedBy?.has(a.index) ?? false),
      );
    } else if ((kind === 'reply' || kind === 'quote') && platform !== 'telegram') {
      const fromAny = a.role === 'registry' && rng.chance(0.3);
      target = this.ring(fromAny ? this.anyRing : this.registryRing, platform).pick(rng, ok);
    }
    if (
      (kind !== 'original' && platform !== 'telegram' && !target) ||
      (kind === 'repost' && target?.author === a)
    )
      kind = 'original';
    if (kind === 'original') target = null;

    const seq = this.seq++;
    const lang = this.language(a, rng);
    const post: SimPost = {
      seq,
      platform,
      id: '',
      localId: '',
      author: a,
      at: d.at,
      kind,
      lang,
      segments: [],
      target,
      root: target ? (target.root ?? target) : null,
      media: [],
      final: ZERO,
      deleted: false,
      editedFrom: null,
      editedAt: null,
      repostedBy: null,
      forwardedFrom: null,
      telegramReplyTo: null,
      planned: d.planned,
    };
    if (kind === 'quote') post.root = null;
    if (kind === 'repost' && target) (target.repostedBy ??= new Set()).add(a.index);
    if (platform === 'telegram') this.telegramShape(post, rng);
    composePost(post, rng, {
      campaignTag: (i) => this.plan.campaigns[i]!.tag,
      pickRegistryPost: (ok) => this.ring(this.registryRing, platform).pick(rng, ok),
    });
    this.engage(post, rng);
    this.assignId(post);
    this.record(post);
    if (!post.deleted && kind !== 'repost' && platform !== 'telegram') {
      if (a.role === 'registry') this.ring(this.registryRing, platform).push(post);
      this.ring(this.anyRing, platform).push(post);
    }
    if (purpose?.type === 'exchange') this.exchangeLast.set(purpose.exchange, post);
    return post;
  }

  private telegramShape(post: SimPost, rng: Rng): void {
    const recent = this.telegramRecent.get(post.author.index) ?? [];
    if (post.kind === 'reply') {
      if (recent.length) post.telegramReplyTo = recent[rng.int(recent.length)]!;
      else post.kind = 'original';
    }
    if (post.kind === 'repost') {
      const others = this.telegramNames.filter((n) => n !== post.author.displayName);
      post.forwardedFrom = others.length ? rng.pick(others) : 'Sim Press Agency';
    }
  }

  private engage(post: SimPost, rng: Rng): void {
    const a = post.author;
    const purpose = post.planned?.purpose;
    if (post.kind === 'repost' && post.platform !== 'telegram') return;
    const factor = post.kind === 'original' ? 1 : post.kind === 'quote' ? 0.6 : 0.3;
    let total = Math.round(a.baseline * factor * Math.exp(0.3 * rng.truncatedNormal(2.5)));
    if (purpose?.type === 'star') {
      const med = median(a.recentOriginals) || a.baseline;
      total = Math.round(purpose.multiplier * med);
      this.truth.star(purpose.star, post, med, a.recentOriginals.length);
    }
    post.final = splitInteractions(total, rng);
    if (post.kind === 'original') {
      a.recentOriginals.push(total);
      if (a.recentOriginals.length > 100) a.recentOriginals.shift();
      a.originalsSeen++;
    }
    // Deleted and edited posts: ordinary originals only, never planted ones.
    if (!post.planned && post.kind === 'original') {
      if (
        (post.platform === 'x' || post.platform === 'bluesky') &&
        rng.chance(a.role === 'public' ? 0.01 : 0.004)
      )
        post.deleted = true;
      else if (post.platform === 'x' && a.role === 'registry' && rng.chance(0.005))
        post.editedAt = post.at + Math.floor(rng.between(2, 20) * 60) * 1000;
      else if (
        (post.platform === 'mastodon' && rng.chance(0.05)) ||
        (post.platform === 'telegram' && rng.chance(0.03))
      ) {
        post.editedAt = post.at + Math.floor(rng.between(5, 50) * 60) * 1000;
      }
    }
    if (post.editedAt !== null) {
      // Edits happen before the day's collection (the next day at 01:00), so every collection shows the edit.
      const collection = Math.floor(post.at / DAY_MS) * DAY_MS + DAY_MS + HOUR_MS;
      post.editedAt = Math.min(post.editedAt, collection - 60_000);
    }
  }

  private assignId(post: SimPost): void {
    const a = post.author;
    const { seed } = this.plan.options;
    switch (post.platform) {
      case 'x':
        if (post.editedAt !== null) {
          post.editedFrom = xPostId(post.at, post.seq);
          post.localId = post.editedFrom;
          post.at = post.editedAt;
          post.id = xPostId(post.at, post.seq + 2_097_152);
        } else post.id = xPostId(post.at, post.seq);
        return;
      case 'bluesky':
        if (post.kind === 'repost') post.id = `${a.userId}/repost/${post.target!.id}`;
        else {
          post.localId = blueskyTid(post.at, post.seq);
          post.id = `at://${a.userId}/app.bsky.feed.post/${post.localId}`;
        }
        return;
      case 'mastodon': {
        post.localId = mastodonId(post.at, post.seq);
        const [user, host] = a.handle.split('@');
        post.id = `https://${host!.toLowerCase()}/users/${user}/statuses/${post.localId}${post.kind === 'repost' ? '/activity' : ''}`;
        return;
      }
      case 'telegram': {
        const n = a.telegramNextId++;
        post.localId = String(n);
        post.id = `${a.userId}/${n}`;
        const recent = this.telegramRecent.get(a.index) ?? [];
        recent.push(n);
        if (recent.length > 20) recent.shift();
        this.telegramRecent.set(a.index, recent);
        return;
      }
      case 'rss':
        post.id = `https://press.sim.example/${a.handleNorm}/news/${post.seq}`;
        return;
      case 'youtube':
        post.id = youtubeVideoId(`${seed}:${post.seq}`);
        post.media[0]!.key = post.id;
        return;
    }
  }

  private record(post: SimPost): void {
    const purpose = post.planned?.purpose;
    if (purpose) this.truth.planted(post, purpose);
    if (post.deleted) this.truth.deleted(post);
    if (post.editedAt !== null) this.truth.edited(post);
    this.truth.count(post);
  }
}
