import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stars } from '../../src/analytics/index.js';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { simulate } from '../../src/simulate/index.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';

const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../../data');
const DAYS = 45;
// The simulator plants about 20 stars per 200,000 posts: 100,000 posts give about ten, enough for a recall of 0.9
// to mean something. PGlite only (the ranking and star tests on fixtures cover both backends).
const POSTS = 100_000;

interface Truth {
  stars: { postId: string; platform: string; multiplier: number; interactions: number }[];
}

describe.each(backends().slice(0, 1))('star posts of a simulated world on $name', (backend) => {
  let db: Database;
  let truth: Truth;
  let end: string;
  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry({ db, dataDir, now: fixedNow });
    const out = mkdtempSync(path.join(tmpdir(), 'attache-stars-sim-'));
    const summary = await simulate({ db, seed: 'stars', posts: POSTS, days: DAYS, out });
    truth = JSON.parse(readFileSync(summary.truthFile, 'utf8')) as Truth;
    // The simulation covers [start, end): its last day is the day before `end`.
    end = new Date(Date.parse(summary.end) - 1).toISOString().slice(0, 10);
    const imported = await runImport(db, [summary.dataDir]);
    expect(imported.issues).toBe(0);
  }, 600_000);
  afterAll(async () => {
    await db?.close();
  });

  it('finds the planted star posts with recall >= 0.9 and precision >= 0.8', async () => {
    const r = await stars(db, { days: DAYS, to: end });
    const key = (platform: string, id: string) => `${platform}\u0000${id}`;
    const planted = new Set(truth.stars.map((s) => key(s.platform, s.postId)));
    const found = new Set(r.stars.map((s) => key(s.platform, s.platformPostId)));
    const hits = [...found].filter((k) => planted.has(k)).length;
    const recall = hits / planted.size;
    const precision = found.size ? hits / found.size : 0;
    console.log(
      `[stars on ${backend.name}] planted ${planted.size}, found ${found.size}, true positives ${hits}: ` +
        `recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`,
    );
    expect(planted.size).toBeGreaterThan(0);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.8);
  });
});
