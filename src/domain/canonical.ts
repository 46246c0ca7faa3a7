/** The canonical records every connector's pure `map` produces (ARCHITECTURE §3). Ids are strings. */

export type PostKind = 'original' | 'reply' | 'quote' | 'repost';

export interface AuthorRef {
  platformUserId: string | null;
  handle: string | null;
}

export interface PostMetrics {
  observedAt: string;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  views: number | null;
  bookmarks: number | null;
}

export interface CanonicalPost {
  platform: string;
  platformPostId: string;
  author: AuthorRef;
  publishedAt: string;
  kind: PostKind;
  text: string | null;
  lang: string | null;
  /** Set by the ingest step when it detected `lang` itself; absent means the platform gave it. */
  langSource?: 'platform' | 'detected';
  url: string | null;
  conversationId: string | null;
  editHistoryIds: string[] | null;
  editedAt: string | null;
  deletedAt: string | null;
  withheldIn: string[] | null;
  refs: { kind: 'reply' | 'quote' | 'repost'; targetId: string }[];
  hashtags: { tag: string; norm: string }[];
  mentions: { handle: string; norm: string; platformUserId: string | null }[];
  links: { url: string; expandedUrl: string | null; domain: string | null }[];
  media: {
    kind: 'image' | 'video' | 'gif' | 'audio' | 'file' | 'other';
    platformMediaId: string | null;
    url: string | null;
    altText: string | null;
    width: number | null;
    height: number | null;
    durationMs: number | null;
  }[];
  metrics: PostMetrics | null;
  /** Where the post was tagged (X places); absent or null when the source gives none. */
  place?: { id: string; name: string | null; countryCode: string | null } | null;
}

/** One observation of an account (profile and counters); NULL where the source does not say. */
export interface CanonicalAccount {
  platform: string;
  platformUserId: string | null;
  handle: string | null;
  displayName: string | null;
  observedAt: string;
  followers: number | null;
  following: number | null;
  postCount: number | null;
  bio: string | null;
  location: string | null;
  avatarUrl: string | null;
  verified: boolean | null;
}

export interface MapIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  recordKey: string | null;
}

export interface MapOutput {
  posts: CanonicalPost[];
  accounts: CanonicalAccount[];
  issues: MapIssue[];
}
