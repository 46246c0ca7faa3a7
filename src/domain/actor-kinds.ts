export const ACTOR_KINDS = [
  'ministry',
  'embassy',
  'high-commission',
  'consulate',
  'permanent-mission',
  'delegation',
  'nunciature',
  'representative-office',
  'person',
  'other',
] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

export function isActorKind(value: string): value is ActorKind {
  return (ACTOR_KINDS as readonly string[]).includes(value);
}

// Order matters: "permanent delegation" is a permanent mission, "high commission" is not a commission.
const RULES: readonly [RegExp, ActorKind][] = [
  [
    /\b(ministry|ministerium|department of state|foreign office|department of foreign|global affairs|public service foreign|department of foreign affairs|ministère|external affairs)\b/i,
    'ministry',
  ],
  [/\bpermanent (mission|representation|delegation)\b|\bpermanent representative\b/i, 'permanent-mission'],
  [/\bhigh commission\b/i, 'high-commission'],
  [/\b(nunciature|apostolic delegation)\b/i, 'nunciature'],
  [/\bdelegation\b/i, 'delegation'],
  [/\b(consulate|consular|consul)\b/i, 'consulate'],
  [
    /\b(de facto embassy|liaison office|representative office|representation office|trade office|interests section|government office|economic and trade office|office)\b/i,
    'representative-office',
  ],
  [/\b(embassy|diplomatic mission|ambassade|botschaft|embajada)\b/i, 'embassy'],
];

/** Classifies a mission type label or an organisation name ("consulate general", "Embassy of X in Y"). */
export function classifyActorKind(text: string): ActorKind {
  for (const [re, kind] of RULES) if (re.test(text)) return kind;
  return 'other';
}
