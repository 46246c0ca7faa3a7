import type { Queryable } from '../db/database.js';
import type { CanonicalPost } from '../domain/canonical.js';
import type { PendingItem } from './batch.js';
import type { WriteContext } from './writer.js';

export interface NewPost {
  id: number;
  post: CanonicalPost;
  item: PendingItem;
  channelId: number | null;
}

/** COPY of new posts and their references, hashtags, mentions, links and media. */
export async function copyPosts(
  tx: Queryable,
  posts: readonly NewPost[],
  rawId: ReadonlyMap<PendingItem, number>,
  ctx: WriteContext,
): Promise<void> {
  const now = ctx.now.toISOString();
  await tx.copyFrom(
    'posts',
    [
      'id',
      'platform',
      'platform_post_id',
      'channel_id',
      'dataset_id',
      'published_at',
      'kind',
      'text',
      'lang',
      'lang_source',
      'url',
      'conversation_id',
      'edit_history_ids',
      'edited_at',
      'deleted_at',
      'withheld_in',
      'has_media',
      'raw_record_id',
      'first_seen_at',
      'place',
    ],
    posts.map(({ id, post: p, item, channelId }) => [
      id,
      p.platform,
      p.platformPostId,
      channelId,
      ctx.datasetId,
      p.publishedAt,
      p.kind,
      p.text,
      p.lang,
      p.lang ? (p.langSource ?? 'platform') : null,
      p.url,
      p.conversationId,
      p.editHistoryIds,
      p.editedAt,
      p.deletedAt,
      p.withheldIn,
      p.media.length > 0,
      rawId.get(item) ?? null,
      now,
      p.place ?? null,
    ]),
  );
  const refs: unknown[][] = [];
  const tags: unknown[][] = [];
  const mentions: unknown[][] = [];
  const links: unknown[][] = [];
  const media: unknown[][] = [];
  for (const { id, post: p } of posts) {
    const seenRefs = new Set<string>();
    for (const r of p.refs) {
      const k = `${r.kind}\u0000${r.targetId}`;
      if (seenRefs.has(k)) continue;
      seenRefs.add(k);
      refs.push([id, r.kind, r.targetId]);
    }
    p.hashtags.forEach((h, i) => tags.push([id, i, h.tag, h.norm]));
    p.mentions.forEach((m, i) =>
      mentions.push([
        id,
        i,
        m.handle,
        m.norm,
        m.platformUserId,
        ctx.resolver.lookup(p.platform, m.platformUserId, m.handle),
      ]),
    );
    p.links.forEach((l, i) => links.push([id, i, l.url, l.expandedUrl, l.domain]));
    p.media.forEach((m, i) =>
      media.push([id, i, m.kind, m.platformMediaId, m.url, m.altText, m.width, m.height, m.durationMs]),
    );
  }
  await tx.copyFrom('post_refs', ['post_id', 'ref_kind', 'target_platform_post_id'], refs);
  await tx.copyFrom('post_hashtags', ['post_id', 'position', 'tag', 'tag_norm'], tags);
  await tx.copyFrom(
    'post_mentions',
    ['post_id', 'position', 'handle', 'handle_norm', 'platform_user_id', 'target_channel_id'],
    mentions,
  );
  await tx.copyFrom('post_links', ['post_id', 'position', 'url', 'expanded_url', 'domain'], links);
  await tx.copyFrom(
    'post_media',
    [
      'post_id',
      'position',
      'media_kind',
      'platform_media_id',
      'url',
      'alt_text',
      'width',
      'height',
      'duration_ms',
    ],
    media,
  );
}
