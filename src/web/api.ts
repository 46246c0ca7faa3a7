import { useEffect, useState } from 'react';

/** The API's one error shape (docs/api.md): `{"error":{"code","message","details":[{path,message}]}}`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

function errorMessageOf(body: unknown, status: number): { message: string; code: string } {
  if (body && typeof body === 'object' && 'error' in body) {
    const e = body.error;
    if (e && typeof e === 'object') {
      const { message, code } = e as { message?: unknown; code?: unknown };
      if (typeof message === 'string')
        return { message, code: typeof code === 'string' ? code : String(status) };
    }
  }
  return { message: `the server answered ${status}`, code: String(status) };
}

/**
 * GETs JSON from the API. The shape is the API's (its OpenAPI document at /api/openapi.json); the caller names
 * the type it reads and treats every field the API documents as nullable as such.
 */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(apiUrl(path, query), { signal, headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const { message, code } = errorMessageOf(body, res.status);
    throw new ApiFailure(res.status, message, code);
  }
  return body as T;
}

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'error'; data?: undefined; error: ApiFailure | Error }
  | { state: 'ready'; data: T; error?: undefined };

/** Loads `path` with `query` whenever either changes; a newer request cancels the older one. */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> {
  const key = path === null ? null : apiUrl(path, query);
  const [result, setResult] = useState<{ key: string | null; loaded: Loaded<T> }>({
    key: null,
    loaded: { state: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    fetch(key, { signal: ctrl.signal, headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body: unknown = await res.json().catch(() => null);
        if (!res.ok) {
          const { message, code } = errorMessageOf(body, res.status);
          throw new ApiFailure(res.status, message, code);
        }
        setResult({ key, loaded: { state: 'ready', data: body as T } });
      })
      .catch((error: unknown) => {
        if (ctrl.signal.aborted) return;
        setResult({
          key,
          loaded: { state: 'error', error: error instanceof Error ? error : new Error(String(error)) },
        });
      });
    return () => ctrl.abort();
  }, [key]);
  // While a new key loads, the previous data stay on screen only if the caller wants them (see useStable).
  return result.key === key ? result.loaded : { state: 'loading' };
}

/** Like useApi, but keeps showing the last good data while the next request loads (live sliders). */
export function useApiKeep<T>(path: string | null, query: Query = {}): Loaded<T> & { stale: boolean } {
  const now = useApi<T>(path, query);
  const [last, setLast] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (now.state === 'ready') setLast(now.data);
  }, [now]);
  if (now.state === 'loading' && last !== undefined) return { state: 'ready', data: last, stale: true };
  return { ...now, stale: false };
}
