/**
 * The matching form of a hashtag: without '#', Unicode NFC, case-folded (so #UnitedForUkraine and
 * #unitedforukraine meet). Scripts without case (Arabic, Chinese) are left as they are; Cyrillic folds.
 */
export function normaliseHashtag(tag: string): string {
  return tag
    .replace(/^[#＃]/, '')
    .normalize('NFC')
    .toLocaleLowerCase('und')
    .normalize('NFC');
}

export function domainOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}
