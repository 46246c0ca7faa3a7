import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES, detectLanguage, languageSample, normaliseLang } from './language.js';

/** The same bland diplomatic sentence in each language, written for these tests. */
const SENTENCES: Record<string, string> = {
  en: 'The ambassador met the foreign minister today to discuss trade, climate cooperation and the next summit.',
  fr: "L'ambassadeur a rencontré aujourd'hui le ministre des affaires étrangères pour parler du commerce et du climat.",
  de: 'Der Botschafter hat heute den Außenminister getroffen, um über Handel, Klimaschutz und den nächsten Gipfel zu sprechen.',
  es: 'El embajador se reunió hoy con el ministro de asuntos exteriores para hablar de comercio, clima y la próxima cumbre.',
  it: "L'ambasciatore ha incontrato oggi il ministro degli esteri per parlare di commercio, clima e del prossimo vertice.",
  pt: 'O embaixador encontrou-se hoje com o ministro dos negócios estrangeiros para falar sobre comércio, clima e a próxima cimeira.',
  nl: 'De ambassadeur heeft vandaag de minister van buitenlandse zaken ontmoet om te praten over handel, klimaat en de volgende top.',
  sv: 'Ambassadören träffade i dag utrikesministern för att diskutera handel, klimatsamarbete och nästa toppmöte.',
  pl: 'Ambasador spotkał się dziś z ministrem spraw zagranicznych, aby rozmawiać o handlu, klimacie i następnym szczycie.',
  tr: 'Büyükelçi bugün dışişleri bakanı ile bir araya gelerek ticaret, iklim işbirliği ve bir sonraki zirveyi görüştü.',
  id: 'Duta besar bertemu dengan menteri luar negeri hari ini untuk membahas perdagangan, kerja sama iklim, dan pertemuan puncak berikutnya.',
  ru: 'Посол сегодня встретился с министром иностранных дел, чтобы обсудить торговлю, климат и следующий саммит.',
  uk: 'Посол сьогодні зустрівся з міністром закордонних справ, щоб обговорити торгівлю, клімат і наступний саміт.',
  ar: 'التقى السفير اليوم بوزير الخارجية لمناقشة التجارة والتعاون في مجال المناخ والقمة المقبلة.',
  fa: 'سفیر امروز با وزیر امور خارجه دیدار کرد تا درباره تجارت، همکاری اقلیمی و نشست بعدی گفتگو کنند.',
  he: 'השגריר נפגש היום עם שר החוץ כדי לדון בסחר, בשיתוף פעולה בנושא האקלים ובפסגה הבאה.',
  el: 'Ο πρέσβης συναντήθηκε σήμερα με τον υπουργό Εξωτερικών για να συζητήσουν το εμπόριο, το κλίμα και την επόμενη σύνοδο.',
  hi: 'राजदूत ने आज विदेश मंत्री से मुलाकात की और व्यापार, जलवायु सहयोग और अगले शिखर सम्मेलन पर चर्चा की।',
  zh: '大使今天会见了外交部长，双方讨论了贸易、气候合作以及下一次峰会的安排。',
  ja: '大使は本日、外務大臣と会談し、貿易や気候変動の協力、次回の首脳会議について話し合いました。',
  ko: '대사는 오늘 외교부 장관을 만나 무역과 기후 협력, 그리고 다음 정상회의에 대해 논의했습니다.',
  ro: 'Ambasadorul s-a întâlnit astăzi cu ministrul afacerilor externe pentru a discuta despre comerț, climă și următorul summit.',
  cs: 'Velvyslanec se dnes setkal s ministrem zahraničních věcí, aby spolu jednali o obchodu, klimatu a příštím summitu.',
  hu: 'A nagykövet ma találkozott a külügyminiszterrel, hogy megvitassák a kereskedelmet, az éghajlatot és a következő csúcstalálkozót.',
  fi: 'Suurlähettiläs tapasi tänään ulkoministerin keskustellakseen kaupasta, ilmastoyhteistyöstä ja seuraavasta huippukokouksesta.',
  da: 'Ambassadøren mødtes i dag med udenrigsministeren for at drøfte handel, klimasamarbejde og det næste topmøde.',
  no: 'Ambassadøren møtte i dag utenriksministeren for å drøfte handel, klimasamarbeid og det neste toppmøtet.',
  bg: 'Посланикът се срещна днес с министъра на външните работи, за да обсъдят търговията, климата и следващата среща на върха.',
  lt: 'Ambasadorius šiandien susitiko su užsienio reikalų ministru aptarti prekybos, klimato ir kito aukščiausiojo lygio susitikimo.',
  ka: 'ელჩი დღეს შეხვდა საგარეო საქმეთა მინისტრს ვაჭრობის, კლიმატისა და მომავალი სამიტის განსახილველად.',
  hy: 'Դեսպանը այսօր հանդիպեց արտաքին գործերի նախարարի հետ՝ քննարկելու առևտուրը, կլիման և հաջորդ գագաթնաժողովը։',
  kk: 'Елші бүгін сыртқы істер министрімен кездесіп, сауда, климат және келесі саммит туралы талқылады.',
  vi: 'Đại sứ hôm nay đã gặp Bộ trưởng Ngoại giao để thảo luận về thương mại, hợp tác khí hậu và hội nghị thượng đỉnh sắp tới.',
  ur: 'سفیر نے آج وزیر خارجہ سے ملاقات کی اور تجارت، موسمیاتی تعاون اور اگلے سربراہی اجلاس پر بات چیت کی۔',
  sw: 'Balozi amekutana leo na waziri wa mambo ya nje kujadili biashara, ushirikiano wa hali ya hewa na mkutano ujao wa kilele.',
};

