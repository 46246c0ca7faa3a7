import { describe, expect, it } from 'vitest';
import { plainTextHashtags, plainTextLinks } from './plain-text.js';

describe('plain-text entities', () => {
  it('finds URLs and hashtags in plain text as a reader would', () => {
    const text = 'See https://kotlinlang.org/docs/x.html#y. (also http://a.example/b) #kotlin #$ #2024 #Київ';
    expect(plainTextLinks(text)).toEqual(['https://kotlinlang.org/docs/x.html#y', 'http://a.example/b']);
    expect(plainTextHashtags(text)).toEqual(['kotlin', 'Київ']);
  });
});
