import { useMemo } from 'react';
import { useApi } from '../api.js';
import { Chart } from '../components/chart.js';
import { DayChart } from '../components/charts.js';
import type { ChartOption } from '../components/echarts.js';
import { StarList } from '../components/star-list.js';
import { Async, Empty, ImportHint, Section, UserText } from '../components/ui.js';
import { WorldMap } from '../components/world-map.js';
import { fmt1, fmt2, fmtDay, fmtInt } from '../format.js';
import { INDICATOR_INFO, INDICATOR_LIST } from '../indicators.js';
import { Link, navigate } from '../router.js';
import type { CountryResponse, StarsResponse } from '../types.js';
import { indicatorText } from './rankings.js';

function VsMedian({ ranking }: { ranking: NonNullable<CountryResponse['ranking']> }) {
  const known = INDICATOR_LIST.filter((i) => ranking.indicators[i] !== null && ranking.median[i]);
  const option = useMemo<ChartOption>(
    () => ({
      title: {
        text: 'Indicators as a multiple of the median country',
        left: 'center',
        textStyle: { fontSize: 14 },
      },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${fmt2(v)} × the median` : 'unknown'),
      },
      grid: { left: 120, right: 30, top: 48, bottom: 44 },
      xAxis: {
        type: 'log',
        name: 'Country ÷ median country (×, log scale; 1 = median)',
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { formatter: (v: number) => `${fmt2(v)}×` },
      },
      yAxis: { type: 'category', data: known.map((i) => INDICATOR_INFO[i].label), name: 'Indicator' },
      series: [
        {
          type: 'bar',
          name: 'Country ÷ median',
          data: known.map((i) => ({
            value: Math.max(ranking.indicators[i]! / ranking.median[i]!, 0.01),
            itemStyle: { color: INDICATOR_INFO[i].color },
          })),
          markLine: { silent: true, symbol: 'none', data: [{ xAxis: 1 }], lineStyle: { color: '#333' } },
        },
      ],
    }),
    [known, ranking],
  );
  return (
    <>
      <div className="table-wrap">
        <table data-testid="vs-median">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col" className="num">
                This country
              </th>
              <th scope="col" className="num">
                Median country
              </th>
              <th scope="col">Unit</th>
            </tr>
          </thead>
          <tbody>
            {INDICATOR_LIST.map((i) => (
              <tr key={i}>
                <td>{INDICATOR_INFO[i].label}</td>
                <td className="num">{indicatorText(i, ranking.indicators[i])}</td>
                <td className="num">{indicatorText(i, ranking.median[i])}</td>
                <td className="small muted">{INDICATOR_INFO[i].unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {known.length ? (
        <Chart option={option} label="Indicators of the country as multiples of the median" height={300} />
      ) : null}
    </>
  );
}

/** The country's followers per platform: each channel's latest observation carried forward, summed. */
function Followers({ rows }: { rows: CountryResponse['followers'] }) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  const series = platforms.map((platform) => {
    const byDay = new Map(rows.filter((r) => r.platform === platform).map((r) => [r.day, r]));
    const observed = Math.max(...[...byDay.values()].map((r) => r.channels));
    return {
      name: `${platform} (${fmtInt(observed)} channel${observed === 1 ? '' : 's'})`,
      values: days.map((d) => byDay.get(d)?.followers ?? null),
    };
  });
  return (
    <>
      <DayChart
        title="Followers by platform (sum over the country's channels)"
        days={days}
        series={series}
        yName="Followers"
      />
      <p className="small muted">
        Each channel counts with its latest observation on or before the day; a step up can be a channel
        observed for the first time.
      </p>
    </>
  );
}

function CountryView({ data }: { data: CountryResponse }) {
  const stars = useApi<StarsResponse>('/stars', { country: data.country.code, days: 30, limit: 5 });
  const r = data.ranking;
  const byPlatform = new Map<string, CountryResponse['channels']>();
  for (const c of data.channels) byPlatform.set(c.platform, [...(byPlatform.get(c.platform) ?? []), c]);
  const actors = new Map(data.actors.map((a) => [a.id, a]));
  return (
    <>
      <h1>
        <UserText text={data.country.name} /> <span className="muted">({data.country.code})</span>
      </h1>
      <p className="lead">
        {data.country.kind} · {fmtInt(data.actors.length)} actors · {fmtInt(data.channels.length)} channels ·{' '}
        {fmtInt(data.hostedActors)} foreign actors accredited here
        {r && r.rank !== null ? (
          <>
            {' '}
            · rank <strong>{fmtInt(r.rank)}</strong> of {fmtInt(r.of)} (score {fmt1(r.score)},{' '}
            {fmtDay(r.window.from)} – {fmtDay(r.window.to)}, <Link to="/rankings">rankings</Link>)
          </>
        ) : null}
      </p>
      <div className="grid">
        <Section title="Indicators against the median country" id="median">
          {r ? (
            <VsMedian ranking={r} />
          ) : (
            <Empty>
              No ranking data yet. <ImportHint />
            </Empty>
          )}
        </Section>
        <Section title="Activity" id="country-activity">
          {data.activity.length ? (
            <DayChart
              title="Posts and interactions per day"
              days={data.activity.map((d) => d.day)}
              series={[
                { name: 'Posts', type: 'bar', values: data.activity.map((d) => d.posts) },
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
            <Empty>
              No post of this country's channels in the window. <ImportHint />
            </Empty>
          )}
        </Section>
      </div>
      <Section title="Followers" id="country-followers">
        {data.followers.length ? (
          <Followers rows={data.followers} />
        ) : (
          <Empty>
            No follower observation of this country's channels yet. <ImportHint />
          </Empty>
        )}
      </Section>
      <Section title="Where its missions are" id="missions">
        {data.missions.length ? (
          <WorldMap
            title="Host countries of its missions (number of actors)"
            valueName="actors accredited"
            values={data.missions.map((m) => ({ code: m.host, label: m.name ?? m.host, value: m.actors }))}
            min={0}
            max={Math.max(...data.missions.map((m) => m.actors))}
            onSelect={(code) => navigate(`/country/${encodeURIComponent(code)}`)}
          />
        ) : (
          <Empty>No mission of this country abroad in the registry.</Empty>
        )}
      </Section>
      <div className="grid">
        <Section title="Channels by platform" id="channels">
          {byPlatform.size ? (
            [...byPlatform].map(([platform, list]) => (
              <details key={platform} open={byPlatform.size <= 3}>
                <summary>
                  {platform} ({fmtInt(list.length)})
                </summary>
                <ul className="small">
                  {list.slice(0, 200).map((c) => (
                    <li key={c.id}>
                      <Link to={`/channel/${c.id}`}>
                        <UserText text={c.handle ? `@${c.handle}` : (c.displayName ?? `channel ${c.id}`)} />
                      </Link>
                      {c.actorId !== null && actors.get(c.actorId) ? (
                        <span className="muted">
                          {' '}
                          — <UserText text={actors.get(c.actorId)!.name} />
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            ))
          ) : (
            <Empty>No channel of this country in the registry.</Empty>
          )}
        </Section>
        <Section title="Top posts (star posts, 30 days)" id="top-posts">
          <Async loaded={stars} what="top posts">
            {(s) => <StarList stars={s.stars} />}
          </Async>
        </Section>
      </div>
    </>
  );
}

export function CountryPage({ code }: { code: string }) {
  const loaded = useApi<CountryResponse>(`/countries/${encodeURIComponent(code)}`, { days: 30 });
  return (
    <div className="page">
      <Async loaded={loaded} what="the country">
        {(data) => <CountryView data={data} />}
      </Async>
    </div>
  );
}
