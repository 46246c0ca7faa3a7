import { useState, type FormEvent } from 'react';
import { usePaged } from '../components/paged.js';
import { PostList } from '../components/post-list.js';
import { Empty } from '../components/ui.js';
import { href, navigate } from '../router.js';
import type { PostItem } from '../types.js';

const FIELDS = ['q', 'country', 'platform', 'lang', 'from', 'to', 'hashtag', 'kind'] as const;
type Field = (typeof FIELDS)[number];

export function SearchPage({ query }: { query: URLSearchParams }) {
  const current = Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Record<Field, string>;
  const [form, setForm] = useState(current);
  const active = FIELDS.some((f) => current[f]);
  const results = usePaged<PostItem>(active ? '/search' : null, current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(href('/search', form));
  };
  const field = (f: Field, label: string, props: Record<string, string | number> = {}) => (
    <label>
      {label}
      <input
        type="text"
        name={f}
        value={form[f]}
        onChange={(e) => setForm({ ...form, [f]: e.target.value })}
        {...props}
      />
    </label>
  );
  return (
    <div className="page">
      <h1>Search posts</h1>
      <p className="lead">
        Full text in each post's own language (Russian, Arabic, English, French… with stemming; Chinese,
        Japanese and Korean as substrings). Words must all match; use "quotes" for a phrase, -word to exclude,
        or for either.
      </p>
      <form className="controls" role="search" onSubmit={submit}>
        <label style={{ flex: '1 1 16rem' }}>
          Text
          <input
            type="search"
            name="q"
            dir="auto"
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
            placeholder="e.g. культурном обмене, الطاقة المتجددة, climate"
          />
        </label>
        {field('country', 'Country (code)', { size: 5, placeholder: 'FR' })}
        <label>
          Platform
          <select
            name="platform"
            value={form.platform}
            onChange={(e) => setForm({ ...form, platform: e.target.value })}
          >
            {['', 'x', 'bluesky', 'mastodon', 'telegram', 'youtube', 'rss'].map((p) => (
              <option key={p} value={p}>
                {p || 'any'}
              </option>
            ))}
          </select>
        </label>
        {field('lang', 'Language', { size: 4, placeholder: 'ru' })}
        <label>
          From
          <input
            type="date"
            name="from"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            name="to"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        {field('hashtag', 'Hashtag', { size: 10, placeholder: '#climate' })}
        <label>
          Kind
          <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            {['', 'original', 'reply', 'quote', 'repost'].map((k) => (
              <option key={k} value={k}>
                {k || 'any'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {!active ? (
        <Empty>Type words or choose a filter, then Search.</Empty>
      ) : results.error ? (
        <p className="error" role="alert">
          {results.error.message}
        </p>
      ) : results.loading && !results.items.length ? (
        <p className="loading" role="status">
          Searching…
        </p>
      ) : !results.items.length ? (
        <Empty>
          No post matches. Try fewer words or filters; posts are found in their own language, so search in the
          language they are written in.
        </Empty>
      ) : (
        <section className="card" aria-label="Results" data-testid="search-results">
          <p className="small muted" role="status">
            {results.items.length}
            {results.hasMore ? '+' : ''} posts, newest first
          </p>
          <PostList posts={results.items} />
          {results.hasMore ? (
            <div className="pager">
              <button
                type="button"
                className="btn secondary"
                onClick={results.more}
                disabled={results.loading}
              >
                {results.loading ? 'Loading…' : 'More results'}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
