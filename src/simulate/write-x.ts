import { chunks, dateOf, groupBy, isoSeconds, JsonlSeries, type OutputTree } from './files.js';
import { countsAt, RECOLLECT_AFTER } from './metrics.js';
import { handleAt, plainText, type Account, type SimPost } from './model.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { Plan } from './plan.js';

const FIELDS =
  'expansions=author_id%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username%2Cattachments.media_keys' +
  '&tweet.fields=attachments%2Cauthor_id%2Cconversation_id%2Ccreated_at%2Cedit_history_tweet_ids%2Centities%2Cid%2Cin_reply_to_user_id%2Clang%2Cpublic_metrics%2Creferenced_tweets%2Ctext' +
  '&user.fields=created_at%2Cdescription%2Cid%2Clocation%2Cname%2Cprofile_image_url%2Cprotected%2Cpublic_metrics%2Cusername%2Cverified' +
  '&media.fields=alt_text%2Cheight%2Cmedia_key%2Ctype%2Curl%2Cwidth';
const TWARC = '2.14.0';

type Json = Record<string, unknown>;

/** Code-point offsets of each segment (X entity indices count code points). */
function entities(post: SimPost, accounts: readonly Account[]): Json {
  const hashtags: Json[] = [];
  const mentions: Json[] = [];
  let pos = 0;
  for (const s of post.segments) {
    const len = Array.from(s.text).length;
    if (s.type === 'tag') hashtags.push({ start: pos, end: pos + len, tag: s.tag });
    if (s.type === 'mention')
      mentions.push({ start: pos, end: pos + len, username: s.handle, id: accounts[s.accountIndex]!.userId });
    pos += len;
  }
  const out: Json = {};
  if (hashtags.length) out.hashtags = hashtags;
  if (mentions.length) out.mentions = mentions;
  return out;
}

/** twarc2 JSONL: timelines, searches, user lookups (follower observations) and recollections of the X posts. */
export class XWriter {
  constructor(
    private readonly tree: OutputTree,
    private readonly plan: Plan,
  ) {}

  private dayIndex(t: number): number {
    const d = Math.floor((t - this.plan.options.startMs) / DAY_MS);
    return Math.max(0, Math.min(this.plan.seriesDays - 1, d));
  }

  user(a: Account, t: number): Json {
    const d = this.dayIndex(t);
    return {
      id: a.userId,
      username: handleAt(a, t),
      name: a.displayName,
      description: a.bio,
      location: a.hostName ?? '',
      created_at: a.createdAt,
      profile_image_url: a.avatar,
      protected: false,
      verified: false,
      public_metrics: {
        followers_count: Math.round(a.followers[d]!),
        following_count: a.following,
        tweet_count: a.cumulative[d]!,
        listed_count: Math.round(a.followers[d]! / 200),
      },
    };
  }

  tweet(p: SimPost, t: number): Json {
    const m =
      p.kind === 'repost' ? { likes: 0, reposts: 0, replies: 0, quotes: 0, views: 0 } : countsAt(p, t);
    const out: Json = {
      id: p.id,
      text: plainText(p),
      created_at: isoSeconds(p.at),
      author_id: p.author.userId,
      conversation_id: p.root ? p.root.id : p.id,
      edit_history_tweet_ids: p.editedFrom ? [p.editedFrom, p.id] : [p.id],
      lang: p.lang,
      possibly_sensitive: false,
      reply_settings: 'everyone',
      public_metrics: {
        retweet_count: m.reposts,
        reply_count: m.replies,
        like_count: m.likes,
        quote_count: m.quotes,
        impression_count: m.views,
        bookmark_count: Math.floor(m.likes / 20),
      },
    };
    const e = entities(p, this.plan.world.accounts);
    if (Object.keys(e).length) out.entities = e;
    if (p.target) {
      const type = p.kind === 'reply' ? 'replied_to' : p.kind === 'quote' ? 'quoted' : 'retweeted';
      out.referenced_tweets = [{ type, id: p.target.id }];
      if (p.kind === 'reply') out.in_reply_to_user_id = p.target.author.userId;
    }
    if (p.media.length)
      out.attachments = { media_keys: p.media.map((x) => `3_${p.id}${x.key.slice(x.key.indexOf('-'))}`) };
    return out;
  }

