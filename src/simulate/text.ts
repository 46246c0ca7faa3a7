import type { Lang } from './tables.js';
import type { Rng } from './rng.js';

/** A post's text as runs, so that each writer can place its entities (offsets, HTML, Telegram runs). */
export type Segment =
  | { type: 'text'; text: string }
  | { type: 'tag'; text: string; tag: string }
  | { type: 'mention'; text: string; accountIndex: number; handle: string }
  | { type: 'link'; text: string; url: string };

export const plainOf = (segments: readonly Segment[]): string => segments.map((s) => s.text).join('');

const TOPICS: Record<Lang, string[]> = {
  en: [
    'renewable energy',
    'cultural exchange',
    'education partnerships',
    'trade and investment',
    'climate resilience',
    'digital innovation',
    'public health cooperation',
    'youth mobility',
  ],
  fr: [
    'les énergies renouvelables',
    'les échanges culturels',
    "l'éducation",
    'le commerce et les investissements',
    'la résilience climatique',
    "l'innovation numérique",
    'la santé publique',
    'la mobilité des jeunes',
  ],
  ru: [
    'возобновляемой энергетике',
    'культурном обмене',
    'образовательных программах',
    'торговле и инвестициях',
    'климатической устойчивости',
    'цифровых инновациях',
    'здравоохранении',
    'молодёжных обменах',
  ],
  es: [
    'las energías renovables',
    'el intercambio cultural',
    'la educación',
    'el comercio y la inversión',
    'la resiliencia climática',
    'la innovación digital',
    'la salud pública',
    'la movilidad juvenil',
  ],
  ar: [
    'الطاقة المتجددة',
    'التبادل الثقافي',
    'الشراكات التعليمية',
    'التجارة والاستثمار',
    'التكيف مع المناخ',
    'الابتكار الرقمي',
    'الصحة العامة',
    'تنقل الشباب',
  ],
  zh: [
    '可再生能源',
    '文化交流',
    '教育合作',
    '贸易与投资',
    '气候韧性',
    '数字创新',
    '公共卫生合作',
    '青年交流',
  ],
  it: [
    'le energie rinnovabili',
    'gli scambi culturali',
    "l'istruzione",
    'il commercio e gli investimenti',
    'la resilienza climatica',
    "l'innovazione digitale",
    'la salute pubblica',
    'la mobilità giovanile',
  ],
  de: [
    'erneuerbare Energien',
    'kulturellen Austausch',
    'Bildungspartnerschaften',
    'Handel und Investitionen',
    'Klimaresilienz',
    'digitale Innovation',
    'Gesundheitszusammenarbeit',
    'Jugendaustausch',
  ],
  pt: [
    'as energias renováveis',
    'o intercâmbio cultural',
    'a educação',
    'o comércio e o investimento',
    'a resiliência climática',
    'a inovação digital',
    'a saúde pública',
    'a mobilidade juvenil',
  ],
};

