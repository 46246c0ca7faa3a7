import { useEffect, useState } from 'react';
import { ApiFailure, getJson } from '../api.js';

type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * A keyset-paginated listing ({items, nextCursor}): the first page loads with the query, "more" appends the
 * next page by its cursor. A new query starts over.
 */
export function usePaged<T>(
  path: string | null,
  query: Query,
  initial?: { items: T[]; nextCursor: string | null },
) {
  const key = path === null ? null : JSON.stringify([path, query]);
  const [state, setState] = useState<{
    key: string | null;
    items: T[];
    next: string | null;
    loading: boolean;
    error: Error | null;
  }>({ key: null, items: [], next: null, loading: true, error: null });

  const load = (cursor: string | null, append: boolean, forKey: string) => {
    if (path === null) return;
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<{ items: T[]; nextCursor: string | null }>(path, { ...query, cursor: cursor ?? undefined })
      .then((page) =>
        setState((s) =>
          s.key !== forKey
            ? s
            : {
                key: forKey,
                items: append ? [...s.items, ...page.items] : page.items,
                next: page.nextCursor,
                loading: false,
                error: null,
              },
        ),
      )
      .catch((error: unknown) =>
        setState((s) =>
          s.key !== forKey
            ? s
            : {
                ...s,
                loading: false,
                error: error instanceof Error ? error : new ApiFailure(0, String(error), ''),
              },
        ),
      );
  };

  useEffect(() => {
    if (key === null) return;
    if (initial) {
      setState({ key, items: initial.items, next: initial.nextCursor, loading: false, error: null });
      return;
    }
    setState({ key, items: [], next: null, loading: true, error: null });
    load(null, false, key);
  }, [key, initial]);

  return {
    items: state.key === key ? state.items : [],
    loading: state.key !== key || state.loading,
    error: state.key === key ? state.error : null,
    hasMore: state.key === key && state.next !== null,
    more: () => key !== null && state.next !== null && load(state.next, true, key),
  };
}
