/** Small built-in tables of the simulation: languages, time zones, alliances, activity by kind. */

export const LANGS = ['en', 'fr', 'ru', 'es', 'ar', 'zh', 'it', 'de', 'pt'] as const;
export type Lang = (typeof LANGS)[number];

const LANG_OF: Record<string, Lang> = {};
const assign = (lang: Lang, codes: string) => {
  for (const c of codes.split(' ')) LANG_OF[c] = lang;
};
assign('fr', 'FR BE LU MC SN CI ML BF NE TD GA CG CD CM BJ TG GN MG HT DJ KM');
assign('es', 'ES MX AR CL PE UY CO EC VE CU BO PY GT HN SV NI CR PA DO');
assign('ru', 'RU BY KZ KG TJ');
assign('ar', 'SA AE EG MA DZ TN JO KW QA OM BH LB IQ SY LY PS YE SD MR');
assign('zh', 'CN TW');
assign('it', 'IT SM VA');
assign('de', 'DE AT LI');
assign('pt', 'PT BR AO MZ CV');

/** The language a country's institutions mostly write in; countries outside the table write English. */
export function languageOf(country: string | null): Lang {
  return (country && LANG_OF[country]) || 'en';
}

// Standard-time UTC offsets in hours; organisations sit where their seat is. Missing: UTC.
const TZ: Record<string, number> = {
  US: -5,
  CA: -5,
  MX: -6,
  BR: -3,
  AR: -3,
  CL: -4,
  PE: -5,
  CO: -5,
  EC: -5,
  VE: -4,
  CU: -5,
  UY: -3,
  BO: -4,
  PY: -4,
  GT: -6,
  HN: -6,
  SV: -6,
  NI: -6,
  CR: -6,
  PA: -5,
  DO: -4,
  HT: -5,
  JM: -5,
  GB: 0,
  IE: 0,
  PT: 0,
  IS: 0,
  MA: 1,
  SN: 0,
  GH: 0,
  CI: 0,
  FR: 1,
  DE: 1,
  BE: 1,
  NL: 1,
  LU: 1,
  ES: 1,
  IT: 1,
  CH: 1,
  AT: 1,
  DK: 1,
  SE: 1,
  NO: 1,
  PL: 1,
  CZ: 1,
  SK: 1,
  HU: 1,
  SI: 1,
  HR: 1,
  RS: 1,
  AL: 1,
  MT: 1,
  VA: 1,
  NG: 1,
  DZ: 1,
  TN: 1,
  CM: 1,
  FI: 2,
  EE: 2,
  LV: 2,
  LT: 2,
  UA: 2,
  RO: 2,
  BG: 2,
  GR: 2,
  CY: 2,
  IL: 2,
  PS: 2,
  EG: 2,
  LB: 2,
  JO: 3,
  ZA: 2,
  MD: 2,
  RU: 3,
  BY: 3,
  TR: 3,
  SA: 3,
  KW: 3,
  QA: 3,
  BH: 3,
  IQ: 3,
  KE: 3,
  ET: 3,
  TZ: 3,
  UG: 3,
  AE: 4,
  OM: 4,
  AZ: 4,
  GE: 4,
  AM: 4,
  IR: 3.5,
  AF: 4.5,
  PK: 5,
  UZ: 5,
  KZ: 5,
  MV: 5,
  IN: 5.5,
  LK: 5.5,
  NP: 5.75,
  BD: 6,
  MM: 6.5,
  TH: 7,
  VN: 7,
  ID: 7,
  KH: 7,
  CN: 8,
  TW: 8,
  HK: 8,
  SG: 8,
  MY: 8,
  PH: 8,
  MN: 8,
  JP: 9,
  KR: 9,
  AU: 10,
  NZ: 12,
  FJ: 12,
  EU: 1,
  NATO: 1,
  OECD: 1,
  UNESCO: 1,
  OSCE: 1,
  COE: 1,
  UN: -5,
  OAS: -5,
  AU_ORG: 3,
  ASEAN: 7,
};

