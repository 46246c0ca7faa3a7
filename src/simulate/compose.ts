import { handleAt, plainText, type Account, type SimPost } from './model.js';
import type { Rng } from './rng.js';
import type { Lang } from './tables.js';
import {
  BREACH_TEXT,
  CAMPAIGN_TEXT,
  EXCHANGE_TEXT,
  IMPERSONATOR_TEXT,
  ORDINARY_TAGS,
  PUBLIC_REPLY_TEXT,
  sentence,
  type Segment,
} from './text.js';

/** What composing a post needs from the generator: campaign tags and recent registry posts of the platform. */
export interface ComposeDeps {
  campaignTag: (campaign: number) => string;
  pickRegistryPost: (ok: (p: SimPost) => boolean) => SimPost | null;
}

/** A post's text (as segments) and media, from its kind, purpose and author. */
export function composePost(post: SimPost, rng: Rng, deps: ComposeDeps): void {
  const a = post.author;
  const purpose = post.planned?.purpose;
  const segs: Segment[] = [];
  const text = (t: string) => segs.push({ type: 'text', text: t });
  const tag = (t: string) => segs.push({ type: 'tag', text: `#${t}`, tag: t });
  const mention = (m: Account, at: number) => {
    const h = handleAt(m, at);
    segs.push({ type: 'mention', text: `@${h}`, accountIndex: m.index, handle: h });
  };
  const place = a.hostName;
  if (post.kind === 'repost') {
    if (post.platform === 'x' && post.target) {
      text('RT ');
      mention(post.target.author, post.at);
      text(`: ${plainText(post.target).slice(0, 180)}`);
    } else if (post.platform === 'telegram') {
      text(`${sentence(rng, post.lang as Lang, place)} ${sentence(rng, post.lang as Lang, place)}`);
    }
    post.segments = segs;
    return;
  }
  if (post.platform === 'x' && post.kind === 'reply' && post.target) {
    mention(post.target.author, post.at);
    text(' ');
  }
  if (purpose?.type === 'campaign') {
    text(`${CAMPAIGN_TEXT[purpose.role]} `);
    tag(deps.campaignTag(purpose.campaign));
    post.lang = 'en';
  } else if (purpose?.type === 'exchange') {
    text(EXCHANGE_TEXT[purpose.step % EXCHANGE_TEXT.length]!);
    post.lang = 'en';
  } else if (purpose?.type === 'breach') {
    text(rng.pick(BREACH_TEXT[purpose.breach]).replace('{h}', a.hostName ?? 'host country'));
    post.lang = 'en';
  } else if (purpose?.type === 'impersonation') {
    text(rng.pick(IMPERSONATOR_TEXT));
  } else if (a.role === 'public') {
    if (post.kind === 'original') {
      const m = deps.pickRegistryPost(() => true);
      if (m) {
        mention(m.author, post.at);
        text(' ');
      }
    }
    text(rng.pick(PUBLIC_REPLY_TEXT));
  } else {
    const long = post.platform === 'telegram' || post.platform === 'rss' || post.platform === 'youtube';
    const s = sentence(rng, post.lang as Lang, place);
    text(long ? `${s}\n\n${sentence(rng, post.lang as Lang, place)}` : s);
    if (
      post.kind === 'original' &&
      (post.platform === 'x' || post.platform === 'bluesky') &&
      rng.chance(0.15)
    ) {
      const m = deps.pickRegistryPost((p) => p.author !== a);
      if (m) {
        text(' ');
        mention(m.author, post.at);
      }
    }
    const nTags = rng.chance(0.3) ? 1 + (rng.chance(0.3) ? 1 : 0) : 0;
    for (const t of rng.shuffle([...ORDINARY_TAGS]).slice(0, nTags)) {
      text(' ');
      tag(t);
    }
  }
  post.segments = segs;
  const imageShare =
    purpose?.type === 'exchange' ? 1 : post.kind === 'original' ? 0.35 : post.kind === 'quote' ? 0.2 : 0.05;
  if (post.platform === 'youtube') {
    post.media.push({ key: '', width: 1280, height: 720, alt: null, type: 'video' });
  } else if (post.platform !== 'rss' && rng.chance(imageShare)) {
    const n = purpose?.type === 'exchange' ? 1 : 1 + (rng.chance(0.2) ? 1 : 0);
    for (let i = 0; i < n; i++) {
      post.media.push({
        key: `${post.seq}-${i}`,
        width: rng.pick([1200, 1280, 1600, 2048]),
        height: rng.pick([675, 800, 900, 1200]),
        alt: rng.chance(0.4) ? `Photo: ${sentence(rng, 'en', place).split('.')[0]}` : null,
        type: 'photo',
      });
    }
  }
}
