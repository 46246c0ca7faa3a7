import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importRegistry } from '../../src/registry/import.js';
import { simulate } from '../../src/simulate/index.js';
import { backends } from '../helpers/backends.js';
import { fixedNow, runImport } from '../helpers/import.js';
import type { ImportSummary } from '../../src/ingest/import.js';

const dataDir = path.resolve(fileURLToPath(import.meta.url), '../../../data');

interface TruthPost {
  postId: string;
  platform: string;
  handle: string;
  userId: string;
  country: string | null;
  at: string;
}
interface Truth {
  counts: { posts: number; byPlatform: Record<string, number> };
  campaigns: {
    tag: string;
    launcherCountry: string;
    allies: string[];
    adopters: { country: string; handle: string; userId: string; firstUse: string; postId: string }[];
    coopter: { country: string; firstUse: string; posts: TruthPost[] } | null;
    posts: (TruthPost & { role: string })[];
  }[];
  exchanges: {
    countries: [string, string];
    posts: (TruthPost & { kind: string; targetId: string | null })[];
  }[];
  stars: (TruthPost & {
    multiplier: number;
    interactions: number;
    followerJump: number;
    followersBefore: number;
  })[];
  impersonators: {
    handle: string;
    userId: string;
    displayName: string;
    technique: string;
    avatar: string;
    target: { handle: string; userId: string; avatar: string };
    posts: string[];
  }[];
  breaches: (TruthPost & { kind: string })[];
  dormant: { handle: string; userId: string; from: string }[];
  deleted: TruthPost[];
  edited: (TruthPost & { editedAt: string; previousId: string | null })[];
  handleChanges: { userId: string; oldHandle: string; newHandle: string; from: string }[];
}

/** Walks a folder and returns the files whose name matches. */
function files(dir: string, match: RegExp): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p, match));
    else if (match.test(e)) out.push(p);
  }
  return out;
}

/** What a look-alike handle reads as: Cyrillic а as a, rn as m, underscores and trailing digits dropped. */
const skeleton = (h: string) =>
  h
    .replace(/\u0430/g, 'a')
    .replace(/\u0410/g, 'A')
    .toLowerCase()
    .replace(/rn/g, 'm')
    .replace(/_+$/, '')
    .replace(/\d+$/, '');

/** RGB pixels of one of our PNGs (8-bit RGB, filter 0 on every row). */
function pixels(file: string): Buffer {
  const png = readFileSync(file);
  const width = png.readUInt32BE(16);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Buffer[] = [];
  for (let y = 0; y * (width * 3 + 1) < raw.length; y++)
    rows.push(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)));
  return Buffer.concat(rows);
}

