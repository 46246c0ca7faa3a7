import { fmt1, fmtDateTime, fmtInt } from '../format.js';
import { Link } from '../router.js';
import type { PostItem } from '../types.js';
import { safeUrl } from '../url.js';
import { UserText } from './ui.js';

/** The star rule of docs/methodology.md with its defaults: ≥ 3× the median of ≥ 10 previous posts. */
export const isStar = (p: PostItem) =>
  p.score !== null && p.score.ratio !== null && p.score.ratio >= 3 && p.score.baselinePosts >= 10;

function Metrics({ post }: { post: PostItem }) {
  const m = post.metrics;
  if (!m) return <span>metrics unknown (the source gave none)</span>;
  const parts: [string, number | null][] = [
    ['likes', m.likes],
    ['reposts', m.reposts],
    ['replies', m.replies],
    ['quotes', m.quotes],
    ['views', m.views],
  ];
  return (
    <>
      {parts
        .filter(([, v]) => v !== null)
        .map(([k, v]) => (
          <span key={k}>
            {fmtInt(v)} {k}
          </span>
        ))}
    </>
  );
}

/** Posts with their account, time, kind, text (as text), latest counters and star mark. */
export function PostList({ posts, showChannel = true }: { posts: PostItem[]; showChannel?: boolean }) {
  return (
    <ol className="posts" data-testid="posts">
      {posts.map((p) => {
        const star = isStar(p);
        const url = safeUrl(p.url);
        return (
          <li key={p.id} className="post" data-post-id={p.id}>
            <div className="post-head">
              {star ? (
                <span className="star" title="star post: far above the account's usual interactions">
                  ★ {fmt1(p.score!.ratio)}×
                </span>
              ) : null}
              {showChannel ? (
                p.channelId !== null ? (
                  <Link to={`/channel/${p.channelId}`}>
                    @<UserText text={p.handle ?? String(p.channelId)} />
                  </Link>
                ) : (
                  <span>
                    @<UserText text={p.handle ?? 'unknown'} />
                  </span>
                )
              ) : null}
              <span>{p.platform}</span>
              <span className="tag">{p.kind}</span>
              {p.lang ? <span>{p.lang}</span> : null}
              <time dateTime={p.publishedAt}>{fmtDateTime(p.publishedAt)}</time>
              {p.deletedAt ? <span className="down">deleted</span> : null}
              {p.editedAt ? <span>edited</span> : null}
            </div>
            {p.text ? (
              <UserText as="p" className="post-text" text={p.text} />
            ) : (
              <p className="muted small">(no text)</p>
            )}
            <div className="metrics">
              <Metrics post={p} />
              <Link to={`/post/${p.id}`}>details</Link>
              {url ? (
                <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                  original
                </a>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
