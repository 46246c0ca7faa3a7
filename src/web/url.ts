/**
 * A link from imported data, or null: only http(s) URLs become links, so a `javascript:` or `data:` URL in a
 * post, profile or registry entry is shown (as text, where shown at all) but never clickable.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
