/**
 * An absolute http(s) URL in its normalised form, or null (javascript:, data:, malformed, or relative with no
 * `base` to resolve it against).
 */
export function httpUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (!raw) return null;
  try {
    const url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