export function utcOffsetOf(country: string | null): number {
  return (country ? TZ[country] : undefined) ?? 0;
}

/** Blocs whose members adopt each other's campaigns. */
export const BLOCS: readonly (readonly string[])[] = [
  ['US', 'GB', 'CA', 'AU', 'NZ', 'JP'],
  ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'LU', 'EU', 'IE', 'PT', 'AT'],
  ['SE', 'FI', 'NO', 'DK', 'IS', 'LV', 'EE', 'LT', 'PL'],
  ['UA', 'PL', 'LV', 'LT', 'EE', 'GB', 'CZ'],
  ['RU', 'BY', 'CU', 'VE', 'CN'],
  ['MA', 'SA', 'AE', 'JO', 'EG'],
  ['ID', 'MY', 'SG', 'PH', 'TH'],
];

/** Pairs of countries whose missions argue in public: [a, b]. */
export const RIVALS: readonly (readonly [string, string])[] = [
  ['RU', 'UA'],
  ['US', 'CN'],
  ['US', 'RU'],
  ['GB', 'RU'],
  ['IN', 'PK'],
  ['MA', 'DZ'],
  ['EU', 'RU'],
  ['JP', 'CN'],
];

export interface KindProfile {
  /** Median posts per day (before scaling to --posts) and the log-sd across accounts. */
  rate: number;
  rateSigma: number;
  /** Median followers and the log-sd, with bounds. */
  followers: number;
  followersSigma: number;
  minFollowers: number;
  maxFollowers: number;
}

const DEFAULT_PROFILE: KindProfile = {
  rate: 1,
  rateSigma: 0.8,
  followers: 2500,
  followersSigma: 1,
  minFollowers: 100,
  maxFollowers: 300_000,
};

export const KIND_PROFILES: Record<string, KindProfile> = {
  ministry: {
    rate: 14,
    rateSigma: 0.6,
    followers: 700_000,
    followersSigma: 1.1,
    minFollowers: 100_000,
    maxFollowers: 10_000_000,
  },
  embassy: { ...DEFAULT_PROFILE, rate: 1.4, followers: 3000 },
  'high-commission': { ...DEFAULT_PROFILE, rate: 1.2, followers: 4000 },
  consulate: { ...DEFAULT_PROFILE, rate: 0.9, followers: 1500 },
  'permanent-mission': { ...DEFAULT_PROFILE, rate: 2, followers: 9000 },
  delegation: { ...DEFAULT_PROFILE, rate: 1.5, followers: 5000 },
  'representative-office': { ...DEFAULT_PROFILE, rate: 1, followers: 2000 },
  nunciature: { ...DEFAULT_PROFILE, rate: 0.5, followers: 1500 },
  public: {
    ...DEFAULT_PROFILE,
    rate: 2.5,
    rateSigma: 0.7,
    followers: 300,
    minFollowers: 5,
    maxFollowers: 50_000,
  },
  personal: { ...DEFAULT_PROFILE, rate: 0.8, followers: 2000 },
};

export function kindProfile(kind: string): KindProfile {
  return KIND_PROFILES[kind] ?? DEFAULT_PROFILE;
}

/** Activity of the same account on a platform relative to X (Bluesky and Mastodon mirror less; videos are rare). */
export const PLATFORM_RATE: Record<string, number> = {
  x: 1,
  bluesky: 0.6,
  mastodon: 0.5,
  telegram: 0.8,
  rss: 0.25,
  youtube: 0.04,
};

/** Relative posting weight of each local hour (0–23): office hours with a lunch dip, a little evening. */
export const HOUR_WEIGHTS = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.2, 0.5, 1.1, 1.6, 1.7, 1.6, 1.1, 1.2, 1.5, 1.5, 1.3, 1.0, 0.7, 0.5,
  0.4, 0.3, 0.2, 0.1,
];

/** Posting weight by local weekday (0 = Sunday). */
export const WEEKDAY_WEIGHTS = [0.4, 1.05, 1.1, 1.1, 1.1, 1.0, 0.45];
