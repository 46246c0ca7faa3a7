import { Link } from '../router.js';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. Go to the <Link to="/">overview</Link>.
      </p>
    </div>
  );
}