describe.each(backends())('a simulated world imported on $name', (backend) => {
  let db: Database;
  let out: string;
  let truth: Truth;
  let imported: ImportSummary;
  const q = <T>(sql: string, params: unknown[] = []) => db.query<T>(sql, params);

  beforeAll(async () => {
    db = await backend.fresh();
    await importRegistry({ db, dataDir, now: fixedNow });
    out = mkdtempSync(path.join(tmpdir(), 'attache-sim-'));
    const summary = await simulate({ db, seed: 'integration', posts: 20_000, days: 30, out });
    truth = JSON.parse(readFileSync(summary.truthFile, 'utf8')) as Truth;
    imported = await runImport(db, [summary.dataDir]);
  }, 600_000);
  afterAll(async () => {
    await db?.close();
  });

  it('imports with zero issues, and every post of the truth is accepted once', async () => {
    expect(imported.issues).toBe(0);
    expect(imported.skipped).toBe(0);
    expect(truth.counts.posts).toBe(20_000);
    expect(imported.accepted).toBe(truth.counts.posts);
    const rows = await q<{ platform: string; n: number }>(
      'SELECT platform, count(*)::int AS n FROM posts GROUP BY 1',
    );
    expect(Object.fromEntries(rows.map((r) => [r.platform, r.n]))).toEqual(truth.counts.byPlatform);
    const issues = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM ingest_issues i JOIN ingest_runs r ON r.id = i.run_id WHERE r.id = $1',
      [imported.run],
    );
    expect(issues[0]!.n).toBe(0);
  });

  it('links most X posts to registry actors, so per-country aggregates work', async () => {
    const [r] = await q<{ linked: number; total: number; countries: number }>(
      `SELECT count(c.actor_id)::int AS linked, count(*)::int AS total, count(DISTINCT a.sending_country)::int AS countries
       FROM posts p JOIN channels c ON c.id = p.channel_id LEFT JOIN actors a ON a.id = c.actor_id WHERE p.platform = 'x'`,
    );
    expect(r!.linked / r!.total).toBeGreaterThan(0.8);
    expect(r!.countries).toBeGreaterThan(50);
  });

  it('puts each campaign tag in the posts of its launcher, adopters and co-opter, first used when the truth says', async () => {
    expect(truth.campaigns.length).toBeGreaterThanOrEqual(2);
    expect(truth.campaigns.some((c) => c.coopter)).toBe(true);
    for (const c of truth.campaigns) {
      const uses = await q<{ userId: string; country: string | null; first: Date; n: number }>(
        `SELECT c.platform_user_id AS "userId", a.sending_country AS country, min(p.published_at) AS first, count(*)::int AS n
         FROM post_hashtags h JOIN posts p ON p.id = h.post_id JOIN channels c ON c.id = p.channel_id
         LEFT JOIN actors a ON a.id = c.actor_id WHERE h.tag_norm = lower($1) GROUP BY 1, 2`,
        [c.tag],
      );
      const byUser = new Map(uses.map((u) => [u.userId, u]));
      expect(uses.reduce((s, u) => s + u.n, 0)).toBe(c.posts.length);
      for (const a of c.adopters) {
        const u = byUser.get(a.userId);
        expect(u, `${c.tag} by ${a.handle}`).toBeDefined();
        expect(u!.first.toISOString()).toBe(a.firstUse);
        expect(u!.country).toBe(a.country);
      }
      const countries = new Set(c.adopters.map((a) => a.country));
      expect(countries.has(c.launcherCountry)).toBe(true);
      for (const x of countries) expect([c.launcherCountry, ...c.allies]).toContain(x);
      if (c.coopter) {
        const co = uses.filter((u) => u.country === c.coopter!.country);
        expect(co.length).toBeGreaterThan(0);
        expect(new Date(Math.min(...co.map((u) => u.first.getTime()))).toISOString()).toBe(
          c.coopter.firstUse,
        );
        expect(c.coopter.firstUse > c.adopters[0]!.firstUse).toBe(true);
      }
    }
  });

  it('chains each exchange: image posts of two countries, each replying to or quoting the one before, within hours', async () => {
    expect(truth.exchanges.length).toBeGreaterThanOrEqual(1);
    for (const e of truth.exchanges) {
      const ids = e.posts.map((p) => p.postId);
      const rows = await q<{
        id: string;
        kind: string;
        country: string;
        at: Date;
        media: number;
        target: string | null;
      }>(
        `SELECT p.platform_post_id AS id, p.kind, a.sending_country AS country, p.published_at AS at,
                (SELECT count(*)::int FROM post_media m WHERE m.post_id = p.id) AS media,
                (SELECT r.target_platform_post_id FROM post_refs r WHERE r.post_id = p.id AND r.ref_kind IN ('reply', 'quote') LIMIT 1) AS target
         FROM posts p JOIN channels c ON c.id = p.channel_id JOIN actors a ON a.id = c.actor_id
         WHERE p.platform = 'x' AND p.platform_post_id = ANY($1::text[]) ORDER BY p.published_at`,
        [ids],
      );
      expect(rows.map((r) => r.id)).toEqual(ids);
      rows.forEach((r, i) => {
        expect(r.media).toBeGreaterThan(0);
        expect(r.country).toBe(e.countries[i % 2]);
        expect(r.target).toBe(i === 0 ? null : ids[i - 1]);
        if (i > 0) expect(['reply', 'quote']).toContain(r.kind);
      });
      expect(rows.at(-1)!.at.getTime() - rows[0]!.at.getTime()).toBeLessThan(24 * 3_600_000);
    }
  });

  it('gives each star post at least 8× the median of its account’s previous 100 originals, then a follower jump', async () => {
    expect(truth.stars.length).toBeGreaterThanOrEqual(2);
    for (const s of truth.stars) {
      // Final observation of each original of the star's account, in publication order.
      const rows = await q<{ id: string; at: Date; total: number }>(
        `SELECT p.platform_post_id AS id, p.published_at AS at,
                (SELECT m.likes + m.reposts + m.replies + m.quotes FROM post_metrics m WHERE m.post_id = p.id
                 ORDER BY m.observed_at DESC LIMIT 1)::int AS total
         FROM posts p JOIN channels c ON c.id = p.channel_id
         WHERE c.platform = $1 AND c.platform_user_id = $2 AND p.kind = 'original' ORDER BY p.published_at, p.platform_post_id`,
        [s.platform, s.userId],
      );
      const i = rows.findIndex((r) => r.id === s.postId);
      expect(i).toBeGreaterThanOrEqual(20);
      const previous = rows
        .slice(Math.max(0, i - 100), i)
        .map((r) => r.total)
        .sort((a, b) => a - b);
      const mid = previous.length >> 1;
      const median = previous.length % 2 ? previous[mid]! : (previous[mid - 1]! + previous[mid]!) / 2;
      expect(rows[i]!.total).toBe(s.interactions);
      expect(rows[i]!.total).toBeGreaterThanOrEqual(8 * median);
      const at = new Date(s.at);
      const [f] = await q<{ before: number; after: number }>(
        `SELECT (SELECT followers FROM channel_snapshots x WHERE x.channel_id = c.id AND x.observed_at < $3 ORDER BY observed_at DESC LIMIT 1)::int AS before,
                (SELECT max(followers) FROM channel_snapshots x WHERE x.channel_id = c.id AND x.observed_at BETWEEN $3 AND $4)::int AS after
         FROM channels c WHERE c.platform = $1 AND c.platform_user_id = $2`,
        [s.platform, s.userId, at, new Date(at.getTime() + 48 * 3_600_000)],
      );
      expect(f!.after - f!.before).toBeGreaterThanOrEqual(s.followerJump * 0.8);
    }
    // Ordinary originals stay within 3× the median of their account's previous 100 originals.
    const [ordinary] = await q<{ over: number; n: number }>(
      `WITH o AS (
         SELECT p.channel_id, p.platform_post_id AS id, p.published_at,
                (SELECT m.likes + m.reposts + m.replies + m.quotes FROM post_metrics m WHERE m.post_id = p.id ORDER BY m.observed_at DESC LIMIT 1) AS total
         FROM posts p WHERE p.kind = 'original' AND p.platform = 'x'),
       r AS (
         SELECT o.id, o.total, percentile_cont(0.5) WITHIN GROUP (ORDER BY prev.t) AS median, count(*) AS prior
         FROM o CROSS JOIN LATERAL (SELECT o2.total AS t FROM o o2 WHERE o2.channel_id = o.channel_id AND o2.published_at < o.published_at
                                    ORDER BY o2.published_at DESC LIMIT 100) prev
         GROUP BY o.id, o.total)
       SELECT count(*) FILTER (WHERE total > 3 * median AND NOT id = ANY($1::text[]))::int AS over, count(*)::int AS n FROM r WHERE prior >= 20`,
      [truth.stars.map((s) => s.postId)],
    );
    expect(ordinary!.n).toBeGreaterThan(1000);
    expect(ordinary!.over / ordinary!.n).toBeLessThan(0.005);
  });

  it('makes impersonators look-alikes of registry handles, never registry handles, with copied names and avatars', async () => {
    expect(truth.impersonators.length).toBeGreaterThanOrEqual(3);
    const registry = new Set(
      (
        await q<{ h: string }>(
          `SELECT handle_norm AS h FROM channels WHERE platform = 'x' AND link_source = 'registry'`,
        )
      ).map((r) => r.h),
    );
    for (const p of truth.impersonators) {
      expect(registry.has(p.handle.toLowerCase())).toBe(false);
      expect(registry.has(p.target.handle.toLowerCase())).toBe(true);
      expect(p.handle).not.toBe(p.target.handle);
      expect(skeleton(p.handle)).toBe(skeleton(p.target.handle));
      const [c] = await q<{ actor: number | null; name: string; avatar: string }>(
        `SELECT c.actor_id AS actor, s.display_name AS name, s.avatar_url AS avatar FROM channels c
         JOIN channel_snapshots s ON s.channel_id = c.id WHERE c.platform = 'x' AND c.platform_user_id = $1 LIMIT 1`,
        [p.userId],
      );
      expect(c!.actor).toBeNull();
      expect(c!.avatar).toBe(p.avatar);
      const [t] = await q<{ name: string }>(
        `SELECT s.display_name AS name FROM channels c JOIN channel_snapshots s ON s.channel_id = c.id
         WHERE c.platform = 'x' AND c.platform_user_id = $1 LIMIT 1`,
        [p.target.userId],
      );
      expect(c!.name).toBe(t!.name);
      const mine = readFileSync(path.join(out, p.avatar));
      const theirs = readFileSync(path.join(out, p.target.avatar));
      expect(mine.equals(theirs)).toBe(false);
      const a = pixels(path.join(out, p.avatar));
      const b = pixels(path.join(out, p.target.avatar));
      expect(a.length).toBe(b.length);
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      expect(maxDiff).toBeGreaterThan(0);
      expect(maxDiff).toBeLessThanOrEqual(3);
      const posts = await q<{ id: string }>(
        `SELECT platform_post_id AS id FROM posts WHERE platform_post_id = ANY($1::text[])`,
        [p.posts],
      );
      expect(posts.length).toBe(p.posts.length);
    }
  });

  it('keeps deleted posts out of the recollections, and gives every other X post a later observation', async () => {
    expect(truth.deleted.length).toBeGreaterThan(0);
    const recollected = new Set<string>();
    for (const f of files(path.join(out, 'data'), /^recollect-.*\.jsonl$/)) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (!line) continue;
        const page = JSON.parse(line) as { data?: { id: string }[]; posts?: { uri: string }[] };
        for (const t of page.data ?? []) recollected.add(t.id);
        for (const p of page.posts ?? []) recollected.add(p.uri);
      }
    }
    const deleted = truth.deleted.map((d) => d.postId);
    for (const id of deleted) expect(recollected.has(id)).toBe(false);
    const obs = await q<{ deleted: boolean; n: number; posts: number }>(
      `SELECT p.platform_post_id = ANY($1::text[]) AS deleted, count(m.*)::int AS n, count(DISTINCT p.id)::int AS posts
       FROM posts p LEFT JOIN post_metrics m ON m.post_id = p.id WHERE p.platform = 'x' AND p.kind = 'original' GROUP BY 1`,
      [deleted],
    );
    const d = obs.find((o) => o.deleted)!;
    const kept = obs.find((o) => !o.deleted)!;
    expect(d.posts).toBe(truth.deleted.filter((x) => x.platform === 'x').length);
    expect(kept.n).toBeGreaterThanOrEqual(2 * kept.posts);
    // Counters never go down from one observation of a post to a later one.
    const [down] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT likes, lag(likes) OVER (PARTITION BY post_id ORDER BY observed_at) AS prev FROM post_metrics) x WHERE likes < prev`,
    );
    expect(down!.n).toBe(0);
  });

  it('marks edited posts, moves renamed accounts to their new handle, and keeps dormant accounts silent', async () => {
    expect(truth.edited.length).toBeGreaterThan(0);
    for (const e of truth.edited) {
      const [p] = await q<{ edited: Date | null; history: string[] | null }>(
        'SELECT edited_at AS edited, edit_history_ids AS history FROM posts WHERE platform = $1 AND platform_post_id = $2',
        [e.platform, e.postId],
      );
      expect(p!.edited).not.toBeNull();
      if (e.platform === 'x') expect(p!.history).toEqual([e.previousId, e.postId]);
      else expect(p!.edited!.toISOString()).toBe(e.editedAt);
    }
    expect(truth.handleChanges.length).toBeGreaterThan(0);
    for (const h of truth.handleChanges) {
      const rows = await q<{ actor: number | null; before: number; after: number; wrong: number }>(
        `SELECT c.actor_id AS actor,
                count(*) FILTER (WHERE p.published_at < $2)::int AS before,
                count(*) FILTER (WHERE p.published_at >= $2)::int AS after,
                count(*) FILTER (WHERE (p.published_at >= $2 AND p.url NOT LIKE $3) OR (p.published_at < $4 AND p.url LIKE $3))::int AS wrong
         FROM channels c JOIN posts p ON p.channel_id = c.id WHERE c.platform = 'x' AND c.platform_user_id = $1 GROUP BY 1`,
        // A post carries the handle of its first collection: the next day at 01:00.
        [
          h.userId,
          new Date(h.from),
          `https://x.com/${h.newHandle}/%`,
          new Date(Date.parse(h.from) - 86_400_000),
        ],
      );
      expect(rows.length).toBe(1);
      expect(rows[0]!.actor).not.toBeNull();
      expect(rows[0]!.wrong).toBe(0);
    }
    expect(truth.dormant.length).toBeGreaterThan(0);
    for (const d of truth.dormant) {
      const [r] = await q<{ n: number; snapshots: number }>(
        `SELECT (SELECT count(*) FROM posts p WHERE p.channel_id = c.id AND p.published_at >= $2)::int AS n,
                (SELECT count(*) FROM channel_snapshots s WHERE s.channel_id = c.id)::int AS snapshots
         FROM channels c WHERE c.platform = 'x' AND c.handle_norm = lower($1)`,
        [d.handle, new Date(d.from)],
      );
      expect(r!.n).toBe(0);
      expect(r!.snapshots).toBeGreaterThan(0);
    }
  });

  it('stores the guideline breaches as posts of unregistered personal accounts', async () => {
    expect(truth.breaches.length).toBeGreaterThan(0);
    const kinds = new Set(truth.breaches.map((b) => b.kind));
    expect(kinds).toEqual(new Set(['internal-politics', 'commercial-endorsement']));
    const rows = await q<{ id: string; actor: number | null; user: string }>(
      `SELECT p.platform_post_id AS id, c.actor_id AS actor, c.platform_user_id AS user FROM posts p JOIN channels c ON c.id = p.channel_id
       WHERE p.platform = 'x' AND p.platform_post_id = ANY($1::text[])`,
      [truth.breaches.map((b) => b.postId)],
    );
    expect(rows.length).toBe(truth.breaches.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const b of truth.breaches) {
      expect(byId.get(b.postId)!.user).toBe(b.userId);
      expect(byId.get(b.postId)!.actor).toBeNull();
    }
  });
});

