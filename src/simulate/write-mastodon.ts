import { chunks, dateOf, groupBy, JsonlSeries, type OutputTree } from './files.js';
import { mastodonAccountId } from './ids.js';
import { countsAt, RECOLLECT_AFTER } from './metrics.js';
import type { Account, SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { Plan } from './plan.js';

type Json = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const parts = (a: Account) => {
  const [user, host] = a.handle.split('@');
  return { user: user!, host: host!.toLowerCase() };
};

/** Mastodon REST responses: account statuses pages, account lookups and recollections. */
export class MastodonWriter {
  constructor(
    private readonly tree: OutputTree,
    private readonly plan: Plan,
  ) {}

  private dayIndex(t: number): number {
    const d = Math.floor((t - this.plan.options.startMs) / DAY_MS);
    return Math.max(0, Math.min(this.plan.seriesDays - 1, d));
  }

  account(a: Account, t: number): Json {
    const { user, host } = parts(a);
    const d = this.dayIndex(t);
    return {
      id: mastodonAccountId(a.handleNorm),
      username: user,
      acct: user,
      display_name: a.displayName,
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      created_at: a.createdAt,
      note: `<p>${escape(a.bio)}</p>`,
      url: `https://${host}/@${user}`,
      uri: `https://${host}/users/${user}`,
      // Mastodon serves avatars over https: the file is `avatars/…` of the output, under the instance's /sim/ path.
      avatar: a.avatar ? `https://${host}/sim/${a.avatar}` : null,
      avatar_static: a.avatar ? `https://${host}/sim/${a.avatar}` : null,
      followers_count: Math.round(a.followers[d]!),
      following_count: a.following,
      statuses_count: a.cumulative[d]!,
      emojis: [],
      fields: [],
    };
  }

  private content(p: SimPost, host: string): string {
    let html = '';
    for (const s of p.segments) {
      if (s.type === 'tag')
        html += `<a href="https://${host}/tags/${encodeURIComponent(s.tag)}" class="mention hashtag" rel="tag">#<span>${escape(s.tag)}</span></a>`;
      else if (s.type === 'mention') {
        const m = this.plan.world.accounts[s.accountIndex]!;
        const { user, host: h } = parts(m);
        html += `<span class="h-card" translate="no"><a href="https://${h}/@${user}" class="u-url mention">@<span>${escape(user)}</span></a></span>`;
      } else html += escape(s.text);
    }
    return html
      .split('\n\n')
      .map((para) => `<p>${para.replace(/\n/g, '<br />')}</p>`)
      .join('');
  }

  status(p: SimPost, t: number): Json {
    const { user, host } = parts(p.author);
    const repost = p.kind === 'repost';
    const m = repost ? { likes: 0, reposts: 0, replies: 0, quotes: 0 } : countsAt(p, t);
    const mentions = p.segments.flatMap((s) => {
      if (s.type !== 'mention') return [];
      const a = this.plan.world.accounts[s.accountIndex]!;
      const x = parts(a);
      return [
        {
          id: mastodonAccountId(a.handleNorm),
          username: x.user,
          url: `https://${x.host}/@${x.user}`,
          acct: x.host === host ? x.user : `${x.user}@${x.host}`,
        },
      ];
    });
    return {
      id: p.localId,
      created_at: iso(p.at),
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: repost ? null : p.lang,
      uri: p.id,
      url: repost ? null : `https://${host}/@${user}/${p.localId}`,
      replies_count: m.replies,
      reblogs_count: m.reposts,
      favourites_count: m.likes,
      quotes_count: m.quotes,
      edited_at: p.editedAt === null ? null : iso(p.editedAt),
      content: repost ? '' : this.content(p, host),
      reblog: repost && p.target ? this.status(p.target, t) : null,
      account: this.account(p.author, t),
      media_attachments: p.media.map((x, i) => ({
        id: `${p.localId}${i}`,
        type: 'image',
        url: `https://${host}/system/media_attachments/files/sim/${p.localId}-${i}.jpg`,
        preview_url: `https://${host}/system/media_attachments/files/sim/small/${p.localId}-${i}.jpg`,
        remote_url: null,
        description: x.alt,
        meta: { original: { width: x.width, height: x.height } },
      })),
      mentions,
      tags: p.segments.flatMap((s) =>
        s.type === 'tag'
          ? [{ name: s.tag.toLowerCase(), url: `https://${host}/tags/${s.tag.toLowerCase()}` }]
          : [],
      ),
      emojis: [],
      card: null,
      poll: null,
    };
  }

  day(day: number, all: readonly SimPost[]): void {
    const dayStart = this.plan.options.startMs + day * DAY_MS;
    const date = dateOf(dayStart);
    const tracked = this.plan.world.accounts.filter((a) => a.platform === 'mastodon');
    if (!tracked.length) return;
    const posts = all.filter((p) => p.platform === 'mastodon');

    const accountsAt = dayStart + DAY_MS - 10 * 60_000;
    const accounts = new JsonlSeries(this.tree, `data/mastodon/${date}/accounts`, accountsAt);
    accounts.line(tracked.map((a) => this.account(a, accountsAt)));
    accounts.close();

    const first = dayStart + DAY_MS + HOUR_MS + 45 * 60_000;
    const statuses = new JsonlSeries(this.tree, `data/mastodon/${date}/statuses`, first);
    for (const list of groupBy(posts, (p) => p.author.index)) {
      const sorted = [...list].sort((a, b) => b.at - a.at || b.seq - a.seq);
      for (const page of chunks(sorted, 40)) statuses.line(page.map((p) => this.status(p, first)));
    }
    statuses.close();

    const later = dayStart + RECOLLECT_AFTER;
    const recollect = new JsonlSeries(this.tree, `data/mastodon/${dateOf(later)}/recollect-${date}`, later);
    for (const list of groupBy(
      posts.filter((p) => p.kind !== 'repost'),
      (p) => p.author.index,
    )) {
      for (const page of chunks(list, 40)) recollect.line(page.map((p) => this.status(p, later)));
    }
    recollect.close();
  }
}
