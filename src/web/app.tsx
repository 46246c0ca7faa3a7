import { useEffect, useRef } from 'react';
import { useApi } from './api.js';
import { Link, useLocation } from './router.js';
import type { DatasetsResponse } from './types.js';
import { ChannelPage } from './pages/channel.js';
import { CountryPage } from './pages/country.js';
import { DataPage } from './pages/data.js';
import { MethodologyPage } from './pages/methodology.js';
import { NotFoundPage } from './pages/not-found.js';
import { OverviewPage } from './pages/overview.js';
import { PostPage } from './pages/post.js';
import { RankingsPage } from './pages/rankings.js';
import { SearchPage } from './pages/search.js';

const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/rankings', label: 'Rankings' },
  { to: '/search', label: 'Search' },
  { to: '/data', label: 'Data' },
  { to: '/methodology', label: 'Methodology' },
];

function route(path: string, query: URLSearchParams) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (!first) return { title: 'Overview', page: <OverviewPage /> };
  if (parts.length === 1 && first === 'rankings')
    return { title: 'Rankings', page: <RankingsPage query={query} /> };
  if (parts.length === 1 && first === 'search')
    return { title: 'Search', page: <SearchPage query={query} /> };
  if (parts.length === 1 && first === 'data') return { title: 'Data', page: <DataPage /> };
  if (parts.length === 1 && first === 'methodology')
    return { title: 'Methodology', page: <MethodologyPage /> };
  if (parts.length === 2 && first === 'country' && second)
    return { title: `Country ${second}`, page: <CountryPage code={second} /> };
  if (parts.length === 2 && first === 'channel' && second)
    return { title: 'Channel', page: <ChannelPage id={second} /> };
  if (parts.length === 2 && first === 'post' && second)
    return { title: 'Post', page: <PostPage id={second} /> };
  return { title: 'Not found', page: <NotFoundPage path={path} /> };
}

/** The "synthetic demo data" banner: shown whenever a dataset flagged synthetic is in the database. */
function SyntheticBanner() {
  const datasets = useApi<DatasetsResponse>('/datasets');
  if (datasets.state !== 'ready') return null;
  const synthetic = datasets.data.items.filter((d) => d.synthetic);
  if (!synthetic.length) return null;
  return (
    <div className="banner" role="note" data-testid="synthetic-banner">
      <strong>Synthetic demo data.</strong> The database holds simulated activity (
      {synthetic.map((d) => d.name).join(', ')}) over the real registry: the posts, figures and rankings from
      it describe no real account.
    </div>
  );
}

export function App() {
  const { path, query } = useLocation();
  const { title, page } = route(path, query);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = `${title} — Attaché`;
  }, [title]);
  const active = (to: string) => (to === '/' ? path === '/' : path.startsWith(to));
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Attaché
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={active(n.to) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <SyntheticBanner />
      <main id="main" ref={main} tabIndex={-1}>
        {page}
      </main>
      <footer className="foot">
        Attaché — open digital-diplomacy observatory. Registry data: Wikidata and govdirectory (CC0). Map:
        Natural Earth (public domain). <Link to="/methodology">How every figure is computed</Link> ·{' '}
        <a href="/api/openapi.json">API</a>
      </footer>
    </>
  );
}
