import { franc } from 'franc';

/**
 * ISO 639-1 → the ISO 639-3 codes franc's models use. Macrolanguages map to the individual language franc
 * has a model for (Arabic = Standard Arabic `arb`, Chinese = Mandarin `cmn`, Persian = Iranian `pes` and
 * Dari `prs`, Norwegian = Bokmål `nob`, Malay = `zlm`).
 */
const FRANC_CODES: Readonly<Record<string, readonly string[]>> = {
  am: ['amh'],
  ar: ['arb'],
  az: ['azj'],
  be: ['bel'],
  bg: ['bul'],
  bn: ['ben'],
  bs: ['bos'],
  ca: ['cat'],
  cs: ['ces'],
  da: ['dan'],
  de: ['deu'],
  el: ['ell'],
  en: ['eng'],
  es: ['spa'],
  et: ['ekk'],
  fa: ['pes', 'prs'],
  fi: ['fin'],
  fr: ['fra'],
  gl: ['glg'],
  ha: ['hau'],
  he: ['heb'],
  hi: ['hin'],
  hr: ['hrv'],
  hu: ['hun'],
  hy: ['hye'],
  id: ['ind'],
  it: ['ita'],
  ja: ['jpn'],
  ka: ['kat'],
  kk: ['kaz'],
  km: ['khm'],
  ko: ['kor'],
  ky: ['kir'],
  lt: ['lit'],
  lv: ['lvs'],
  mk: ['mkd'],
  mn: ['khk'],
  ms: ['zlm'],
  my: ['mya'],
  ne: ['npi'],
  nl: ['nld'],
  nn: ['nno'],
  no: ['nob'],
  nb: ['nob'],
  pl: ['pol'],
  ps: ['pbu'],
  pt: ['por'],
  ro: ['ron'],
  ru: ['rus'],
  si: ['sin'],
  sk: ['slk'],
  sl: ['slv'],
  so: ['som'],
  sq: ['als'],
  sr: ['srp'],
  sv: ['swe'],
  sw: ['swh'],
  ta: ['tam'],
  tg: ['tgk'],
  th: ['tha'],
  tk: ['tuk'],
  tl: ['tgl'],
  tr: ['tur'],
  uk: ['ukr'],
  ur: ['urd'],
  uz: ['uzn'],
  vi: ['vie'],
  yo: ['yor'],
  zh: ['cmn'],
  zu: ['zul'],
};

const ISO1_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(FRANC_CODES)
    .filter(([iso1]) => iso1 !== 'nb') // Bokmål is reported as "no", as X and most platforms tag it
    .flatMap(([iso1, codes]) => codes.map((c) => [c, iso1] as const)),
);

/**
 * The languages a diplomatic account plausibly writes in: the UN languages, the EU's, the G20's and the
 * larger regional ones (48). Every extra candidate is one more way to be wrong on a short text, so a few
 * close relatives that franc confuses with a more common one are left out: Macedonian (read as Bulgarian),
 * Bosnian (Croatian, Serbian), Malay (Indonesian), Catalan and Galician (Spanish), Nynorsk (Bokmål). A
 * caller that knows the account's languages passes them as `candidates`, which is more accurate still.
 */
export const DEFAULT_LANGUAGES: readonly string[] = [
  'en', 'fr', 'ru', 'es', 'ar', 'zh', 'it', 'de', 'pt', 'uk', 'ja', 'ko', 'tr', 'fa', 'pl', 'nl', 'hi',
  'id', 'sv', 'el', 'he', 'ro', 'cs', 'sk', 'hu', 'fi', 'da', 'no', 'bg', 'hr', 'sr', 'sl', 'lt', 'lv',
  'et', 'ka', 'hy', 'az', 'kk', 'uz', 'be', 'sq', 'vi', 'th', 'ur', 'bn', 'sw', 'am',
]; // prettier-ignore

