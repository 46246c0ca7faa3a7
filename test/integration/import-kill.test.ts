import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTwarcFile } from '../../bench/twarc-generator.js';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.js';
import { freshPostgresDatabase, postgresUrl } from '../helpers/backends.js';
import { rollupRows, tableCounts } from '../helpers/import.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'attache-kill-'));
const file = path.join(tmp, 'large.jsonl');
const POSTS = 20_000;

const cli = ['--import', 'tsx', 'test/helpers/run-cli.ts', 'import', file, '--json', '--batch-size', '500'];
const envFor = (target: DatabaseTarget) => ({
  ...process.env,
  CI: '1',
  ATTACHE_HOME: target.kind === 'pglite' ? (target.home ?? '') : path.join(tmp, 'unused'),
  DATABASE_URL: target.kind === 'postgres' ? target.url : '',
});

function importOnce(target: DatabaseTarget): Record<string, unknown> {
  const r = spawnSync(process.execPath, cli, {
    cwd: root,
    encoding: 'utf8',
    env: envFor(target),
    timeout: 300_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Starts the import and SIGKILLs it once a progress line shows committed posts (the run is mid-way). */
function importAndKill(target: DatabaseTarget): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cli, '--progress-every', '0.2'], {
      cwd: root,
      env: envFor(target),
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /([\d,]+) new/.exec(err.split('\n').at(-2) ?? '');
      if (m && Number(m[1]!.replace(/,/g, '')) > 0) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(err) : reject(new Error(`not killed (exit ${code}): ${err}`)),
    );
  });
}

async function state(target: DatabaseTarget) {
  const db = await openDatabase(target);
  try {
    const runs = await db.query<{ status: string; accepted: number }>(
      'SELECT status, accepted FROM ingest_runs ORDER BY id',
    );
    return { runs, counts: await tableCounts(db), rollup: await rollupRows(db) };
  } finally {
    await db.close();
  }
}

const targets: {
  name: string;
  make: () => Promise<{ target: DatabaseTarget; drop: () => Promise<void> }>;
}[] = [
  {
    name: 'pglite',
    make: () =>
      Promise.resolve({
        target: { kind: 'pglite', home: mkdtempSync(path.join(tmp, 'home-')) },
        drop: () => Promise.resolve(),
      }),
  },
];
const pgAdmin = postgresUrl();
if (pgAdmin) {
  targets.push({
    name: 'postgres',
    make: async () => {
      const d = await freshPostgresDatabase(pgAdmin);
      return { target: { kind: 'postgres', url: d.url }, drop: d.drop };
    },
  });
}

beforeAll(async () => {
  // Two halves with damaged lines between and after them: their issues must be recorded once, not once per attempt.
  const a = path.join(tmp, 'a.jsonl');
  const b = path.join(tmp, 'b.jsonl');
  await writeTwarcFile(a, { posts: POSTS / 2, seed: 7, handles: [] });
  await writeTwarcFile(b, { posts: POSTS / 2, seed: 8, handles: [], firstId: 1_800_000_000_000_000_000n });
  writeFileSync(
    file,
    Buffer.concat([
      readFileSync(a),
      Buffer.from('{"data": [ this is not json\n'),
      readFileSync(b),
      Buffer.from('{"data":[{"id":12,"text":"numeric id","created_at":"2026-01-01T00:00:00Z"}]}\n'),
    ]),
  );
});

describe.each(targets)('a killed import on $name', ({ make }) => {
  const made: { drop: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const m of made) await m.drop();
  });

  it('SIGKILLed mid-way and run again ends with exactly the counts of an uninterrupted import', async () => {
    const reference = await make();
    const killed = await make();
    made.push(reference, killed);

    const whole = importOnce(reference.target);
    expect(whole).toMatchObject({ accepted: POSTS, skipped: 2 });
    const expected = await state(reference.target);

    await importAndKill(killed.target);
    const mid = await state(killed.target);
    expect(mid.runs).toHaveLength(1);
    expect(mid.runs[0]!.status).toBe('running');
    expect(mid.counts.posts).toBeGreaterThan(0);
    expect(mid.counts.posts).toBeLessThan(POSTS);

    const resumed = importOnce(killed.target);
    expect(resumed).toMatchObject({ resumed: true, run: whole.run });
    const { resumed: _r, ...rest } = resumed;
    const { resumed: _w, ...wholeRest } = whole;
    expect(rest).toEqual(wholeRest);
    const end = await state(killed.target);
    expect(end.counts).toEqual(expected.counts);
    expect(end.rollup).toEqual(expected.rollup);
    expect(end.runs).toEqual([{ status: 'completed', accepted: POSTS }]);
  });
});
