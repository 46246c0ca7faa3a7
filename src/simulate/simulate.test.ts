import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRegistry } from '../../test/helpers/simulate-registry.js';
import { connectors } from '../connectors/index.js';
import { detectConnector } from '../ingest/files.js';
import { simulate } from './index.js';

const registry = fixtureRegistry();
const tmp = () => mkdtempSync(path.join(tmpdir(), 'attache-simulate-'));

/** Every file under a folder with its bytes and modification time, by relative path. */
function tree(root: string, dir = root, out = new Map<string, { bytes: Buffer; mtime: number }>()) {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) tree(root, p, out);
    else out.set(path.relative(root, p), { bytes: readFileSync(p), mtime: st.mtimeMs });
  }
  return out;
}

const FORMAT_OF: Record<string, string> = {
  x: 'x-api-v2',
  bluesky: 'bluesky',
  mastodon: 'mastodon',
  telegram: 'telegram',
  rss: 'feed',
  youtube: 'feed',
};

describe('simulate', () => {
  it('writes byte-identical trees, modification times included, for the same arguments', async () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    const args = { registry, seed: 1, posts: 3000, days: 14 };
    const sa = await simulate({ ...args, out: a });
    await simulate({ ...args, out: b });
    await simulate({ ...args, seed: 2, out: c });
    const ta = tree(a);
    const tb = tree(b);
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    for (const [k, v] of ta) {
      expect(tb.get(k)!.bytes.equals(v.bytes), k).toBe(true);
      expect(tb.get(k)!.mtime).toBe(v.mtime);
    }
    expect(readFileSync(path.join(c, 'truth.json')).equals(readFileSync(path.join(a, 'truth.json')))).toBe(
      false,
    );
    expect(sa.posts).toBe(3000);
    expect(sa.files).toBe(ta.size - 1); // every file but truth.json
  });

  it('writes only files the importer recognises, each as the format of its folder', async () => {
    const out = tmp();
    const s = await simulate({ registry, seed: 3, posts: 3000, days: 14, out });
    const files = [...tree(s.dataDir).keys()];
    const platforms = new Set(files.map((f) => f.split(path.sep)[0]!));
    expect([...platforms].sort()).toEqual(['bluesky', 'mastodon', 'rss', 'telegram', 'x', 'youtube']);
    for (const f of files) {
      const c = await detectConnector(path.join(s.dataDir, f), connectors);
      expect(c && 'id' in c ? c.id : c, f).toBe(FORMAT_OF[f.split(path.sep)[0]!]);
    }
    const truth = JSON.parse(readFileSync(s.truthFile, 'utf8')) as {
      counts: { posts: number; byPlatform: Record<string, number> };
    };
    expect(truth.counts.posts).toBe(3000);
    expect(Object.values(truth.counts.byPlatform).reduce((x, y) => x + y, 0)).toBe(3000);
  });

  it('refuses a folder that is not empty, replaces an earlier simulation with force, never other files', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await expect(simulate({ registry, seed: 1, posts: 3000, days: 14, out })).rejects.toThrow(/not empty/);
    await expect(simulate({ registry, seed: 1, posts: 3000, days: 14, out, force: true })).rejects.toThrow(
      /other files/,
    );
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const again = tmp();
    await simulate({ registry, seed: 1, posts: 3000, days: 14, out: again });
    const s = await simulate({ registry, seed: 4, posts: 3000, days: 14, out: again, force: true });
    expect((JSON.parse(readFileSync(s.truthFile, 'utf8')) as { seed: string }).seed).toBe('4');
  });

  it('refuses impossible arguments with one clear message', async () => {
    const out = tmp();
    await expect(simulate({ registry, seed: 1, posts: 10, days: 14, out })).rejects.toThrow(/--posts/);
    await expect(simulate({ registry, seed: 1, posts: 3000, days: 2, out })).rejects.toThrow(/--days/);
    await expect(
      simulate({ registry, seed: 1, posts: 3000, days: 14, out, start: '2026-02-30' }),
    ).rejects.toThrow(/--start/);
  });
});
