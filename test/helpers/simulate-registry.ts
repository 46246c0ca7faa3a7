import type { RegistryChannel } from '../../src/simulate/model.js';

const COUNTRIES = [
  'US',
  'GB',
  'FR',
  'DE',
  'RU',
  'UA',
  'CN',
  'JP',
  'ES',
  'IT',
  'SA',
  'MA',
  'IN',
  'PK',
  'CA',
  'SE',
  'FI',
  'NO',
  'PL',
  'BR',
];
const HOSTS = ['US', 'GB', 'FR', 'JP', 'AU', 'KE'];

/** A small registry of made-up handles: one ministry and six embassies per country, a few Bluesky/Mastodon/YouTube channels. */
export function fixtureRegistry(): RegistryChannel[] {
  const out: RegistryChannel[] = [];
  for (const c of COUNTRIES) {
    out.push({
      platform: 'x',
      handle: `MFA_${c}`,
      handleNorm: `mfa_${c.toLowerCase()}`,
      actorKey: `t:${c}`,
      actorName: `Ministry ${c}`,
      kind: 'ministry',
      sending: c,
      host: null,
      hostName: null,
    });
    for (const h of HOSTS) {
      if (h === c) continue;
      out.push({
        platform: 'x',
        handle: `${c}Emb${h}`,
        handleNorm: `${c}emb${h}`.toLowerCase(),
        actorKey: `t:${c}:${h}`,
        actorName: `Embassy ${c} in ${h}`,
        kind: 'embassy',
        sending: c,
        host: h,
        hostName: `Land ${h}`,
      });
    }
  }
  out.push({
    platform: 'bluesky',
    handle: 'mfa-de.bsky.social',
    handleNorm: 'mfa-de.bsky.social',
    actorKey: 't:DE',
    actorName: 'Ministry DE',
    kind: 'ministry',
    sending: 'DE',
    host: null,
    hostName: null,
  });
  out.push({
    platform: 'bluesky',
    handle: 'deemb-us.bsky.social',
    handleNorm: 'deemb-us.bsky.social',
    actorKey: 't:DE:US',
    actorName: 'Embassy DE in US',
    kind: 'embassy',
    sending: 'DE',
    host: 'US',
    hostName: 'Land US',
  });
  out.push({
    platform: 'mastodon',
    handle: 'MFA_DE@social.example.org',
    handleNorm: 'mfa_de@social.example.org',
    actorKey: 't:DE',
    actorName: 'Ministry DE',
    kind: 'ministry',
    sending: 'DE',
    host: null,
    hostName: null,
  });
  out.push({
    platform: 'youtube',
    handle: 'UCaaaaaaaaaaaaaaaaaaaaaa',
    handleNorm: 'UCaaaaaaaaaaaaaaaaaaaaaa',
    actorKey: 't:FR',
    actorName: 'Ministry FR',
    kind: 'ministry',
    sending: 'FR',
    host: null,
    hostName: null,
  });
  return out.sort((a, b) => a.platform.localeCompare(b.platform) || a.handleNorm.localeCompare(b.handleNorm));
}
