import { fmt1, fmtDateTime, fmtInt } from '../format.js';
import { Link } from '../router.js';
import type { StarItem } from '../types.js';
import { Empty, UserText } from './ui.js';

/** Star posts: interactions far above the account's usual (docs/methodology.md, "Star posts"). */
export function StarList({ stars }: { stars: StarItem[] }) {
  if (!stars.length)
    return (
      <Empty>
        No star post in this window: none did at least three times its account's median, or the accounts have
        too few earlier posts with known interactions. Import posts with metrics (twarc2, Bluesky, Mastodon)
        to see them.
      </Empty>
    );
  return (
    <ol className="posts" data-testid="stars">
      {stars.map((s) => (
        <li key={s.postId} className="post">
          <div className="post-head">
            <span className="star" aria-label="star post">
              ★ {fmt1(s.ratio)}×
            </span>
            <Link to={`/channel/${s.channelId}`}>
              <UserText text={s.actorName ?? s.handle ?? `channel ${s.channelId}`} />
            </Link>
            {s.handle ? (
              <span>
                @<UserText text={s.handle} />
              </span>
            ) : null}
            <span>{s.platform}</span>
            <span>{fmtDateTime(s.publishedAt)}</span>
          </div>
          {s.text ? <UserText as="p" className="post-text" text={s.text} /> : null}
          <div className="metrics">
            <span>
              {fmtInt(s.interactions)} interactions vs a median of {fmt1(s.baselineMedian)} over{' '}
              {fmtInt(s.baselinePosts)} earlier posts
            </span>
            {s.followers.excess !== null ? (
              <span>followers beyond trend in 48 h: {fmtInt(s.followers.excess)}</span>
            ) : null}
            <Link to={`/post/${s.postId}`}>open post</Link>
          </div>
        </li>
      ))}
    </ol>
  );
}