// {t} = topic, {p} = place. Bland, clearly generic, long enough for a language detector.
const TEMPLATES: Record<Lang, string[]> = {
  en: [
    'Today our team met partners in {p} to discuss {t}. A productive exchange that strengthens our friendship.',
    'We are pleased to share an update on {t} with colleagues from {p}. Our cooperation continues to grow.',
    'Thank you to everyone who joined our reception on {t}. It was a pleasure to welcome so many friends.',
    'Our ambassador visited {p} this week to learn more about local initiatives on {t}.',
    'Join us next week for an open discussion on {t}. Registration details will follow soon.',
    'A warm welcome to the delegation from {p}. Dialogue and partnership remain at the heart of our work.',
  ],
  fr: [
    "Aujourd'hui, notre équipe a rencontré des partenaires à {p} pour parler de {t}. Un échange très productif.",
    'Nous sommes heureux de partager les dernières nouvelles sur {t} avec nos collègues de {p}.',
    'Merci à toutes celles et à tous ceux qui ont participé à notre réception consacrée à {t}.',
    "Notre ambassadeur s'est rendu à {p} cette semaine pour découvrir les initiatives locales sur {t}.",
    'Rejoignez-nous la semaine prochaine pour une discussion ouverte sur {t}. Les inscriptions seront bientôt ouvertes.',
  ],
  ru: [
    'Сегодня наша команда встретилась с партнёрами в {p}, чтобы обсудить сотрудничество в {t}. Продуктивный обмен мнениями.',
    'Рады поделиться новостями о {t} с коллегами из {p}. Наше сотрудничество продолжает развиваться.',
    'Благодарим всех, кто посетил наш приём, посвящённый {t}. Было приятно видеть так много друзей.',
    'На этой неделе посол посетил {p}, чтобы узнать больше о местных инициативах в {t}.',
    'Приглашаем на открытую дискуссию о {t} на следующей неделе. Подробности о регистрации будут позже.',
  ],
  es: [
    'Hoy nuestro equipo se reunió con socios en {p} para conversar sobre {t}. Un intercambio muy productivo.',
    'Nos complace compartir novedades sobre {t} con colegas de {p}. Nuestra cooperación sigue creciendo.',
    'Gracias a todas las personas que asistieron a nuestra recepción dedicada a {t}. Fue un placer recibirles.',
    'Nuestro embajador visitó {p} esta semana para conocer las iniciativas locales sobre {t}.',
    'Acompáñanos la próxima semana en un diálogo abierto sobre {t}. Pronto compartiremos los detalles.',
  ],
  ar: [
    'التقى فريقنا اليوم بالشركاء في {p} لمناقشة {t}. كان تبادلا مثمرا يعزز علاقات الصداقة بيننا.',
    'يسعدنا أن نشارك آخر المستجدات حول {t} مع الزملاء من {p}. يستمر تعاوننا في النمو.',
    'شكرا لكل من شارك في حفل الاستقبال المخصص لموضوع {t}. كان من دواعي سرورنا الترحيب بكم.',
    'زار السفير {p} هذا الأسبوع للتعرف على المبادرات المحلية في مجال {t}.',
    'انضموا إلينا الأسبوع المقبل في حوار مفتوح حول {t}. سننشر تفاصيل التسجيل قريبا.',
  ],
  zh: [
    '今天，我们的团队在{p}与合作伙伴会面，讨论{t}方面的合作。这是一次富有成果的交流，进一步加深了我们的友谊。',
    '我们很高兴与来自{p}的同事分享关于{t}的最新进展。双方合作正在不断深化和扩大。',
    '感谢所有参加我们以{t}为主题的招待会的朋友们。很高兴能够欢迎这么多朋友的到来。',
    '本周，大使访问了{p}，深入了解当地在{t}领域的各项倡议和实践经验。',
  ],
  it: [
    'Oggi il nostro team ha incontrato i partner a {p} per parlare di {t}. Uno scambio davvero produttivo.',
    'Siamo lieti di condividere gli ultimi aggiornamenti su {t} con i colleghi di {p}.',
    'Grazie a tutti coloro che hanno partecipato al nostro ricevimento dedicato a {t}.',
    "Questa settimana l'ambasciatore ha visitato {p} per conoscere le iniziative locali su {t}.",
  ],
  de: [
    'Heute hat sich unser Team mit Partnern in {p} getroffen, um über {t} zu sprechen. Ein sehr guter Austausch.',
    'Wir freuen uns, mit den Kolleginnen und Kollegen aus {p} Neuigkeiten über {t} zu teilen.',
    'Vielen Dank an alle, die unseren Empfang zum Thema {t} besucht haben. Es war uns eine Freude.',
    'Der Botschafter hat diese Woche {p} besucht, um mehr über lokale Initiativen für {t} zu erfahren.',
  ],
  pt: [
    'Hoje a nossa equipa reuniu-se com parceiros em {p} para conversar sobre {t}. Um intercâmbio muito produtivo.',
    'Temos o prazer de partilhar novidades sobre {t} com colegas de {p}. A nossa cooperação continua a crescer.',
    'Obrigado a todos os que participaram na nossa receção dedicada a {t}. Foi um prazer receber tantos amigos.',
    'O embaixador visitou {p} esta semana para conhecer as iniciativas locais sobre {t}.',
  ],
};

/** Invented hashtags only (no real campaign names); every one starts with "Sim". */
export const ORDINARY_TAGS = [
  'SimBridgeWeek',
  'SimCultureDays',
  'SimTradeForum',
  'SimGreenFuture',
  'SimYouthVoices',
  'SimOpenDoors',
  'SimHealthTogether',
  'SimDigitalDialogue',
  'SimOceanWatch',
  'SimHeritageMonth',
  'SimScienceLink',
  'SimFriendshipYear',
];