describe('detectLanguage', () => {
  it.each(Object.entries(SENTENCES))('%s', (lang, sentence) => {
    expect(DEFAULT_LANGUAGES).toContain(lang);
    expect(detectLanguage(sentence)).toBe(lang);
  });

  it('returns null for short texts and for texts that are only links, mentions, hashtags or emoji', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Thank you!')).toBeNull();
    expect(detectLanguage('https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/')).toBeNull();
    expect(
      detectLanguage('@EU_Commission @UN @ambassador@social.example.org #Diplomacy #ClimateAction'),
    ).toBeNull();
    expect(detectLanguage('🇫🇷🤝🇩🇪 👏👏👏 https://t.co/abcdefghij')).toBeNull();
    expect(detectLanguage('12 345 678 — 2024-03-01 — 10:00')).toBeNull();
  });

  it('reads the language of the words, not of the links, mentions and hashtags around them', () => {
    const post =
      '@EU_Commission @UN #ClimateAction #UnitedNations https://example.org/press-release-on-the-climate-summit-today ' +
      "Nous saluons l'accord conclu aujourd'hui entre les deux pays.";
    expect(languageSample(post)).toBe("Nous saluons l'accord conclu aujourd'hui entre les deux pays.");
    expect(detectLanguage(post)).toBe('fr');
  });

  it('only returns one of the candidates, and null when the script fits none', () => {
    expect(detectLanguage(SENTENCES.fr!, ['fr'])).toBe('fr');
    expect(detectLanguage(SENTENCES.pt!, ['es', 'en'])).toBe('es');
    expect(detectLanguage(SENTENCES.ru!, ['en', 'fr'])).toBeNull();
    expect(detectLanguage(SENTENCES.ja!, ['zh', 'ko'])).toBeNull();
    expect(detectLanguage(SENTENCES.en!, ['xx'])).toBeNull();
    expect(detectLanguage(SENTENCES.en!, ['constructor', '__proto__'])).toBeNull();
    expect(detectLanguage(SENTENCES.en!, [])).toBeNull();
  });

  it('tells close relatives apart when the caller narrows the candidates', () => {
    const sl =
      'Veleposlanik se je danes sestal z ministrom za zunanje zadeve, da bi se pogovorila o trgovini, podnebju in naslednjem vrhu.';
    const mk =
      'Амбасадорот денеска се сретна со министерот за надворешни работи за да разговараат за трговијата, климата и следниот самит.';
    expect(detectLanguage(sl, ['sl', 'en', 'de', 'it'])).toBe('sl');
    expect(detectLanguage(mk, ['mk', 'en', 'sq'])).toBe('mk');
    expect(detectLanguage(mk)).not.toBe('mk'); // Macedonian is not a default candidate
  });

  it('accepts candidates in any case and reports Persian, Chinese and Norwegian by their ISO 639-1 codes', () => {
    expect(detectLanguage(SENTENCES.fa!, ['FA', 'AR'])).toBe('fa');
    expect(detectLanguage(SENTENCES.zh!, ['zh', 'ja'])).toBe('zh');
    expect(detectLanguage(SENTENCES.no!, ['nb', 'da', 'sv'])).toBe('no');
  });
});

describe('normaliseLang', () => {
  it.each([
    ['en-US', 'en'],
    ['EN', 'en'],
    [' fr ', 'fr'],
    ['zh-Hant', 'zh'],
    ['zh_CN', 'zh'],
    ['pt-BR', 'pt'],
    ['in', 'id'],
    ['iw', 'he'],
    ['nb', 'no'],
    ['fra', 'fr'],
    ['cmn', 'zh'],
    ['ger', 'de'],
    ['fil', 'tl'],
    ['haw', 'haw'],
  ])('%j → %j', (tag, expected) => {
    expect(normaliseLang(tag)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    'und',
    'UND',
    'zxx',
    'mul',
    'mis',
    'qme',
    'qht',
    'qam',
    'english',
    'x-klingon',
    '1',
  ])('%j → null', (tag) => {
    expect(normaliseLang(tag)).toBeNull();
  });
});
