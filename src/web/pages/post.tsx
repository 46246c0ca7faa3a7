import { useApi } from '../api.js';
import { DayChart } from '../components/charts.js';
import { PostList } from '../components/post-list.js';
import { Async, Empty, Section, UserText } from '../components/ui.js';
import { fmtDateTime } from '../format.js';
import { href, Link } from '../router.js';
import type { PostResponse } from '../types.js';
import { safeUrl } from '../url.js';

function PostView({ data }: { data: PostResponse }) {
  const p = data.post;
  const h = data.metricsHistory;
  return (
    <>
      <h1>
        Post by{' '}
        {data.channel ? (
          <Link to={`/channel/${data.channel.id}`}>
            <UserText
              text={data.channel.displayName ?? data.channel.handle ?? `channel ${data.channel.id}`}
            />
          </Link>
        ) : (
          'an unknown account'
        )}
      </h1>
      <Section title="Post" id="post">
        <PostList posts={[p]} />
        {data.hashtags.length ? (
          <p className="small">
            Hashtags:{' '}
            {data.hashtags.map((t) => (
              <span key={t.tagNorm}>
                <Link to={href('/search', { hashtag: t.tagNorm })}>
                  #<UserText text={t.tag} />
                </Link>{' '}
              </span>
            ))}
          </p>
        ) : null}
        {data.links.length ? (
          <ul className="small">
            {data.links.map((l) => {
              const u = safeUrl(l.expandedUrl ?? l.url);
              return (
                <li key={l.url}>
                  {u ? (
                    <a href={u} rel="noopener noreferrer nofollow" target="_blank">
                      <UserText text={l.expandedUrl ?? l.url} />
                    </a>
                  ) : (
                    <UserText text={l.expandedUrl ?? l.url} />
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </Section>
      <div className="grid">
        <Section title="Counters over time" id="history">
          {h.length > 1 ? (
            <DayChart
              title="Counters at each observation"
              days={h.map((m) => fmtDateTime(m.observedAt))}
              series={(['likes', 'reposts', 'replies', 'quotes'] as const).map((k) => ({
                name: k,
                values: h.map((m) => m[k]),
              }))}
              yName="Count"
            />
          ) : (
            <Empty>
              {h.length ? 'One observation of the counters so far' : 'No counters observed'}: a new import of
              the same post adds one.
            </Empty>
          )}
        </Section>
        <Section title="References" id="refs">
          {data.refs.length || data.referencedBy.length ? (
            <ul className="small">
              {data.refs.map((r) => (
                <li key={`${r.kind}:${r.targetPlatformPostId}`}>
                  {r.kind} to{' '}
                  {r.targetPostId !== null ? (
                    <Link to={`/post/${r.targetPostId}`}>post {r.targetPlatformPostId}</Link>
                  ) : (
                    `post ${r.targetPlatformPostId} (not imported)`
                  )}
                </li>
              ))}
              {data.referencedBy.map((r) => (
                <li key={`by:${r.kind}:${r.postId}`}>
                  <Link to={`/post/${r.postId}`}>{r.kind}</Link> by{' '}
                  <UserText text={r.handle ? `@${r.handle}` : 'unknown'} /> on {fmtDateTime(r.publishedAt)}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>This post neither answers nor is answered by an imported post.</Empty>
          )}
        </Section>
      </div>
    </>
  );
}

export function PostPage({ id }: { id: string }) {
  const loaded = useApi<PostResponse>(/^\d+$/.test(id) ? `/posts/${id}` : null);
  if (!/^\d+$/.test(id)) return <p className="error">“{id}” is not a post id.</p>;
  return (
    <div className="page">
      <Async loaded={loaded} what="the post">
        {(data) => <PostView data={data} />}
      </Async>
    </div>
  );
}
