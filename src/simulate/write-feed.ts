import { type OutputTree } from './files.js';
import { countsAt } from './metrics.js';
import type { Account, SimPost } from './model.js';
import { DAY_MS } from './model.js';
import type { Plan } from './plan.js';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const rfc822 = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};
const isoZ = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Title (first sentence) and body (the rest) of a feed entry. */
function titleAndBody(p: SimPost): { title: string; body: string } {
  const text = p.segments
    .filter((s) => s.type === 'text')
    .map((s) => s.text)
    .join('');
  const [title, ...rest] = text.split('\n\n');
  return { title: title!.trim(), body: rest.join('\n\n').trim() };
}

/**
 * Feeds, fetched once a week: ministries' RSS 2.0 press feeds (the week's items) and YouTube channel Atom feeds
 * (the 15 newest videos, so last week's videos come again with larger counters; a channel that uploaded more
 * than 15 in the week is also fetched after each 15th upload, so that no video is missing from every feed).
 */
export class FeedWriter {
  private week: SimPost[] = [];
  private previous = new Map<number, SimPost[]>();

  constructor(
    private readonly tree: OutputTree,
    private readonly plan: Plan,
  ) {}

  day(day: number, all: readonly SimPost[]): void {
    for (const p of all) if (p.platform === 'rss' || p.platform === 'youtube') this.week.push(p);
    if ((day + 1) % 7 === 0 || day === this.plan.options.days - 1) this.flush(day);
  }

  private flush(day: number): void {
    const { startMs } = this.plan.options;
    const fetchAt = startMs + (day + 1) * DAY_MS + 3_600_000;
    const label = new Date(startMs + (day + 1) * DAY_MS - DAY_MS).toISOString().slice(0, 10);
    const byAccount = new Map<number, SimPost[]>();
    for (const p of this.week) {
      const list = byAccount.get(p.author.index) ?? [];
      list.push(p);
      byAccount.set(p.author.index, list);
    }
    const accounts = this.plan.world.accounts.filter((a) => a.platform === 'rss' || a.platform === 'youtube');
    const next = new Map<number, SimPost[]>();
    for (const a of accounts) {
      const now = byAccount.get(a.index) ?? [];
      if (a.platform === 'rss') {
        if (now.length) this.rss(a, now, fetchAt, label);
      } else {
        // A channel that uploaded more than a feed shows in the week is fetched again each time 15 new videos
        // have come, an hour after the 15th: every video is in some feed, as a collector polling it would see.
        const oldestFirst = [...now].sort((x, y) => x.at - y.at || x.seq - y.seq);
        for (let i = 15, part = 1; i < oldestFirst.length; i += 15, part++) {
          const chunk = oldestFirst.slice(i - 15, i).reverse();
          this.youtube(a, chunk, Math.min(chunk[0]!.at + 3_600_000, fetchAt), `${label}-${part}`);
        }
        const shown = [...(this.previous.get(a.index) ?? []), ...now]
          .sort((x, y) => y.at - x.at || y.seq - x.seq)
          .slice(0, 15);
        if (shown.length) this.youtube(a, shown, fetchAt, label);
        next.set(a.index, now);
      }
    }
    this.previous = next;
    this.week = [];
  }

  private rss(a: Account, posts: SimPost[], fetchAt: number, label: string): void {
    const feedUrl = a.userId;
    const site = feedUrl.replace(/feed\.xml$/, '');
    const items = [...posts]
      .sort((x, y) => y.at - x.at || y.seq - x.seq)
      .map((p) => {
        const { title, body } = titleAndBody(p);
        const cats = p.segments
          .flatMap((s) => (s.type === 'tag' ? [`   <category>${xml(s.tag)}</category>\n`] : []))
          .join('');
        return `  <item>\n   <title>${xml(title)}</title>\n   <link>${xml(p.id)}</link>\n   <guid isPermaLink="true">${xml(p.id)}</guid>\n   <pubDate>${rfc822(p.at)}</pubDate>\n   <description>${xml(`<p>${xml(body)}</p>`)}</description>\n${cats}  </item>\n`;
      })
      .join('');
    const doc =
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n <channel>\n` +
      `  <title>${xml(a.displayName)}</title>\n  <link>${xml(site)}</link>\n  <description>${xml(a.bio)}</description>\n` +
      `  <language>${a.lang}</language>\n  <atom:link href="${xml(feedUrl)}" rel="self" type="application/rss+xml"/>\n` +
      `  <lastBuildDate>${rfc822(fetchAt)}</lastBuildDate>\n${items} </channel>\n</rss>\n`;
    const sink = this.tree.open(`data/rss/${a.handle}/${label}.xml`, fetchAt);
    sink.write(doc);
    sink.close();
  }

  private youtube(a: Account, posts: SimPost[], fetchAt: number, label: string): void {
    const id = a.userId;
    const entries = posts
      .map((p) => {
        const { title, body } = titleAndBody(p);
        // The feed's `updated` moves when the counters change: it is the observation time of the statistics.
        const m = countsAt(p, fetchAt);
        const tags = p.segments.flatMap((s) => (s.type === 'tag' ? [s.text] : [])).join(' ');
        return (
          ` <entry>\n  <id>yt:video:${p.id}</id>\n  <yt:videoId>${p.id}</yt:videoId>\n  <yt:channelId>${id}</yt:channelId>\n` +
          `  <title>${xml(title)}</title>\n  <link rel="alternate" href="https://www.youtube.com/watch?v=${p.id}"/>\n` +
          `  <author>\n   <name>${xml(a.displayName)}</name>\n   <uri>https://www.youtube.com/channel/${id}</uri>\n  </author>\n` +
          `  <published>${isoZ(p.at)}</published>\n  <updated>${isoZ(fetchAt)}</updated>\n  <media:group>\n` +
          `   <media:title>${xml(title)}</media:title>\n` +
          `   <media:content url="https://www.youtube.com/v/${p.id}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>\n` +
          `   <media:thumbnail url="https://i1.ytimg.com/vi/${p.id}/hqdefault.jpg" width="480" height="360"/>\n` +
          `   <media:description>${xml(tags ? `${body}\n\n${tags}` : body)}</media:description>\n` +
          `   <media:community>\n    <media:starRating count="${m.likes}" average="5.00" min="1" max="5"/>\n    <media:statistics views="${m.views}"/>\n   </media:community>\n` +
          `  </media:group>\n </entry>\n`
        );
      })
      .join('');
    const doc =
      `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">\n` +
      ` <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=${id}"/>\n <id>yt:channel:${id.slice(2)}</id>\n` +
      ` <yt:channelId>${id.slice(2)}</yt:channelId>\n <title>${xml(a.displayName)}</title>\n` +
      ` <link rel="alternate" href="https://www.youtube.com/channel/${id}"/>\n <author>\n  <name>${xml(a.displayName)}</name>\n  <uri>https://www.youtube.com/channel/${id}</uri>\n </author>\n` +
      ` <published>2015-01-01T00:00:00+00:00</published>\n${entries}</feed>\n`;
    const sink = this.tree.open(`data/youtube/${id}/${label}.xml`, fetchAt);
    sink.write(doc);
    sink.close();
  }

  finish(): void {
    if (this.week.length) this.flush(this.plan.options.days - 1);
  }
}