describe('attache simulate (a real process on the embedded database)', () => {
  const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
  const home = mkdtempSync(path.join(tmpdir(), 'attache-sim-cli-'));
  const attache = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ATTACHE_HOME: path.join(home, 'db'), DATABASE_URL: '', CI: '1' },
      timeout: 300_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('refuses to run before the registry is imported, then writes the world, and refuses a used folder', () => {
    const out = path.join(home, 'world');
    const empty = attache(['simulate', '--posts', '2000', '--days', '10', '--out', out]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n')).toEqual([
      'attache: the registry has fewer than 10 X channels: import it first (attache registry import)',
    ]);
    expect(attache(['registry', 'import']).code).toBe(0);
    const r = attache(['simulate', '--posts', '2000', '--days', '10', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { posts: number; dataDir: string; truthFile: string };
    expect(summary.posts).toBe(2000);
    expect(existsSync(summary.truthFile)).toBe(true);
    expect(r.stderr).toContain('simulate: day 10/10, 2,000 posts');
    const again = attache(['simulate', '--posts', '2000', '--days', '10', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `attache: ${out} is not empty (add --force to replace an earlier simulation there)`,
    );
    const bad = attache(['simulate', '--posts', 'many', '--out', path.join(home, 'other')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('attache: --posts "many" must be a whole number');
  }, 600_000);
});
