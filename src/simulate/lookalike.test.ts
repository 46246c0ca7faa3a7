import { describe, expect, it } from 'vitest';
import { lookalike } from './lookalike.js';

describe('lookalike', () => {
  it('swaps a Latin a for a Cyrillic а', () => {
    const h = lookalike('StateDept', 'cyrillic-a', 0)!;
    expect(h).toBe('St\u0430teDept');
    expect(h).not.toBe('StateDept');
    expect(lookalike('Kemlu', 'cyrillic-a', 0)).toBeNull();
  });

  it('writes rn for m', () => {
    expect(lookalike('GermanyDiplo', 'rn-for-m', 0)).toBe('GerrnanyDiplo');
    expect(lookalike('StateDept', 'rn-for-m', 0)).toBeNull();
  });

  it('adds an underscore or digits within 15 characters', () => {
    expect(lookalike('MID_RF', 'underscore', 0)).toBe('MID_RF_');
    expect(lookalike('nestrangeiro_pt', 'underscore', 0)).toHaveLength(15);
    expect(lookalike('MID_RF', 'digits', 3)).toBe('MID_RF13');
    expect(lookalike('nestrangeiro_pt', 'digits', 9)).toBe('nestrangeiro_19');
  });
});
