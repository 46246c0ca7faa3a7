import type { ReactNode } from 'react';
import type { Loaded } from '../api.js';
import { Link } from '../router.js';

/**
 * Text written by someone else (post text, names, bios, handles): always a React text node, never HTML, and
 * `dir="auto"` so Arabic or Hebrew lays out right to left without reordering its neighbours.
 */
export function UserText({
  text,
  as = 'span',
  className,
}: {
  text: string | null | undefined;
  as?: 'span' | 'p' | 'bdi';
  className?: string;
}) {
  const Tag = as;
  return (
    <Tag dir="auto" className={className ? `user-text ${className}` : 'user-text'}>
      {text ?? ''}
    </Tag>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  return (
    <p className="error" role="alert">
      Could not load: {error.message}
    </p>
  );
}

/** An empty state says what is missing and how to get it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function ImportHint() {
  return (
    <>
      Import data with <code>npx attache import PATH…</code> (twarc2, X archive, Bluesky, Mastodon, Telegram,
      RSS/Atom, CSV), or build the synthetic demo with <code>npx attache demo</code>. See the{' '}
      <Link to="/data">Data</Link> page for what is there.
    </>
  );
}

/** Renders loading and error states; the children render the data. */
export function Async<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <ErrorBox error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
