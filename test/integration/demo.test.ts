import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const home = path.join(mkdtempSync(path.join(tmpdir(), 'attache-demo-')), 'home');

function attache(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATTACHE_HOME: home, DATABASE_URL: '', CI: 'true', ...env },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `attache start --port 0` in a real process: calls `check` with its URL, then stops it with SIGTERM. */
async function serveOnce(check: (url: string) => Promise<void>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/run-cli.ts', 'start', '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, ATTACHE_HOME: home, DATABASE_URL: '', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /API at (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`start exited early: ${err}`)));
  });
  try {
    await check(url);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, out, err };
}

interface Outcome {
  dataset: string;
  built: boolean;
  posts: number;
  run: number | null;
  import: { accepted: number; issues: number } | null;
}

const small = ['--posts', '2000', '--days', '14', '--seed', '3'];

describe('the demo dataset (attache demo, npm start)', () => {
  it('is simulated over the registry, imported as synthetic, reused and served by start, and rebuilt by --reset', async () => {
    const first = attache(['demo', ...small, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout) as Outcome;
    expect(a.dataset).toBe('synthetic-demo');
    expect(a.built).toBe(true);
    expect(a.import?.issues).toBe(0);
    // Every simulated post is in the dataset: the count the simulator wrote into its truth file.
    const truth = JSON.parse(readFileSync(path.join(home, 'demo-world', 'truth.json'), 'utf8')) as {
      synthetic: boolean;
      counts: { posts: number };
    };
    expect(truth.synthetic).toBe(true);
    const simulated = truth.counts.posts;
    expect(simulated).toBeGreaterThan(1000);
    expect(a.posts).toBe(simulated);
    expect(a.import?.accepted).toBe(simulated);
    expect(first.stderr).toMatch(/demo simulate done \(\d+\.\d s\)/);
    expect(first.stderr).toMatch(/demo import done \(\d+\.\d s\)/);

    const stats = JSON.parse(attache(['posts', 'stats', '--json']).stdout) as {
      byDataset: Record<string, number>;
    };
    expect(stats.byDataset).toEqual({ 'synthetic-demo': simulated });

    // npm start: the demo is there, nothing is simulated or imported again.
    const start = attache(['start', '--json']);
    expect(start.code, start.stderr).toBe(0);
    const s = JSON.parse(start.stdout) as { demo: Outcome; imports: { status: string }[] };
    expect(s.demo).toMatchObject({ built: false, posts: simulated, run: a.run });
    expect(s.imports.map((i) => i.status)).toEqual(['unchanged', 'unchanged']);
    expect(start.stderr).not.toMatch(/demo simulate done/);

    // Without --json, start ends by serving the API (and the dashboard) on loopback until SIGTERM.
    const serving = await serveOnce(async (url) => {
      const datasets = (await (await fetch(`${url}/api/datasets`)).json()) as {
        items: { name: string; synthetic: boolean; accepted: number }[];
      };
      expect(datasets.items.find((d) => d.name === 'synthetic-demo')).toMatchObject({
        synthetic: true,
        accepted: simulated,
      });
    });
    expect(serving.code, serving.err).toBe(0);
    expect(serving.out).toMatch(/API at http:\/\/127\.0\.0\.1:\d+\/api/);

    const again = attache(['demo', '--reset', ...small, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const b = JSON.parse(again.stdout) as Outcome;
    expect(b).toMatchObject({ built: true, posts: simulated });
    expect(existsSync(path.join(home, 'demo-world', 'truth.json'))).toBe(true);
  }, 900_000);

  it('refuses --reset on a database server, and bad numbers, with one line', () => {
    const server = attache(['demo', '--reset'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(server.code).toBe(1);
    expect(server.stderr.trim().split('\n')).toHaveLength(1);
    expect(server.stderr).toMatch(/DATABASE_URL/);
    const bad = attache(['demo', '--posts', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--posts "many" must be a positive whole number/);
  }, 120_000);
});
