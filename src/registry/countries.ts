import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Queryable } from '../db/database.js';

export interface Country {
  code: string;
  alpha3: string | null;
  name: string;
  kind: 'state' | 'territory' | 'partially-recognised' | 'organisation' | 'other';
  wikidataQids: string[];
  aliases: string[];
}

const rowSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/),
  alpha3: z.string(),
  name: z.string().min(1),
  kind: z.enum(['state', 'territory', 'partially-recognised', 'organisation', 'other']),
  wikidata_qids: z.string(),
  aliases: z.string(),
});

const split = (s: string) => s.split('|').filter(Boolean);

/** The bundled country table (ISO 3166-1 alpha-2 plus codes for organisations): data/registry/countries.csv. */
export function loadCountries(dataDir: string): Country[] {
  const records = parse<unknown>(readFileSync(path.join(dataDir, 'registry', 'countries.csv')), {
    columns: true,
    skip_empty_lines: true,
  });
  return records.map((r) => {
    const row = rowSchema.parse(r);
    return {
      code: row.code,
      alpha3: row.alpha3 || null,
      name: row.name,
      kind: row.kind,
      wikidataQids: split(row.wikidata_qids),
      aliases: split(row.aliases),
    };
  });
}

/** Makes the countries table equal to the bundled list (insert new, update changed; never delete: rows refer to them). */
export async function seedCountries(db: Queryable, countries: readonly Country[]): Promise<void> {
  await db.query(
    `INSERT INTO countries (code, alpha3, name, kind, wikidata_qids, aliases)
     SELECT code, alpha3, name, kind, ARRAY(SELECT jsonb_array_elements_text(qids)), ARRAY(SELECT jsonb_array_elements_text(aliases))
     FROM jsonb_to_recordset($1::jsonb) AS c(code text, alpha3 text, name text, kind text, qids jsonb, aliases jsonb)
     ON CONFLICT (code) DO UPDATE SET alpha3 = EXCLUDED.alpha3, name = EXCLUDED.name, kind = EXCLUDED.kind,
       wikidata_qids = EXCLUDED.wikidata_qids, aliases = EXCLUDED.aliases
     WHERE (countries.alpha3, countries.name, countries.kind, countries.wikidata_qids, countries.aliases)
       IS DISTINCT FROM (EXCLUDED.alpha3, EXCLUDED.name, EXCLUDED.kind, EXCLUDED.wikidata_qids, EXCLUDED.aliases)`,
    [
      JSON.stringify(
        countries.map((c) => ({
          code: c.code,
          alpha3: c.alpha3,
          name: c.name,
          kind: c.kind,
          qids: c.wikidataQids,
          aliases: c.aliases,
        })),
      ),
    ],
  );
}
