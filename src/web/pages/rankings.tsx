import { useEffect, useMemo, useState } from 'react';
import { getJson, useApiKeep } from '../api.js';
import { download, toCsv } from '../csv.js';
import { Empty, ErrorBox, ImportHint, Loading } from '../components/ui.js';
import { fmt1, fmt2, fmtDay, fmtInt, fmtPercent, fmtRankChange } from '../format.js';
import { INDICATOR_INFO, INDICATOR_LIST } from '../indicators.js';
import { href, Link, navigate } from '../router.js';
import type { Indicator, RankResponse, RankRow } from '../types.js';

const LEVELS = ['countries', 'channels', 'missions'] as const;
type Level = (typeof LEVELS)[number];
/** Rows the table shows; the CSV download asks for every row. */
const SHOWN_ROWS = 500;
const PLATFORMS = ['', 'x', 'bluesky', 'mastodon', 'telegram', 'youtube', 'rss'];

type SortKey = 'rank' | 'label' | 'score' | 'change' | Indicator;

export function indicatorText(i: Indicator, v: number | null): string {
  return INDICATOR_INFO[i].ratio
    ? fmtPercent(v)
    : i === 'activity' || i === 'responsiveness'
      ? fmt2(v)
      : fmtInt(v);
}

function entityLink(level: Level, r: RankRow) {
  if (level === 'countries') return <Link to={`/country/${encodeURIComponent(r.key)}`}>{r.label}</Link>;
  if (level === 'channels' && r.channelId !== null)
    return <Link to={`/channel/${r.channelId}`}>{r.label}</Link>;
  return <span dir="auto">{r.label}</span>;
}

function ContributionBar({ row }: { row: RankRow }) {
  const parts = INDICATOR_LIST.filter((i) => (row.contributions[i] ?? 0) > 0);
  const title = parts
    .map((i) => `${INDICATOR_INFO[i].label}: ${fmt1(row.contributions[i])} points`)
    .join('; ');
  return (
    <div className="bar" role="img" aria-label={title || 'no contribution'} title={title}>
      {parts.map((i) => (
        <span key={i} style={{ width: `${row.contributions[i]!}%`, background: INDICATOR_INFO[i].color }} />
      ))}
    </div>
  );
}

function sortRows(rows: RankRow[], key: SortKey, desc: boolean): RankRow[] {
  const value = (r: RankRow): number | string | null => {
    if (key === 'rank') return r.rank;
    if (key === 'label') return r.label;
    if (key === 'score') return r.score;
    if (key === 'change') return r.rankChange;
    return r.indicators[key];
  };
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Unknown values go last whichever way the column is sorted.
    if (va === null && vb === null) return a.key.localeCompare(b.key);
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return (desc ? -c : c) || a.key.localeCompare(b.key);
  });
}

function rankingCsv(r: RankResponse): string {
  const header = [
    'rank',
    'key',
    'label',
    'score',
    'rank_change',
    ...INDICATOR_LIST.map((i) => `${i}_value`),
    ...INDICATOR_LIST.map((i) => `${i}_points`),
    'missing',
    'channels',
    'weights_version',
    'window_from',
    'window_to',
  ];
  const rows = r.rows.map((row) => [
    row.rank,
    row.key,
    row.label,
    row.score,
    row.rankChange,
    ...INDICATOR_LIST.map((i) => row.indicators[i]),
    ...INDICATOR_LIST.map((i) => row.contributions[i]),
    row.missing.join(' '),
    row.coverage.channels,
    r.weights.version,
    r.window.from,
    r.window.to,
  ]);
  return toCsv(header, rows);
}

