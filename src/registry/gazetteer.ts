import type { Country } from './countries.js';

/**
 * Resolves the ways sources name a place to a country code: Wikidata QIDs, names and aliases,
 * jurisdiction slugs ("czech-republic"), names inside a mission's title ("… to the United Nations, Geneva"),
 * and host cities learned from the registry data itself.
 */
export class Gazetteer {
  private readonly byQid = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly patterns: { code: string; re: RegExp; length: number }[] = [];
  private readonly cities = new Map<string, string | null>();
  readonly countries: ReadonlyMap<string, Country>;

  constructor(countries: readonly Country[]) {
    this.countries = new Map(countries.map((c) => [c.code, c]));
    for (const c of countries) {
      for (const q of c.wikidataQids) this.byQid.set(q, c.code);
      for (const n of [c.name, ...c.aliases]) {
        this.byName.set(fold(n), c.code);
        // Short upper-case aliases ("UN", "EU", "UK") only match as written; names match case-insensitively.
        const exact = n.length <= 5 && n === n.toUpperCase();
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, exact ? 'u' : 'iu');
        this.patterns.push({ code: c.code, re, length: n.length });
      }
      this.byName.set(fold(c.code), c.code);
    }
    this.patterns.sort((a, b) => b.length - a.length);
  }

  has(code: string): boolean {
    return this.countries.has(code);
  }

  fromQid(qid: string): string | null {
    return this.byQid.get(qid.replace(/^.*\//, '')) ?? null;
  }

  /** A code ("FR", "nato"), an English name or alias, or a slug ("czech-republic", "united-states/new-york"). */
  fromName(name: string): string | null {
    const n = name.trim();
    if (!n) return null;
    return this.byName.get(fold(n)) ?? this.byName.get(fold(n.split('/')[0]!.replace(/-/g, ' '))) ?? null;
  }

  /** Teaches the gazetteer that a city lies in a country; a city seen in two countries stays ambiguous. */
  learnCity(city: string, code: string): void {
    const key = fold(city);
    if (!key) return;
    const known = this.cities.get(key);
    if (known === undefined) this.cities.set(key, code);
    else if (known !== code) this.cities.set(key, null);
  }

  fromCity(city: string): string | null {
    return this.cities.get(fold(city)) ?? null;
  }

  /**
   * The host named in a mission's title or description: a country or organisation after "to"/"in",
   * else any country named other than the sender, else the city after the last comma.
   */
  hostFromText(texts: readonly string[], sending: string): string | null {
    for (const text of texts) {
      const m = /\b(?:to|in|at|for)\s+(?:the\s+)?(.+)$/iu.exec(text);
      if (m) {
        const found = this.findIn(m[1]!, sending);
        if (found) return found;
      }
    }
    for (const text of texts) {
      const found = this.findIn(text, sending);
      if (found) return found;
    }
    for (const text of texts) {
      const parts = text.split(/,|\bin\b/);
      for (let i = parts.length - 1; i > 0; i--) {
        const code = this.fromCity(parts[i]!.trim());
        if (code && code !== sending) return code;
      }
      const words = text.split(/\s+/);
      const last = words[words.length - 1];
      const code = last ? this.fromCity(last) : null;
      if (code && code !== sending) return code;
    }
    return null;
  }

  private findIn(text: string, sending: string): string | null {
    for (const p of this.patterns) if (p.code !== sending && p.re.test(text)) return p.code;
    return null;
  }
}

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
