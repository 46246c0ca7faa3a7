import { useMemo } from 'react';
import { useApi } from '../api.js';
import { Chart } from '../components/chart.js';
import type { ChartOption } from '../components/echarts.js';
import { StarList } from '../components/star-list.js';
import { Async, Empty, ImportHint, Section } from '../components/ui.js';
import { WorldMap } from '../components/world-map.js';
import { fmt1, fmtDay, fmtInt, fmtRankChange } from '../format.js';
import { href, Link, navigate } from '../router.js';
import type { ActivityResponse, RankResponse, RankRow, StarsResponse } from '../types.js';

function Movers({ rows }: { rows: RankRow[] }) {
  const moved = rows.filter((r) => r.rankChange !== null && r.rankChange !== 0);
  const up = [...moved]
    .sort((a, b) => b.rankChange! - a.rankChange! || a.key.localeCompare(b.key))
    .slice(0, 5);
  const down = [...moved]
    .sort((a, b) => a.rankChange! - b.rankChange! || a.key.localeCompare(b.key))
    .slice(0, 5);
  if (!moved.length)
    return (
      <Empty>No country changed rank against the previous window (or there is no previous window yet).</Empty>
    );
  const list = (items: RankRow[], title: string) => (
    <div>
      <h3 className="small muted">{title}</h3>
      <ol className="small" data-testid="movers">
        {items.map((r) => (
          <li key={r.key}>
            <Link to={`/country/${encodeURIComponent(r.key)}`}>{r.label}</Link>{' '}
            <span className={r.rankChange! > 0 ? 'up' : 'down'}>{fmtRankChange(r.rankChange)}</span>{' '}
            <span className="muted">
              (now #{fmtInt(r.rank)}, was #{fmtInt(r.previousRank)})
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
  return (
    <div className="grid">
      {list(
        up.filter((r) => r.rankChange! > 0),
        'Up most',
      )}
      {list(
        down.filter((r) => r.rankChange! < 0),
        'Down most',
      )}
    </div>
  );
}

function ActivityChart({ data }: { data: ActivityResponse }) {
  const option = useMemo<ChartOption>(() => {
    const platforms = [...new Set(data.days.flatMap((d) => Object.keys(d.byPlatform)))].sort();
    return {
      title: { text: 'Posts per day by platform', left: 'center', textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmtInt(typeof v === 'number' ? v : null) },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 60, right: 20, top: 50, bottom: 70 },
      xAxis: {
        type: 'category',
        name: 'Day (UTC)',
        nameLocation: 'middle',
        nameGap: 28,
        data: data.days.map((d) => d.day),
        axisLabel: { formatter: (v: string) => fmtDay(v) },
      },
      yAxis: {
        type: 'value',
        name: 'Posts',
        nameLocation: 'middle',
        nameGap: 45,
        axisLabel: { formatter: (v: number) => fmtInt(v) },
      },
      series: platforms.map((p) => ({
        type: 'bar',
        stack: 'posts',
        name: p,
        data: data.days.map((d) => d.byPlatform[p] ?? 0),
      })),
    };
  }, [data]);
  if (!data.days.length)
    return (
      <Empty>
        No posts yet. <ImportHint />
      </Empty>
    );
  return <Chart option={option} label="Posts per day by platform, stacked bars" />;
}

export function OverviewPage() {
  const ranking = useApi<RankResponse>('/rank/countries', { days: 30 });
  const stars = useApi<StarsResponse>('/stars', { days: 7 });
  const activity = useApi<ActivityResponse>('/activity', { days: 30 });
  return (
    <div className="page">
      <h1>Overview</h1>
      <Section title="Country index" id="map">
        <Async loaded={ranking} what="the country ranking">
          {(r) =>
            r.rows.length ? (
              <>
                <p className="lead small">
                  Score 0–100 over {fmtInt(r.window.days)} days ({fmtDay(r.window.from)} –{' '}
                  {fmtDay(r.window.to)}), weights {r.weights.version}. Grey: no registry channel with data.
                  Click a country to open it; <Link to="/rankings">the full table</Link> lists every score and{' '}
                  <Link to="/methodology">the methodology</Link> how it is computed.
                </p>
                <WorldMap
                  title={`Country index, last ${fmtInt(r.window.days)} days`}
                  valueName="index, 0–100"
                  values={r.rows.map((row) => ({ code: row.key, label: row.label, value: row.score }))}
                  onSelect={(code) => navigate(`/country/${encodeURIComponent(code)}`)}
                />
                <p className="small muted">
                  Top 5:{' '}
                  {r.rows.slice(0, 5).map((row, i) => (
                    <span key={row.key}>
                      {i ? ', ' : ''}
                      <Link to={`/country/${encodeURIComponent(row.key)}`}>{row.label}</Link> (
                      {fmt1(row.score)})
                    </span>
                  ))}
                </p>
              </>
            ) : (
              <Empty>
                No country can be ranked yet: the ranking needs posts or follower counts of registry channels.{' '}
                <ImportHint />
              </Empty>
            )
          }
        </Async>
      </Section>
      <div className="grid">
        <Section title="Top movers (country rank vs the previous window)" id="movers">
          <Async loaded={ranking} what="the movers">
            {(r) => <Movers rows={r.rows} />}
          </Async>
        </Section>
        <Section title="This week's star posts" id="stars">
          <Async loaded={stars} what="star posts">
            {(s) => (
              <>
                <StarList stars={s.stars.slice(0, 8)} />
                <p className="small">
                  <Link to={href('/search', { sort: 'stars' })}>Search posts</Link> ·{' '}
                  <Link to="/methodology">how stars are scored</Link>
                </p>
              </>
            )}
          </Async>
        </Section>
      </div>
      <Section title="Activity over time" id="activity">
        <Async loaded={activity} what="activity">
          {(a) => <ActivityChart data={a} />}
        </Async>
      </Section>
    </div>
  );
}
