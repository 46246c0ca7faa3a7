import { describe, expect, it } from 'vitest';
import { normaliseHandle } from './handles.js';

const norm = (platform: string, raw: string) => {
  const r = normaliseHandle(platform, raw);
  return r.ok ? r.value : r.reason;
};

describe('normaliseHandle', () => {
  it('X: strips @ and URLs, keeps the written case, matches case-insensitively', () => {
    expect(norm('x', '@StateDept')).toEqual({
      handle: 'StateDept',
      norm: 'statedept',
      url: 'https://x.com/StateDept',
    });
    expect(norm('x', 'https://twitter.com/MFA_Russia')).toMatchObject({
      handle: 'MFA_Russia',
      norm: 'mfa_russia',
    });
    expect(norm('x', 'https://www.x.com/GermanyDiplo/')).toMatchObject({ handle: 'GermanyDiplo' });
  });

  it('X: rejects what no X handle can be', () => {
    expect(norm('x', 'way_too_long_handle_123')).toMatch(/not an X handle/);
    expect(norm('x', 'has space')).toMatch(/spaces or invisible/);
    expect(norm('x', 'zero\u200bwidth')).toMatch(/invisible/);
    expect(norm('x', '')).toBe('empty handle');
  });

  it('Mastodon: user@instance, from an address or a profile URL; the instance is lower-cased', () => {
    expect(norm('mastodon', '@AuswaertigesAmt@Social.Bund.de')).toEqual({
      handle: 'AuswaertigesAmt@social.bund.de',
      norm: 'auswaertigesamt@social.bund.de',
      url: 'https://social.bund.de/@AuswaertigesAmt',
    });
    expect(norm('mastodon', 'https://mastodon.social/@ORB_KSB')).toMatchObject({
      handle: 'ORB_KSB@mastodon.social',
    });
    expect(norm('mastodon', 'justauser')).toMatch(/user@instance/);
  });

  it('Bluesky: a domain handle or a DID, lower-cased; profile URLs accepted', () => {
    expect(norm('bluesky', 'Diplo.DE')).toEqual({
      handle: 'diplo.de',
      norm: 'diplo.de',
      url: 'https://bsky.app/profile/diplo.de',
    });
    expect(norm('bluesky', 'https://bsky.app/profile/state-department.bsky.social')).toMatchObject({
      handle: 'state-department.bsky.social',
    });
    expect(norm('bluesky', 'did:plc:z72i7hdynmk6r22z27h6tvur')).toMatchObject({
      norm: 'did:plc:z72i7hdynmk6r22z27h6tvur',
    });
    expect(norm('bluesky', 'not a handle')).toMatch(/spaces/);
  });

  it('YouTube: channel ids stay case-sensitive', () => {
    expect(norm('youtube', 'UC6ZhpmNnLxlOYipqh8wbM3A')).toMatchObject({ norm: 'UC6ZhpmNnLxlOYipqh8wbM3A' });
    expect(norm('youtube', 'https://www.youtube.com/channel/UC6ZhpmNnLxlOYipqh8wbM3A')).toMatchObject({
      handle: 'UC6ZhpmNnLxlOYipqh8wbM3A',
    });
    expect(norm('youtube', 'UCshort')).toMatch(/YouTube channel id/);
  });

  it('Facebook: page names, numeric ids, and the id inside a pages/ path', () => {
    expect(norm('facebook', 'https://www.facebook.com/BEEmbassyChina')).toMatchObject({
      handle: 'BEEmbassyChina',
      norm: 'beembassychina',
    });
    expect(
      norm('facebook', 'pages/Embassy%20of%20the%20State%20of%20Palestine,%20Dhaka/822422364444431/'),
    ).toMatchObject({
      handle: '822422364444431',
    });
  });

  it('unknown platforms keep the handle as written and match case-insensitively', () => {
    expect(norm('linkedin', 'Bundesministerium-für-Soziales')).toEqual({
      handle: 'Bundesministerium-für-Soziales',
      norm: 'bundesministerium-für-soziales',
      url: '',
    });
  });
});
