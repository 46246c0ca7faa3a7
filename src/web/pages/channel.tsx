import { useApi } from '../api.js';
import { DayChart } from '../components/charts.js';
import { usePaged } from '../components/paged.js';
import { PostList } from '../components/post-list.js';
import { Async, Empty, Section, UserText } from '../components/ui.js';
import { fmt2, fmtDateTime, fmtDay, fmtInt, fmtPercent } from '../format.js';
import { Link } from '../router.js';
import type { ChannelResponse, PostItem } from '../types.js';
import { safeUrl } from '../url.js';
import { Counterparts } from './counterparts.js';

function Posts({ data }: { data: ChannelResponse }) {
  const paged = usePaged<PostItem>(`/channels/${data.channel.id}/posts`, {}, data.posts);
  if (!paged.items.length)
    return <Empty>No post of this account has been imported yet. Import its timeline or export.</Empty>;
  return (
    <>
      <PostList posts={paged.items} showChannel={false} />
      {paged.error ? <p className="error">{paged.error.message}</p> : null}
      {paged.hasMore ? (
        <div className="pager">
          <button type="button" className="btn secondary" onClick={paged.more} disabled={paged.loading}>
            {paged.loading ? 'Loading…' : 'More posts'}
          </button>
        </div>
      ) : null}
    </>
  );
}

function ChannelView({ data }: { data: ChannelResponse }) {
  const c = data.channel;
  const p = data.profile;
  const url = safeUrl(c.url);
  const name = p?.displayName ?? c.displayName ?? c.handle ?? `channel ${c.id}`;
  const m = data.metrics;
  return (
    <>
      <h1>
        <UserText text={name} />
      </h1>
      <p className="lead">
        {c.handle ? (
          <>
            @<UserText text={c.handle} />{' '}
          </>
        ) : null}
        on {c.platform}
        {c.actor ? (
          <>
            {' '}
            · <UserText text={c.actor.name} /> ({c.actor.kind}) of{' '}
            <Link to={`/country/${encodeURIComponent(c.actor.sendingCountry)}`}>
              {c.actor.sendingCountry}
            </Link>
            {c.actor.hostCountry ? (
              <>
                {' '}
                in{' '}
                <Link to={`/country/${encodeURIComponent(c.actor.hostCountry)}`}>{c.actor.hostCountry}</Link>
              </>
            ) : null}
          </>
        ) : (
          ' · not in the registry'
        )}
        {url ? (
          <>
            {' '}
            ·{' '}
            <a href={url} rel="noopener noreferrer nofollow" target="_blank">
              profile
            </a>
          </>
        ) : null}
      </p>
      <div className="grid">
        <Section title="Profile" id="profile">
          {p ? (
            <dl className="kv">
              <dt>Followers</dt>
              <dd>{fmtInt(p.followers)}</dd>
              <dt>Following</dt>
              <dd>{fmtInt(p.following)}</dd>
              <dt>Posts (platform count)</dt>
              <dd>{fmtInt(p.postCount)}</dd>
              <dt>Bio</dt>
              <dd>
                <UserText as="p" className="post-text" text={p.bio ?? '—'} />
              </dd>
              {p.location ? (
                <>
                  <dt>Location</dt>
                  <dd>
                    <UserText text={p.location} />
                  </dd>
                </>
              ) : null}
              <dt>Observed</dt>
              <dd>{fmtDateTime(p.observedAt)}</dd>
            </dl>
          ) : (
            <Empty>No profile observation of this account yet (imports with account data add one).</Empty>
          )}
        </Section>
        <Section title="Account metrics over the window" id="counters">
          {m ? (
            <dl className="kv">
              <dt>Window</dt>
              <dd>
                {fmtDay(m.window.from)} – {fmtDay(m.window.to)}
              </dd>
              <dt>Followers (latest known)</dt>
              <dd>{fmtInt(m.followers)}</dd>
              <dt>Follower growth</dt>
              <dd>
                {fmtInt(m.followerGrowth)} ({fmtPercent(m.followerGrowthRate)})
              </dd>
              <dt>Posts</dt>
              <dd>
                {fmtInt(m.posts)} ({fmt2(m.postsPerDay)} per day): {fmtInt(m.originals)} originals,{' '}
                {fmtInt(m.replies)} replies, {fmtInt(m.quotes)} quotes, {fmtInt(m.reposts)} reposts
              </dd>
              <dt>Interactions received</dt>
              <dd>
                {fmtInt(m.interactions)} on {fmtInt(m.measuredPosts)} posts with known counters
              </dd>
              <dt>Interaction rate</dt>
              <dd>{fmtPercent(m.interactionRate)} of followers per post</dd>
              <dt>Responsiveness</dt>
              <dd>{fmt2(m.responsiveness)} replies per original post</dd>
              <dt>Languages</dt>
              <dd>{m.languages.length ? m.languages.join(', ') : '—'}</dd>
              <dt>First seen</dt>
              <dd>{fmtDay(c.firstSeen)}</dd>
              {c.removedOn ? (
                <>
                  <dt>Removed from the registry</dt>
                  <dd>{fmtDay(c.removedOn)}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <Empty>No metrics: this account has no post or follower count in the window.</Empty>
          )}
        </Section>
      </div>
      <div className="grid">
        <Section title="Followers" id="followers">
          {data.followers.length ? (
            <DayChart
              title="Followers over time"
              days={data.followers.map((f) => f.day)}
              series={[{ name: 'Followers', values: data.followers.map((f) => f.followers) }]}
              yName="Followers"
            />
          ) : (
            <Empty>No follower count observed for this account (imports with profile data add them).</Empty>
          )}
        </Section>
        <Section title="Activity" id="channel-activity">
          {data.activity.length ? (
            <DayChart
              title="Posts per day by kind, and interactions"
              days={data.activity.map((d) => d.day)}
              series={[
                { name: 'Originals', type: 'bar', stack: 'k', values: data.activity.map((d) => d.originals) },
                { name: 'Replies', type: 'bar', stack: 'k', values: data.activity.map((d) => d.replies) },
                { name: 'Quotes', type: 'bar', stack: 'k', values: data.activity.map((d) => d.quotes) },
                { name: 'Reposts', type: 'bar', stack: 'k', values: data.activity.map((d) => d.reposts) },
                {
                  name: 'Interactions received',
                  right: true,
                  values: data.activity.map((d) => (d.measuredPosts ? d.interactions : null)),
                },
              ]}
              yName="Posts per day"
              yRightName="Interactions"
            />
          ) : (
            <Empty>No post in the window.</Empty>
          )}
        </Section>
      </div>
      <Section title="Reply and quote counterparts" id="counterparts">
        <Counterparts channelId={c.id} />
      </Section>
      <Section title="Posts (newest first, ★ = star post)" id="posts">
        <Posts data={data} />
      </Section>
    </>
  );
}

export function ChannelPage({ id }: { id: string }) {
  const loaded = useApi<ChannelResponse>(/^\d+$/.test(id) ? `/channels/${id}` : null, { days: 90 });
  if (!/^\d+$/.test(id)) return <p className="error">“{id}” is not a channel id.</p>;
  return (
    <div className="page">
      <Async loaded={loaded} what="the channel">
        {(data) => <ChannelView data={data} />}
      </Async>
    </div>
  );
}