  /** One API response page of tweets as twarc2 saves it. */
  page(posts: readonly SimPost[], t: number, url: string): Json {
    const users = new Map<string, Json>();
    const tweets = new Map<string, Json>();
    const media: Json[] = [];
    const addUser = (a: Account) => {
      if (!users.has(a.userId)) users.set(a.userId, this.user(a, t));
    };
    for (const p of posts) {
      addUser(p.author);
      if (p.target) {
        if (!tweets.has(p.target.id)) tweets.set(p.target.id, this.tweet(p.target, t));
        addUser(p.target.author);
      }
      for (const s of p.segments)
        if (s.type === 'mention') addUser(this.plan.world.accounts[s.accountIndex]!);
      p.media.forEach((x) => {
        media.push({
          media_key: `3_${p.id}${x.key.slice(x.key.indexOf('-'))}`,
          type: 'photo',
          url: `https://pbs.twimg.com/media/Sim${p.id}${x.key.slice(x.key.indexOf('-'))}.jpg`,
          width: x.width,
          height: x.height,
          ...(x.alt ? { alt_text: x.alt } : {}),
        });
      });
    }
    const data = posts.map((p) => this.tweet(p, t));
    const includes: Json = { users: [...users.values()] };
    if (tweets.size) includes.tweets = [...tweets.values()];
    if (media.length) includes.media = media;
    const ids = posts.map((p) => p.id);
    return {
      data,
      includes,
      meta: { result_count: posts.length, newest_id: ids[0], oldest_id: ids[ids.length - 1] },
      __twarc: {
        url,
        version: TWARC,
        retrieved_at: new Date(t).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      },
    };
  }

  day(day: number, all: readonly SimPost[]): void {
    const { startMs } = this.plan.options;
    const dayStart = startMs + day * DAY_MS;
    const date = dateOf(dayStart);
    const posts = all.filter((p) => p.platform === 'x');
    const newestFirst = (list: SimPost[]) => [...list].sort((a, b) => b.at - a.at || b.seq - a.seq);

    // Follower observations: one users lookup per 100 tracked accounts, late in the day.
    const tracked = this.plan.world.accounts.filter(
      (a) => a.platform === 'x' && (a.role === 'registry' || a.role === 'personal'),
    );
    const usersAt = dayStart + DAY_MS - 10 * 60_000;
    const users = new JsonlSeries(this.tree, `data/x/${date}/users`, usersAt);
    for (const page of chunks(tracked, 100)) {
      users.line({
        data: page.map((a) => this.user(a, usersAt)),
        __twarc: {
          url: `https://api.twitter.com/2/users?ids=${page.map((a) => a.userId).join('%2C')}&${FIELDS}`,
          version: TWARC,
          retrieved_at: isoSeconds(usersAt).replace('.000Z', '+00:00'),
        },
      });
    }
    users.close();

    // First collection: each tracked account's timeline of the day, collected the next day at 01:00.
    const first = dayStart + DAY_MS + HOUR_MS;
    const timelines = new JsonlSeries(this.tree, `data/x/${date}/timelines`, first);
    const own = posts.filter((p) => p.author.role === 'registry' || p.author.role === 'personal');
    let k = 0;
    for (const list of groupBy(own, (p) => p.author.index)) {
      for (const page of chunks(newestFirst(list), 100)) {
        const t = first + 1000 * k++;
        const a = page[0]!.author;
        timelines.line(
          this.page(
            page,
            t,
            `https://api.twitter.com/2/users/${a.userId}/tweets?max_results=100&start_time=${isoSeconds(dayStart)}&end_time=${isoSeconds(dayStart + DAY_MS)}&${FIELDS}`,
          ),
        );
      }
    }
    timelines.close();

    // Public accounts (replies, mentions, look-alikes) come from a recent search for the tracked handles.
    const others = posts.filter((p) => p.author.role !== 'registry' && p.author.role !== 'personal');
    const searchAt = first + 30 * 60_000;
    const search = new JsonlSeries(this.tree, `data/x/${date}/search`, searchAt);
    chunks(newestFirst(others), 100).forEach((page, i) => {
      search.line(
        this.page(
          page,
          searchAt + 1000 * i,
          `https://api.twitter.com/2/tweets/search/recent?query=%40diplomatic_sim&max_results=100&${FIELDS}`,
        ),
      );
    });
    search.close();

    // Recollection (tweet lookup) once every post of the day is 72 h old: final counters; deleted posts are gone.
    const later = dayStart + RECOLLECT_AFTER;
    const recollect = new JsonlSeries(this.tree, `data/x/${dateOf(later)}/recollect-${date}`, later);
    chunks(
      posts.filter((p) => !p.deleted),
      100,
    ).forEach((page, i) => {
      recollect.line(
        this.page(
          page,
          later + 1000 * i,
          `https://api.twitter.com/2/tweets?ids=${page.map((p) => p.id).join('%2C')}&${FIELDS}`,
        ),
      );
    });
    recollect.close();
  }
}
