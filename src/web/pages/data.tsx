import { useState } from 'react';
import { useApi } from '../api.js';
import { usePaged } from '../components/paged.js';
import { Async, Empty, ImportHint, Section, UserText } from '../components/ui.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { Link } from '../router.js';
import type { CoverageResponse, DatasetsResponse, RunIssuesResponse, RunsResponse } from '../types.js';

type Run = RunsResponse['items'][number];
type Issue = RunIssuesResponse['items'][number];
type Coverage = CoverageResponse['items'][number];

function Issues({ run }: { run: Run }) {
  const issues = usePaged<Issue>(`/runs/${run.id}/issues`, {});
  if (issues.error) return <p className="error">{issues.error.message}</p>;
  if (issues.loading && !issues.items.length) return <p className="loading">Loading issues…</p>;
  return (
    <div className="table-wrap">
      <table className="small">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Code</th>
            <th scope="col">Where</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {issues.items.map((i) => (
            <tr key={i.id}>
              <td>{i.severity}</td>
              <td>
                <code>{i.code}</code>
              </td>
              <td>
                <UserText
                  text={[i.file, i.line !== null ? `line ${i.line}` : null].filter(Boolean).join(':') || '—'}
                />
              </td>
              <td>
                <UserText text={i.message} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.hasMore ? (
        <button type="button" className="btn secondary" onClick={issues.more} disabled={issues.loading}>
          More issues
        </button>
      ) : null}
    </div>
  );
}

function Runs() {
  const runs = usePaged<Run>('/runs', {});
  const [open, setOpen] = useState<number | null>(null);
  if (runs.error) return <p className="error">{runs.error.message}</p>;
  if (runs.loading && !runs.items.length) return <p className="loading">Loading runs…</p>;
  if (!runs.items.length)
    return (
      <Empty>
        Nothing imported yet. <ImportHint />
      </Empty>
    );
  return (
    <>
      <div className="table-wrap">
        <table data-testid="runs">
          <thead>
            <tr>
              <th scope="col" className="num">
                Run
              </th>
              <th scope="col">Kind</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col" className="num">
                Accepted
              </th>
              <th scope="col" className="num">
                Duplicates
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
              <th scope="col" className="num">
                Issues
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.items.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td>{r.kind}</td>
                <td>
                  <UserText text={r.source} />
                </td>
                <td>{r.status}</td>
                <td>{fmtDateTime(r.startedAt)}</td>
                <td className="num">{fmtInt(r.accepted)}</td>
                <td className="num">{fmtInt(r.duplicates)}</td>
                <td className="num">{fmtInt(r.skipped)}</td>
                <td className="num">
                  {r.issues ? (
                    <button
                      type="button"
                      className="btn secondary"
                      aria-expanded={open === r.id}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                    >
                      {fmtInt(r.issues)} {open === r.id ? '▲' : '▼'}
                    </button>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open !== null ? (
        <section className="card" aria-label={`Issues of run ${open}`}>
          <h3>Issues of run {open}</h3>
          <Issues run={runs.items.find((r) => r.id === open)!} />
        </section>
      ) : null}
      {runs.hasMore ? (
        <button type="button" className="btn secondary" onClick={runs.more} disabled={runs.loading}>
          More runs
        </button>
      ) : null}
    </>
  );
}

function CoverageTable() {
  const [platform, setPlatform] = useState('');
  const rows = usePaged<Coverage>('/coverage', { platform, registry: 'true' });
  const gaps = new Map<string, { channels: number; withoutPosts: number; missing: Map<string, number> }>();
  for (const c of rows.items) {
    const g = gaps.get(c.platform) ?? { channels: 0, withoutPosts: 0, missing: new Map() };
    g.channels++;
    if (!c.posts) g.withoutPosts++;
    for (const m of c.missing) g.missing.set(m, (g.missing.get(m) ?? 0) + 1);
    gaps.set(c.platform, g);
  }
  return (
    <>
      <div className="controls">
        <label>
          Platform
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {['', 'x', 'bluesky', 'mastodon', 'telegram', 'youtube', 'rss'].map((p) => (
              <option key={p} value={p}>
                {p || 'all'}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.error ? <p className="error">{rows.error.message}</p> : null}
      {rows.loading && !rows.items.length ? <p className="loading">Loading coverage…</p> : null}
      {gaps.size ? (
        <div className="table-wrap">
          <table data-testid="coverage-summary" className="small">
            <caption className="muted" style={{ textAlign: 'left' }}>
              Gaps by platform, over the {fmtInt(rows.items.length)} registry channels listed below
            </caption>
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col" className="num">
                  Channels
                </th>
                <th scope="col" className="num">
                  Without posts
                </th>
                <th scope="col">Metrics never given (channels)</th>
              </tr>
            </thead>
            <tbody>
              {[...gaps].map(([p, g]) => (
                <tr key={p}>
                  <td>{p}</td>
                  <td className="num">{fmtInt(g.channels)}</td>
                  <td className="num">{fmtInt(g.withoutPosts)}</td>
                  <td>{[...g.missing].map(([m, n]) => `${m}: ${fmtInt(n)}`).join(', ') || 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {rows.items.length ? (
        <div className="table-wrap">
          <table data-testid="coverage">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">
                  Posts
                </th>
                <th scope="col">Last post</th>
                <th scope="col">Last profile observation</th>
                <th scope="col">Missing</th>
              </tr>
            </thead>
            <tbody>
              {rows.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/channel/${c.id}`}>
                      {c.platform}: <UserText text={c.handle ?? String(c.id)} />
                    </Link>
                  </td>
                  <td>
                    {c.country ? (
                      <Link to={`/country/${encodeURIComponent(c.country)}`}>{c.country}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">{fmtInt(c.posts)}</td>
                  <td>{fmtDateTime(c.lastPostAt)}</td>
                  <td>{fmtDateTime(c.lastSnapshotAt)}</td>
                  <td>{c.missing.length ? c.missing.join(', ') : 'nothing'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !rows.loading ? (
        <Empty>No registry channel on this platform.</Empty>
      ) : null}
      {rows.hasMore ? (
        <button type="button" className="btn secondary" onClick={rows.more} disabled={rows.loading}>
          More channels
        </button>
      ) : null}
    </>
  );
}

export function DataPage() {
  const datasets = useApi<DatasetsResponse>('/datasets');
  return (
    <div className="page">
      <h1>Data</h1>
      <p className="lead">
        What has been imported, what went wrong, and which channels and metrics are missing.
      </p>
      <Section title="Datasets" id="datasets">
        <Async loaded={datasets} what="datasets">
          {(d) =>
            d.items.length ? (
              <ul>
                {d.items.map((s) => (
                  <li key={s.id}>
                    <strong>
                      <UserText text={s.name} />
                    </strong>
                    {s.synthetic ? <span className="tag">synthetic</span> : null}: {fmtInt(s.accepted)}{' '}
                    records in {fmtInt(s.runs)} runs, last {fmtDateTime(s.lastRunAt)}
                    {s.description ? (
                      <>
                        {' '}
                        — <UserText text={s.description} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>
                No named dataset (imports without --dataset are in none). <ImportHint />
              </Empty>
            )
          }
        </Async>
      </Section>
      <Section title="Imports and their issues" id="runs">
        <Runs />
      </Section>
      <Section title="Coverage gaps per channel" id="coverage">
        <CoverageTable />
      </Section>
    </div>
  );
}