const MIN_LETTERS = 20;
const MAX_SAMPLE = 2048;

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
// @user, @user@instance (Mastodon) and e-mail addresses: names, not language.
const MENTION = /[\w.+-]*@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?/gu;
const HASHTAG = /[#＃][\p{L}\p{M}\p{N}_]+/gu;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/gu;
const SPACES = /\s+/gu;
const LETTER = /\p{L}/gu;
// One Han, kana or Hangul character carries about what two alphabetic letters do.
const WIDE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu;

function francCodes(iso1: readonly string[]): string[] {
  const codes = (c: string) => {
    const key = c.trim().toLowerCase();
    return Object.hasOwn(FRANC_CODES, key) ? FRANC_CODES[key]! : [];
  };
  return [...new Set(iso1.flatMap(codes))];
}

const DEFAULT_ONLY = francCodes(DEFAULT_LANGUAGES);
const onlyCache = new Map<string, string[]>();

function onlyFor(candidates: readonly string[] | undefined): string[] {
  if (!candidates) return DEFAULT_ONLY;
  const key = candidates.join(',');
  let only = onlyCache.get(key);
  if (!only) {
    only = francCodes(candidates);
    if (onlyCache.size > 256) onlyCache.clear(); // callers pass a handful of lists; bound it anyway
    onlyCache.set(key, only);
  }
  return only;
}

/** The text a language can be read from: without links, @mentions, #hashtags and emoji. */
export function languageSample(text: string): string {
  return text
    .slice(0, MAX_SAMPLE * 2)
    .replace(URL, ' ')
    .replace(MENTION, ' ')
    .replace(HASHTAG, ' ')
    .replace(EMOJI, ' ')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * The language of a post's text as an ISO 639-1 code, or null when the text is too short to say (under 20
 * letters once links, mentions, hashtags and emoji are removed; Han, kana and Hangul count double) or franc
 * cannot decide. Only `candidates` (ISO 639-1; default DEFAULT_LANGUAGES) can be returned.
 */
export function detectLanguage(text: string, candidates?: readonly string[]): string | null {
  const only = onlyFor(candidates);
  if (!only.length || !text) return null;
  const sample = languageSample(text);
  const letters = (sample.match(LETTER)?.length ?? 0) + (sample.match(WIDE)?.length ?? 0);
  if (letters < MIN_LETTERS) return null;
  const code = franc(sample.slice(0, MAX_SAMPLE), { only, minLength: 1 });
  return code === 'und' ? null : (ISO1_OF.get(code) ?? null);
}

/** Deprecated ISO 639-1 codes some platforms still send (X has long used "in" and "iw"). */
const DEPRECATED: Readonly<Record<string, string>> = {
  in: 'id',
  iw: 'he',
  ji: 'yi',
  jw: 'jv',
  mo: 'ro',
  nb: 'no',
};
/** Codes that say "no language" or "not one language": undetermined, no linguistic content, multiple. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis']);
const PRIMARY = /^[a-z]{2,3}$/;

/**
 * A platform's language tag as a lower-case primary subtag: "en-US" → "en", "EN" → "en", "zh-Hant" → "zh",
 * "in" → "id", "nb" → "no", three-letter codes franc knows → their two-letter code ("fra" → "fr"). Null for
 * empty, undetermined ("und", "zxx", "mul", "mis"), private-use ("qaa"–"qtz", X's "qme", "qht", "qam" for
 * media-, hashtag- or mention-only posts) and anything that is not a language tag.
 */
export function normaliseLang(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0]!;
  if (!PRIMARY.test(primary) || NO_LANGUAGE.has(primary)) return null;
  if (primary.length === 3 && primary >= 'qaa' && primary <= 'qtz') return null;
  return DEPRECATED[primary] ?? ISO1_OF.get(primary) ?? THREE_TO_TWO[primary] ?? primary;
}

/** ISO 639-2 codes (bibliographic and terminology) that differ from franc's 639-3 codes for common languages. */
const THREE_TO_TWO: Readonly<Record<string, string>> = {
  ara: 'ar', chi: 'zh', zho: 'zh', fre: 'fr', ger: 'de', per: 'fa', fas: 'fa', gre: 'el', dut: 'nl',
  nor: 'no', msa: 'ms', may: 'ms', alb: 'sq', sqi: 'sq', arm: 'hy', geo: 'ka', cze: 'cs', slo: 'sk',
  rum: 'ro', mac: 'mk', est: 'et', lav: 'lv', aze: 'az', uzb: 'uz', kur: 'ku', swa: 'sw', mon: 'mn',
  fil: 'tl', heb: 'he', nep: 'ne', pus: 'ps',
}; // prettier-ignore
