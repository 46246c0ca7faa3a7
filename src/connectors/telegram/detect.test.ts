import { describe, expect, it } from 'vitest';
import { detectSample, otherFormatsThan, ownFixtures } from '../../../test/helpers/detect.js';
import { telegram } from './index.js';

const own = ownFixtures('telegram');
const others = otherFormatsThan('telegram');

describe('telegram detect', () => {
  it('recognises its own fixtures', () => {
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(telegram.detect(detectSample(f)), f).toBeGreaterThan(0);
  });

  it('returns 0 for every other format', () => {
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect(telegram.detect(detectSample(f)), f).toBe(0);
  });
});
