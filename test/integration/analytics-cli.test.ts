import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const home = mkdtempSync(path.join(tmpdir(), 'attache-analytics-cli-'));
const fixtures = path.join(root, 'test/fixtures/analytics');

function attache(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATTACHE_HOME: path.join(home, 'db'), DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('attache rank, stars and metrics (a real process on the embedded database)', () => {
  beforeAll(() => {
    const reg = attache([
      'registry',
      'import',
      '--source',
      path.join(fixtures, 'registry.csv'),
      '--as-of',
      '2026-01-01',
    ]);
    expect(reg.code, reg.stderr).toBe(0);
    for (const f of ['posts-a.csv', 'posts-b.csv', 'update.csv']) {
      const imp = attache(['import', path.join(fixtures, f)]);
      expect(imp.code, imp.stderr).toBe(0);
    }
  });

  it('ranks countries as a table and as JSON', () => {
    const human = attache(['rank', 'countries']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Ranking of countries · 2026-03-02 … 2026-03-31 (30 days)');
    expect(human.stdout).toContain('weights ranking-v1');
    expect(human.stdout).toMatch(/connectedness: no data for any country/);
    const r = JSON.parse(attache(['rank', 'countries', '--json']).stdout) as {
      rows: { key: string; rank: number }[];
    };
    expect(r.rows.map((x) => x.key).sort()).toEqual(['DE', 'FI', 'FR', 'SE']);
    const missions = attache(['rank', 'missions', '--host', 'JP', '--window', '4w', '--json']);
    expect(missions.code, missions.stderr).toBe(0);
    expect((JSON.parse(missions.stdout) as { window: { days: number } }).window.days).toBe(28);
  });

  it('lists the star post and shows one channel’s metrics', () => {
    const s = JSON.parse(attache(['stars', '--window', '30d', '--json']).stdout) as {
      stars: { platformPostId: string }[];
    };
    expect(s.stars.map((x) => x.platformPostId)).toEqual(['710078']);
    const human = attache(['stars', '--window', '30d', '--country', 'FI']);
    expect(human.stdout).toContain('x:fi_mfa_test');
    const m = attache(['metrics', 'x:fi_emb_jp']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain('Embassy of Finland in Tokyo (test) (FI in JP)');
    expect(m.stdout).toMatch(/reciprocity \(mutual follows\)\s+no data/);
  });

  it('answers a user mistake with one line and a non-zero exit', () => {
    const bad = path.join(home, 'weights.json');
    writeFileSync(bad, JSON.stringify({ version: 'x', weights: { reach: -1 } }));
    for (const [args, message] of [
      [['rank', 'missions'], 'rank missions needs --host COUNTRY'],
      [['rank', 'countries', '--window', 'month'], '--window "month" is not a length'],
      [['rank', 'countries', '--to', '2026-02-30'], '--to "2026-02-30" is not a date'],
      [['rank', 'countries', '--weights', bad], `${bad}: weights.reach`],
      [['rank', 'countries', '--host', 'XX'], 'unknown host country "XX"'],
      [['metrics', 'x:nobody'], 'no channel "x:nobody"'],
      [['stars', '--threshold', '0'], '--threshold "0" is not a positive number'],
    ] as const) {
      const r = attache([...args]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});
