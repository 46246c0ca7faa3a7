import { describe, expect, it } from 'vitest';
import { domainOf, normaliseHashtag } from './hashtags.js';

describe('normaliseHashtag', () => {
  it('makes case variants meet and keeps every script intact', () => {
    expect(normaliseHashtag('#UnitedForUkraine')).toBe(normaliseHashtag('unitedforukraine'));
    expect(normaliseHashtag('#РоссияВперёд')).toBe('россиявперёд');
    expect(normaliseHashtag('#السلام')).toBe('السلام');
    expect(normaliseHashtag('＃中国')).toBe('中国');
  });

  it('unifies composed and decomposed accents (NFC)', () => {
    expect(normaliseHashtag('Cafe\u0301')).toBe(normaliseHashtag('Café'));
  });
});

describe('domainOf', () => {
  it('returns the host without www, or null for a non-URL', () => {
    expect(domainOf('https://www.state.gov/x')).toBe('state.gov');
    expect(domainOf('not a url')).toBeNull();
  });
});
