import type { Account, PlannedPurpose, SimPost } from './model.js';
import { DAY_MS } from './model.js';
import { interactions, RECOLLECT_AFTER } from './metrics.js';
import type { Plan } from './plan.js';

const iso = (ms: number) => new Date(ms).toISOString();
const handleAt = (a: Account, t: number) =>
  a.handleChange && t >= a.handleChange.at ? a.handleChange.handle : a.handle;

export interface TruthPost {
  postId: string;
  platform: string;
  handle: string;
  userId: string;
  country: string | null;
  at: string;
}

const ref = (p: SimPost): TruthPost => ({
  postId: p.id,
  platform: p.platform,
  handle: handleAt(p.author, p.at),
  userId: p.author.userId,
  country: p.author.sending,
  at: iso(p.at),
});

/** Collects what the generator planted while it streams, and writes truth.json at the end (small lists only). */
export class TruthRecorder {
  readonly byPlatform: Record<string, number> = {};
  readonly byKind: Record<string, number> = {};
  total = 0;
  private readonly campaignPosts = new Map<number, (TruthPost & { role: string })[]>();
  private readonly exchangePosts = new Map<
    number,
    (TruthPost & { kind: string; targetId: string | null })[]
  >();
  private readonly stars = new Map<
    number,
    { post: TruthPost; interactions: number; medianBefore: number; priorOriginals: number }
  >();
  private readonly breaches: (TruthPost & {
    kind: string;
    embassyHandle: string | null;
    actorKey: string | null;
  })[] = [];
  private readonly impersonatorPosts = new Map<number, string[]>();
  private readonly deletedPosts: (TruthPost & { absentFrom: string })[] = [];
  private readonly editedPosts: (TruthPost & { editedAt: string; previousId: string | null })[] = [];
  readonly lastPost = new Map<number, number>();

  count(p: SimPost): void {
    this.total++;
    this.byPlatform[p.platform] = (this.byPlatform[p.platform] ?? 0) + 1;
    this.byKind[p.kind] = (this.byKind[p.kind] ?? 0) + 1;
    this.lastPost.set(p.author.index, p.at);
  }

  planted(p: SimPost, purpose: PlannedPurpose): void {
    switch (purpose.type) {
      case 'campaign': {
        const list = this.campaignPosts.get(purpose.campaign) ?? [];
        list.push({ ...ref(p), role: purpose.role });
        this.campaignPosts.set(purpose.campaign, list);
        return;
      }
      case 'exchange': {
        const list = this.exchangePosts.get(purpose.exchange) ?? [];
        list.push({ ...ref(p), kind: p.kind, targetId: p.target?.id ?? null });
        this.exchangePosts.set(purpose.exchange, list);
        return;
      }
      case 'breach':
        this.breaches.push({
          ...ref(p),
          kind: purpose.breach,
          embassyHandle: null,
          actorKey: p.author.actorKey,
        });
        return;
      case 'impersonation': {
        const list = this.impersonatorPosts.get(p.author.index) ?? [];
        list.push(p.id);
        this.impersonatorPosts.set(p.author.index, list);
        return;
      }
      case 'star':
        return;
    }
  }

  star(index: number, p: SimPost, medianBefore: number, priorOriginals: number): void {
    // The post's id is assigned after its counters: kept by reference and read when the truth is built.
    this.stars.set(index, {
      post: null as unknown as TruthPost,
      interactions: 0,
      medianBefore,
      priorOriginals,
    });
    this.pendingStars.push([index, p]);
  }
  private readonly pendingStars: [number, SimPost][] = [];

  deleted(p: SimPost): void {
    this.deletedPosts.push({
      ...ref(p),
      absentFrom: iso(Math.floor(p.at / DAY_MS) * DAY_MS + RECOLLECT_AFTER),
    });
  }

  edited(p: SimPost): void {
    this.editedPosts.push({ ...ref(p), editedAt: iso(p.editedAt!), previousId: p.editedFrom });
  }