const CAMPAIGN_A = [
  'Solidarity',
  'Ocean',
  'Harvest',
  'Horizon',
  'Unity',
  'Lantern',
  'Compass',
  'Meridian',
  'Beacon',
  'Summit',
];
const CAMPAIGN_B = [
  'Bridge',
  'Pact',
  'Pledge',
  'Promise',
  'Charter',
  'Accord',
  'Alliance',
  'Path',
  'Circle',
  'Forum',
];

export function campaignTag(rng: Rng, used: Set<string>): string {
  for (;;) {
    const tag = `Sim${rng.pick(CAMPAIGN_A)}${rng.pick(CAMPAIGN_B)}${2026 + rng.int(3)}`;
    if (!used.has(tag)) {
      used.add(tag);
      return tag;
    }
  }
}

const PLACE_FALLBACK: Record<Lang, string> = {
  en: 'the capital',
  fr: 'la capitale',
  ru: 'столице',
  es: 'la capital',
  ar: 'العاصمة',
  zh: '首都',
  it: 'la capitale',
  de: 'der Hauptstadt',
  pt: 'a capital',
};

/** A bland sentence in a language about a random topic, placed in `place` (a country name) when given. */
export function sentence(rng: Rng, lang: Lang, place: string | null): string {
  const topic = rng.pick(TOPICS[lang]);
  return rng
    .pick(TEMPLATES[lang])
    .replace('{t}', topic)
    .replace('{p}', place ?? PLACE_FALLBACK[lang]);
}

export const CAMPAIGN_TEXT = {
  launch:
    'Today we launch a new initiative for cooperation and shared prosperity. Join us and spread the word!',
  adopt:
    'We proudly support this initiative of our partners. Together we build a stronger future for everyone.',
  coopt:
    'Behind this slogan lies a one-sided story. The real facts tell a very different tale, read them here.',
};

export const EXCHANGE_TEXT = [
  'This picture shows what really happened. The facts speak for themselves, whatever others claim.',
  'Our image tells the true story. Stop spreading distortions about our country and our people.',
  'Another staged photo from our colleagues. Look closer and compare it with this one.',
  'Pictures do not lie, but captions can. Here is the full picture for everyone to judge.',
];

export const BREACH_TEXT = {
  'internal-politics': [
    'Personal view: the {h} government budget plan is a mistake, and the opposition is right to block it in parliament.',
    'Watching the {h} election campaign closely. Frankly, the ruling party deserves to lose this time.',
    'The new {h} law on local elections is unfair to the opposition. Parliament should vote it down.',
  ],
  'commercial-endorsement': [
    'Loving my new SimBrew espresso machine, best purchase of the year. Highly recommend it to everyone!',
    'Great deals at SimMart this weekend, everyone should go and shop there. You will not regret it!',
    'Switched to SimPhone X2 last month and it is fantastic. Get one today with the code SIMDIP10!',
  ],
} as const;
export type BreachKind = keyof typeof BREACH_TEXT;

export const PUBLIC_REPLY_TEXT = [
  'Thank you for the update, this is very interesting and useful for our community.',
  'When will the consulate open new appointment slots for visas? Many of us are waiting.',
  'Great initiative, looking forward to the next event in our city!',
  'Could you share more details about the programme and how to apply?',
  'Wonderful photos, thanks for sharing them with all of us here.',
];

export const IMPERSONATOR_TEXT = [
  'Visa appointments available now for a small fee. Send us a direct message to book your slot today.',
  'Official announcement: new scholarship programme open. Apply through the link in our profile now.',
  'We are giving away travel grants to our followers. Reply with your email address to take part.',
];

const SYLLABLES = [
  'ma',
  'ra',
  'lin',
  'vel',
  'to',
  'sa',
  'ke',
  'dor',
  'ni',
  'ta',
  'lo',
  'ven',
  'mi',
  'ar',
  'bel',
  'zo',
];

/** A made-up personal name ("Mara Velto"): clearly not a real person's. */
export function personName(rng: Rng): string {
  const word = (n: number) => {
    let w = '';
    for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  return `${word(2)} ${word(2 + rng.int(2))}`;
}
