import { describe, expect, it } from 'vitest';
import {
  detectSample,
  filesUnder,
  otherFormatsThan,
  ownFixtures,
  SHARED_FORMATS,
} from '../../../test/helpers/detect.js';
import { xApiV1 } from './index.js';

// The shared samples include v1.1 responses saved by tweepy: those are this format's too.
const isV1 = (f: string) => f.includes('twitter-api-tweepy/v1.1_');
const own = ownFixtures('x-api-v1').concat(filesUnder(SHARED_FORMATS).filter(isV1));
const others = otherFormatsThan('x-api-v1').filter((f) => !isV1(f));

describe('x-api-v1 detect', () => {
  it('recognises its own fixtures', () => {
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(xApiV1.detect(detectSample(f)), f).toBeGreaterThan(0);
  });

  it('returns 0 for every other format', () => {
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) expect(xApiV1.detect(detectSample(f)), f).toBe(0);
  });
});