  build(plan: Plan, files: { count: number; bytes: number }): unknown {
    for (const [i, p] of this.pendingStars.splice(0)) {
      const s = this.stars.get(i)!;
      s.post = ref(p);
      s.interactions = interactions(p.final);
    }
    const { options, world } = plan;
    const accountsByIndex = world.accounts;
    const acc = (a: Account) => ({ platform: a.platform, handle: a.handle, userId: a.userId });
    const day = (ms: number) => Math.floor((ms - options.startMs) / DAY_MS);
    return {
      generator: 'attache simulate',
      synthetic: true,
      seed: options.seed,
      requestedPosts: options.posts,
      days: options.days,
      start: iso(options.startMs),
      end: iso(options.startMs + options.days * DAY_MS),
      importPath: 'data',
      counts: {
        posts: this.total,
        byPlatform: sortKeys(this.byPlatform),
        byKind: sortKeys(this.byKind),
        accounts: world.accounts.length,
        files: files.count,
        bytes: files.bytes,
      },
      syntheticChannels: world.accounts
        .filter((a) => a.role === 'synthetic')
        .map((a) => ({
          ...acc(a),
          displayName: a.displayName,
          actorKey: a.actorKey,
          country: a.sending,
          derivedFrom: a.derivedFrom === null ? null : acc(accountsByIndex[a.derivedFrom]!),
        })),
      personalAccounts: plan.personal.map((a) => ({
        ...acc(a),
        displayName: a.displayName,
        country: a.sending,
        embassy: a.derivedFrom === null ? null : acc(accountsByIndex[a.derivedFrom]!),
      })),
      campaigns: plan.campaigns.map((c, i) => {
        const posts = [...(this.campaignPosts.get(i) ?? [])].sort((x, y) => x.at.localeCompare(y.at));
        const firstUses = new Map<string, (typeof posts)[number]>();
        for (const p of posts) if (!firstUses.has(p.userId)) firstUses.set(p.userId, p);
        const launch = posts.filter((p) => p.role === 'launch');
        const coopt = posts.filter((p) => p.role === 'coopt');
        return {
          tag: c.tag,
          launcherCountry: c.launcher,
          start: launch[0]?.at ?? null,
          allies: c.allies,
          adopters: [...firstUses.values()]
            .filter((p) => p.role !== 'coopt')
            .map((p) => ({
              country: p.country,
              handle: p.handle,
              userId: p.userId,
              firstUse: p.at,
              postId: p.postId,
              role: p.role,
            })),
          coopter: c.coopter ? { country: c.coopter, firstUse: coopt[0]?.at ?? null, posts: coopt } : null,
          posts,
        };
      }),
      exchanges: plan.exchanges.map((e, i) => ({
        platform: 'x',
        countries: e.countries,
        host: e.host,
        accounts: e.accounts.map(acc),
        posts: this.exchangePosts.get(i) ?? [],
      })),
      stars: [...this.stars.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([i, s]) => {
          const p = plan.stars[i]!;
          const f = p.account.followers;
          return {
            ...s.post,
            multiplier: p.multiplier,
            interactions: s.interactions,
            medianBefore: s.medianBefore,
            priorOriginals: s.priorOriginals,
            followersBefore: Math.round(f[p.day]!),
            followersAfter: Math.round(f[p.day + 1]!),
            followerJump: p.jump,
          };
        }),
      impersonators: plan.impersonators.map((p) => ({
        ...acc(p.account),
        displayName: p.account.displayName,
        technique: p.technique,
        avatar: p.account.avatar,
        target: { ...acc(p.target), avatar: p.target.avatar, actorKey: p.target.actorKey },
        posts: this.impersonatorPosts.get(p.account.index) ?? [],
      })),
      breaches: this.breaches.map((b) => {
        const author = world.accounts.find((a) => a.userId === b.userId)!;
        const emb = author.derivedFrom === null ? null : accountsByIndex[author.derivedFrom]!;
        return { ...b, embassyHandle: emb?.handle ?? null };
      }),
      dormant: world.accounts
        .filter((a) => a.dormantFrom !== null)
        .map((a) => ({
          ...acc(a),
          from: iso(options.startMs + a.dormantFrom! * DAY_MS),
          wholeWindow: a.dormantFrom === 0,
          lastPost: this.lastPost.has(a.index) ? iso(this.lastPost.get(a.index)!) : null,
        })),
      deleted: this.deletedPosts,
      edited: this.editedPosts,
      handleChanges: world.accounts
        .filter((a) => a.handleChange)
        .map((a) => ({
          platform: a.platform,
          userId: a.userId,
          oldHandle: a.handle,
          newHandle: a.handleChange!.handle,
          from: iso(a.handleChange!.at),
          day: day(a.handleChange!.at),
        })),
    };
  }
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
