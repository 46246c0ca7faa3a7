// Plain-text bodies (YouTube descriptions, Atom type="text"): URLs and hashtags as the platform shows them.
const BARE_URL = /\bhttps?:\/\/[^\s<>"'«»“”‘’]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;
const TEXT_HASHTAG = /(?:^|[\s(])[#＃]([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

export function plainTextLinks(text: string): string[] {
  return [...text.matchAll(BARE_URL)].map((m) => m[0].replace(TRAILING_PUNCTUATION, ''));
}

export function plainTextHashtags(text: string): string[] {
  return [...text.matchAll(TEXT_HASHTAG)].map((m) => m[1] ?? '').filter((t) => t.length > 0);
}