export function RankingsPage({ query }: { query: URLSearchParams }) {
  const level = (LEVELS as readonly string[]).includes(query.get('level') ?? '')
    ? (query.get('level') as Level)
    : 'countries';
  const days = Number(query.get('days')) || 30;
  const platform = query.get('platform') ?? '';
  const host = (query.get('host') ?? '').toUpperCase();
  const setQuery = (patch: Record<string, string | number>) =>
    navigate(href('/rankings', { level, days, platform, host, ...patch }), true);

  const [weights, setWeights] = useState<Partial<Record<Indicator, number>>>({});
  const [sent, setSent] = useState<Partial<Record<Indicator, number>>>({});
  // Sliders move freely; the API is asked again once they rest for 150 ms.
  useEffect(() => {
    const t = window.setTimeout(() => setSent(weights), 150);
    return () => window.clearTimeout(t);
  }, [weights]);
  const weightQuery = Object.fromEntries(Object.entries(sent).map(([k, v]) => [`w.${k}`, v]));
  const needsHost = level === 'missions' && !host;
  const rankQuery = { days, platform, host, ...weightQuery };
  // The table shows the first rows (every channel is thousands of rows, megabytes of JSON); the CSV has all.
  const loaded = useApiKeep<RankResponse>(needsHost ? null : `/rank/${level}`, {
    ...rankQuery,
    limit: SHOWN_ROWS,
  });
  const [csvState, setCsvState] = useState<'idle' | 'preparing' | 'failed'>('idle');
  const downloadCsv = async (shown: RankResponse) => {
    setCsvState('preparing');
    try {
      const all =
        shown.total > shown.rows.length ? await getJson<RankResponse>(`/rank/${level}`, rankQuery) : shown;
      download(`attache-ranking-${level}-${all.window.to}.csv`, rankingCsv(all));
      setCsvState('idle');
    } catch {
      setCsvState('failed');
    }
  };
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'rank', desc: false });
  const data = loaded.state === 'ready' ? loaded.data : null;
  const rows = useMemo(() => (data ? sortRows(data.rows, sort.key, sort.desc) : []), [data, sort]);

  const published = data?.weights.values;
  const weightOf = (i: Indicator) => weights[i] ?? published?.[i] ?? 0;
  const header = (key: SortKey, label: string, numeric = true) => {
    const active = sort.key === key;
    return (
      <th
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
        scope="col"
      >
        <button
          type="button"
          onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'rank' && key !== 'label' })}
        >
          {label}
          {active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <div className="page">
      <h1>Rankings</h1>
      <p className="lead">
        Each indicator is turned into a percentile rank (0–100) among the ranked entities and weighted; the
        score is the weighted mean over the indicators an entity has.{' '}
        <Link to="/methodology">Methodology</Link> · <a href="/api/openapi.json">API</a>
      </p>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Rank
          <select value={level} onChange={(e) => setQuery({ level: e.target.value })} name="level">
            <option value="countries">countries</option>
            <option value="channels">channels</option>
            <option value="missions">missions in a host country</option>
          </select>
        </label>
        <label>
          Window
          <select value={days} onChange={(e) => setQuery({ days: e.target.value })} name="days">
            <option value={7}>7 days</option>
            <option value={30}>30 days</option>
            <option value={90}>90 days</option>
          </select>
        </label>
        <label>
          Platform
          <select value={platform} onChange={(e) => setQuery({ platform: e.target.value })} name="platform">
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p || 'all platforms'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Host country (code)
          <input
            type="text"
            name="host"
            defaultValue={host}
            placeholder="e.g. JP"
            size={6}
            onBlur={(e) => setQuery({ host: e.target.value.trim() })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setQuery({ host: e.currentTarget.value.trim() });
            }}
          />
        </label>
        <button
          type="button"
          className="btn secondary"
          disabled={!data || csvState === 'preparing'}
          onClick={() => data && void downloadCsv(data)}
        >
          {csvState === 'preparing' ? 'Preparing the CSV…' : 'Download CSV'}
        </button>
        {csvState === 'failed' ? (
          <span className="small" role="alert">
            The CSV could not be prepared; try again.
          </span>
        ) : null}
      </form>

      <fieldset className="card">
        <legend>Weights {data ? <span className="muted small">({data.weights.version})</span> : null}</legend>
        <div className="sliders">
          {INDICATOR_LIST.map((i) => (
            <label key={i} title={data?.weights.reasons[i]}>
              <span>
                <span className="swatch" style={{ background: INDICATOR_INFO[i].color }} />
                {INDICATOR_INFO[i].label}: <output>{fmt2(weightOf(i))}</output>
              </span>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={weightOf(i)}
                disabled={!published}
                aria-label={`weight of ${INDICATOR_INFO[i].label}`}
                data-indicator={i}
                onChange={(e) => setWeights({ ...weights, [i]: Number(e.target.value) })}
              />
            </label>
          ))}
        </div>
        <p>
          <button type="button" className="btn secondary" onClick={() => setWeights({})}>
            Reset to the published weights
          </button>{' '}
          {loaded.stale ? (
            <span className="muted small" role="status">
              recomputing…
            </span>
          ) : null}
        </p>
      </fieldset>

      {needsHost ? (
        <Empty>Missions are ranked within one host country: enter its code (e.g. JP, BE, US) above.</Empty>
      ) : loaded.state === 'loading' ? (
        <Loading what="the ranking" />
      ) : loaded.state === 'error' ? (
        <ErrorBox error={loaded.error} />
      ) : !rows.length ? (
        <Empty>
          Nothing to rank: no registry channel in scope has posts or follower counts in this window.{' '}
          <ImportHint />
        </Empty>
      ) : (
        <>
          <p className="small muted">
            {loaded.data.total > rows.length
              ? `The top ${fmtInt(rows.length)} of ${fmtInt(loaded.data.total)} ${level} by score (the CSV holds all), `
              : `${fmtInt(rows.length)} ${level}, `}
            {fmtDay(loaded.data.window.from)} – {fmtDay(loaded.data.window.to)}; change against{' '}
            {fmtDay(loaded.data.previousWindow.from)} – {fmtDay(loaded.data.previousWindow.to)}.{' '}
            {loaded.data.notes.join(' ')} Unknown values show as —, never as 0.
          </p>
          <div className="legend" aria-hidden="true">
            {INDICATOR_LIST.map((i) => (
              <span key={i}>
                <span className="swatch" style={{ background: INDICATOR_INFO[i].color }} />
                {INDICATOR_INFO[i].label}
              </span>
            ))}
          </div>
          <div className="table-wrap">
            <table data-testid="ranking-table">
              <caption className="small muted" style={{ textAlign: 'left' }}>
                Points per indicator add up to the score; click a column to sort the rows shown.
              </caption>
              <thead>
                <tr>
                  {header('rank', '#')}
                  {header('change', 'Change')}
                  {header('label', 'Name', false)}
                  {header('score', 'Score')}
                  <th scope="col">Contributions</th>
                  {INDICATOR_LIST.map((i) => (
                    <th key={i} className="num hide-narrow" scope="col" title={INDICATOR_INFO[i].unit}>
                      <button
                        type="button"
                        onClick={() => setSort({ key: i, desc: sort.key === i ? !sort.desc : true })}
                      >
                        {INDICATOR_INFO[i].label}
                        {sort.key === i ? (sort.desc ? ' ▼' : ' ▲') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <td className="num">{fmtInt(r.rank)}</td>
                    <td
                      className={`num ${r.rankChange && r.rankChange > 0 ? 'up' : r.rankChange && r.rankChange < 0 ? 'down' : ''}`}
                    >
                      {fmtRankChange(r.rankChange)}
                    </td>
                    <td className="name">{entityLink(level, r)}</td>
                    <td className="num">{fmt1(r.score)}</td>
                    <td>
                      <ContributionBar row={r} />
                    </td>
                    {INDICATOR_LIST.map((i) => (
                      <td
                        key={i}
                        className="num hide-narrow"
                        title={`${INDICATOR_INFO[i].unit}; ${fmt1(r.contributions[i])} points`}
                      >
                        {indicatorText(i, r.indicators[i])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
