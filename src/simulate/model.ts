import type { Lang } from './tables.js';
import type { Segment } from './text.js';

export type SimPlatform = 'x' | 'bluesky' | 'mastodon' | 'telegram' | 'rss' | 'youtube';
export type Role = 'registry' | 'synthetic' | 'public' | 'impersonator' | 'personal';
export type SimKind = 'original' | 'reply' | 'quote' | 'repost';

/** One channel of the registry as the simulator reads it (sorted by platform, handle_norm). */
export interface RegistryChannel {
  platform: string;
  handle: string;
  handleNorm: string;
  actorKey: string;
  actorName: string;
  kind: string;
  sending: string;
  host: string | null;
  hostName: string | null;
}

export interface Account {
  index: number;
  platform: SimPlatform;
  role: Role;
  handle: string;
  handleNorm: string;
  userId: string;
  displayName: string;
  bio: string;
  /** Actor kind for registry and synthetic channels; 'public', 'personal', 'impersonator' otherwise. */
  kind: string;
  actorKey: string | null;
  sending: string | null;
  host: string | null;
  hostName: string | null;
  lang: Lang;
  hostLang: Lang;
  utcOffset: number;
  followers0: number;
  following: number;
  postCount0: number;
  /** Median interactions (likes + reposts + replies + quotes) of an ordinary original post. */
  baseline: number;
  /** Relative posting rate (posts/day before scaling to --posts). */
  rate: number;
  avatar: string | null;
  createdAt: string;
  /** For Telegram and RSS channels: the X account they are derived from. */
  derivedFrom: number | null;
  /** From this time on the account posts under a new handle. */
  handleChange: { at: number; handle: string } | null;
  /** Day index from which the account posts nothing (0: dormant for the whole window). */
  dormantFrom: number | null;
  /** Followers per day index (0 … days + 4), filled by the plan. */
  followers: Float64Array;
  /** Posts per day index (regular + planned), cumulative, filled by the plan. */
  cumulative: Int32Array;
  // generation state
  originalsSeen: number;
  /** Final interactions of the last (up to 100) originals, oldest first. */
  recentOriginals: number[];
  telegramNextId: number;
}

export interface Metrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  views: number;
}

export interface Media {
  key: string;
  width: number;
  height: number;
  alt: string | null;
  type: 'photo' | 'video';
}

export interface SimPost {
  seq: number;
  platform: SimPlatform;
  id: string;
  /** Bluesky: the record key; Telegram: the message id; X edits: the id of the first version. */
  localId: string;
  author: Account;
  at: number;
  kind: SimKind;
  lang: string;
  segments: Segment[];
  target: SimPost | null;
  /** The first post of the conversation (replies), or null when this post starts it. */
  root: SimPost | null;
  media: Media[];
  final: Metrics;
  deleted: boolean;
  /** X: id of the version before the edit; the post itself is the edited version. */
  editedFrom: string | null;
  editedAt: number | null;
  /** Accounts (index) that reposted this post, so nobody reposts the same post twice. */
  repostedBy: Set<number> | null;
  /** Telegram forwards: the name of the channel forwarded from. */
  forwardedFrom: string | null;
  /** Telegram replies: the message id replied to (in the same channel). */
  telegramReplyTo: number | null;
  /** Planned posts: what they belong to (truth). */
  planned: PlannedPost | null;
}

export type PlannedPurpose =
  | { type: 'campaign'; campaign: number; role: 'launch' | 'adopt' | 'coopt' }
  | { type: 'exchange'; exchange: number; step: number }
  | { type: 'star'; star: number; multiplier: number }
  | { type: 'breach'; breach: 'internal-politics' | 'commercial-endorsement' }
  | { type: 'impersonation' };

export interface PlannedPost {
  account: Account;
  at: number;
  kind: SimKind;
  purpose: PlannedPurpose;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The handle an account had at time `t` (handle changes). */
export function handleAt(a: Account, t: number): string {
  return a.handleChange && t >= a.handleChange.at ? a.handleChange.handle : a.handle;
}

export function plainText(post: SimPost): string {
  return post.segments.map((s) => s.text).join('');
}
