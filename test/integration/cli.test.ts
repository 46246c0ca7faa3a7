import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const home = mkdtempSync(path.join(tmpdir(), 'attache-cli-'));

function attache(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATTACHE_HOME: path.join(home, 'db'), DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('attache CLI (a real process on the embedded database)', () => {
  it('--help lists the commands, and every command has --help', () => {
    const top = attache(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['start', 'demo', 'registry', 'import', 'posts', 'runs', 'db'])
      expect(top.stdout).toContain(cmd);
    const imp = attache(['import', '--help']);
    expect(imp.code).toBe(0);
    for (const id of [
      'x-api-v2',
      'x-api-v1',
      'x-archive',
      'bluesky',
      'mastodon',
      'telegram',
      'feed',
      'csv',
    ]) {
      expect(imp.stdout).toContain(id);
    }
    const sub = attache(['registry', 'import', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--source <name\|FILE>/);
    expect(sub.stdout).toContain('--json');
  });

  it('imports the bundled registry and reports stats as JSON in the documented shape', () => {
    const imp = attache(['registry', 'import', '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    const results = JSON.parse(imp.stdout) as { source: string; status: string }[];
    expect(results.map((r) => r.source)).toEqual(['wikidata-embassies', 'govdirectory']);
    const stats = attache(['registry', 'stats', '--json']);
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout) as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining(['actors', 'channels', 'countries', 'platforms', 'kinds']),
    );
    expect(s.actors).toBeGreaterThanOrEqual(10_000);
    expect((s.platforms as Record<string, number>).x).toBeGreaterThan(1_000);
    const again = attache(['registry', 'import', '--json']);
    expect((JSON.parse(again.stdout) as { status: string }[]).map((r) => r.status)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect(JSON.parse(attache(['registry', 'stats', '--json']).stdout)).toEqual(s);
  });

  it('start (npm start) reuses the database and reports as JSON', () => {
    const r = attache(['start', '--no-demo', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      database: { backend: string };
      imports: { status: string }[];
      registry: { actors: number };
    };
    expect(out.database.backend).toBe('pglite');
    expect(out.imports.map((i) => i.status)).toEqual(['unchanged', 'unchanged']);
    expect(out.registry.actors).toBeGreaterThanOrEqual(10_000);
    expect(r.stderr).toMatch(/registry imported \(\d+\.\d s\)/);
  });

  it('shows, searches and lists runs, as text and as JSON', () => {
    const show = attache(['registry', 'show', 'x:StateDept', '--json']);
    expect(show.code).toBe(0);
    expect((JSON.parse(show.stdout) as { name: string }[])[0]?.name).toBe(
      'United States Department of State',
    );
    const search = attache(['registry', 'search', 'Finland', 'Geneva']);
    expect(search.stdout).toContain('Permanent Mission of Finland to the United Nations, Geneva');
    const runs = attache(['runs', 'list', '--json']);
    expect((JSON.parse(runs.stdout) as unknown[]).length).toBeGreaterThanOrEqual(2);
    const run = attache(['runs', 'show', '1']);
    expect(run.stdout).toMatch(/host-equals-sender .*database_of_embassies\.csv:\d+/);
    const status = JSON.parse(attache(['db', 'status', '--json']).stdout) as {
      backend: string;
      pending: number;
    };
    expect(status).toMatchObject({ backend: 'pglite', pending: 0 });
  });

  it('ends a user mistake with one line and a non-zero exit, never a stack trace', () => {
    const file = path.join(home, 'broken.csv');
    writeFileSync(file, 'actor_id,actor_name,kind,sending_country\n1,"Embassy,embassy,FR\n');
    const cases = [
      attache(['registry', 'import', '--source', file]),
      attache(['registry', 'import', '--source', path.join(home, 'nope.csv')]),
      attache(['registry', 'stats'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
      attache(['registry', 'show', 'no-such-handle-xyz']),
      attache(['registry', 'stats'], { DATABASE_URL: 'mysql://x' }),
      attache(['import', path.join(home, 'no-such-export.jsonl')]),
      attache(['import', file, '--format', 'myspace']),
      attache(['import', file, '--batch-size', '0']),
    ];
    for (const r of cases) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^attache: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cases[0]!.stderr).toContain('broken.csv:2: malformed CSV');
    expect(cases[1]!.stderr).toContain('nope.csv: no such file');
    expect(cases[2]!.stderr).toContain('cannot connect to PostgreSQL at 127.0.0.1:1/none');
    expect(cases[4]!.stderr).toContain('DATABASE_URL must start with postgres://');
    expect(cases[5]!.stderr).toContain('nothing to import: ');
    expect(cases[5]!.stderr).toContain('no-such-export.jsonl: no such file or folder');
    expect(cases[6]!.stderr).toContain('unknown format "myspace" (one of: auto, x-api-v2');
    expect(cases[7]!.stderr).toContain('--batch-size "0" must be a positive number');
    const usage = attache(['registry', 'bogus']);
    expect(usage.code).toBe(2);
  });
});
