/** Look-alike handles of the kind impersonators register. */
export type Technique = 'cyrillic-a' | 'rn-for-m' | 'underscore' | 'digits';
export const TECHNIQUES: readonly Technique[] = ['cyrillic-a', 'rn-for-m', 'underscore', 'digits'];

/**
 * A look-alike of `handle` made with `technique`, or null when the technique does not apply (no `a` to swap
 * for Cyrillic `а`, no `m` to write as `rn`). X handles stay within 15 characters where the technique allows.
 */
export function lookalike(handle: string, technique: Technique, n: number): string | null {
  switch (technique) {
    case 'cyrillic-a': {
      const i = handle.search(/[aA]/);
      if (i < 0) return null;
      const glyph = handle[i] === 'a' ? '\u0430' : '\u0410';
      return handle.slice(0, i) + glyph + handle.slice(i + 1);
    }
    case 'rn-for-m': {
      const i = handle.search(/m/);
      if (i < 0) return null;
      return handle.slice(0, i) + 'rn' + handle.slice(i + 1);
    }
    case 'underscore':
      return handle.length < 15 ? `${handle}_` : `${handle.slice(0, 13)}_${handle.slice(14)}`;
    case 'digits': {
      const digits = String(10 + (n % 90));
      return `${handle.slice(0, 15 - digits.length)}${digits}`;
    }
  }
}
