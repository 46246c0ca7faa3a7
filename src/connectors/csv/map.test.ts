import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CanonicalPost, MapIssue } from '../../domain/canonical.js';
import { csvCounts } from '../../../test/helpers/raw-counts/csv.js';
import { csv } from './index.js';
import { mapCsvRow } from './map.js';
import { parseIsoTime } from './values.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/csv');
const fixture = (name: string) => path.join(dir, name);
const NOW = '2026-11-21T00:00:00.000Z';

type Located = { line: number | null; severity: MapIssue['severity']; code: string };
/** The connector end to end, as the ingest drives it: read, parse the item's JSON, map. */
async function importFile(file: string) {
  const posts: (CanonicalPost & { line: number | null })[] = [];
  const accounts = [];
  const issues: Located[] = [];
  for await (const ev of csv.read(file, { from: null, maxItemBytes: 1 << 20 })) {
    if (ev.kind === 'issue') {
      issues.push({ line: ev.line, severity: ev.severity, code: ev.code });
      continue;
    }
    const out = csv.map(JSON.parse(ev.text), { observedAt: NOW, file });
    posts.push(...out.posts.map((p) => ({ ...p, line: ev.line })));
    accounts.push(...out.accounts);
    issues.push(...out.issues.map((i) => ({ line: ev.line, severity: i.severity, code: i.code })));
  }
  return { posts, accounts, issues };
}

describe('CSV connector on the real-shaped fixture', () => {
  it('posts, references, hashtags, mentions, links, media, metrics and accounts match the raw file', async () => {
    const { posts, accounts, issues } = await importFile(fixture('posts.csv'));
    const { channels: _channels, ...raw } = csvCounts(fixture('posts.csv'));
    expect({
      posts: new Set(posts.map((p) => p.platformPostId)).size,
      refs: posts.reduce((n, p) => n + p.refs.length, 0),
      hashtags: posts.reduce((n, p) => n + p.hashtags.length, 0),
      mentions: posts.reduce((n, p) => n + p.mentions.length, 0),
      links: posts.reduce((n, p) => n + p.links.length, 0),
      media: posts.reduce((n, p) => n + p.media.length, 0),
      withMetrics: posts.filter((p) => p.metrics).length,
      accounts: accounts.length,
    }).toEqual(raw);
    expect(issues).toEqual([{ line: 1, severity: 'warning', code: 'unknown-columns' }]);
  });

  it('maps a multi-line French post: time to UTC, hashtags as written and normalised, metrics at observed_at', async () => {
    const { posts, accounts } = await importFile(fixture('posts.csv'));
    const p = posts.find((x) => x.platformPostId === '1765432109876543210')!;
    expect(p).toMatchObject({
      platform: 'x',
      line: 2,
      author: { platformUserId: '1200000001', handle: 'FranceDiplo' },
      publishedAt: '2024-03-01T09:00:00.000Z',
      kind: 'original',
      text: 'Rencontre avec mon homologue.\nNous avons parlé du climat et du commerce. #Diplomatie #UE',
      lang: 'fr',
      hashtags: [
        { tag: 'Diplomatie', norm: 'diplomatie' },
        { tag: 'UE', norm: 'ue' },
      ],
      mentions: [{ handle: 'EU_Commission', norm: 'eu_commission', platformUserId: null }],
      links: [{ url: 'https://www.diplomatie.gouv.fr/fr/', domain: 'diplomatie.gouv.fr' }],
      media: [{ kind: 'image' }, { kind: 'video' }],
      metrics: { observedAt: '2024-03-02T00:00:00.000Z', likes: 120, views: 15000, bookmarks: null },
    });
    expect(accounts[0]).toMatchObject({
      displayName: 'France Diplomatie',
      followers: 1500000,
      following: null,
    });
  });

  it('reads platform labels, "@" handles, "und", an empty metric as unknown and 0 as zero', async () => {
    const { posts } = await importFile(fixture('posts.csv'));
    const rt = posts.find((x) => x.platformPostId === '1765432109876543299')!;
    expect(rt).toMatchObject({
      platform: 'x',
      kind: 'repost',
      lang: null,
      author: { handle: 'FranceDiplo' },
    });
    expect(rt.refs).toEqual([{ kind: 'repost', targetId: '1765000000000000000' }]);
    expect(rt.metrics).toMatchObject({ views: 0, likes: null, observedAt: NOW });
  });

  it('maps the other platforms: offsets without colon, fullwidth #, inferred reply, zh-Hans, media by count', async () => {
    const { posts } = await importFile(fixture('posts.csv'));
    const by = (id: string) => posts.find((x) => x.platformPostId === id)!;
    expect(by('https://social.example.org/users/diplo/statuses/112233445566778899')).toMatchObject({
      platform: 'mastodon',
      kind: 'quote',
      text: 'He said "we agree", and then, we left.',
      lang: 'en',
      mentions: [{ norm: 'someone@mastodon.social' }, { norm: 'other@example.net' }],
    });
    expect(by('123456789012345_987654321098765')).toMatchObject({
      platform: 'facebook',
      publishedAt: '2024-03-07T09:00:00.000Z',
      hashtags: [{ tag: 'دبلوماسية' }, { tag: 'السلام' }],
    });
    expect(by('1765432109876540000')).toMatchObject({ kind: 'reply', author: { platformUserId: null } });
    expect(by('1765432109876540001')).toMatchObject({ lang: 'zh', media: [{ kind: 'image' }] });
    expect(by('1234567890/4567').media).toHaveLength(2);
    expect(by('1234567890/4567').links.map((l) => l.url)).toContain('https://example.org/a,b');
    expect(by('https://www.gov.example/news/2024/03/06/statement').publishedAt).toBe(
      '2024-03-06T07:45:00.250Z',
    );
  });
});

describe('CSV connector on hostile rows', () => {
  /**
   * Each row of these files names what should become of it: ok-N is kept without an issue, warn-N is kept
   * with a warning on its line, bad-N is dropped with an error on its line. The expectation is read from
   * the raw text, not from the connector.
   */
  function expectations(file: string) {
    const lines = readFileSync(file, 'latin1').split('\n');
    const marked = lines.flatMap((l, i) => {
      const m = /\b(ok|warn|bad)-\d+/.exec(l);
      return m ? [{ line: i + 1, id: m[0], fate: m[1]! }] : [];
    });
    return { marked, unmarked: lines.map((_, i) => i + 1).filter((n) => !marked.some((m) => m.line === n)) };
  }

  it.each(['hostile.csv', 'unclosed.csv'])(
    '%s: bad rows are issues on their line, neighbours are kept',
    async (name) => {
      const { posts, issues } = await importFile(fixture(name));
      const { marked, unmarked } = expectations(fixture(name));
      expect(posts.map((p) => [p.line, p.platformPostId])).toEqual(
        marked.filter((m) => m.fate !== 'bad').map((m) => [m.line, m.id]),
      );
      const at = (line: number, severity: string) =>
        issues.filter((i) => i.line === line && i.severity === severity);
      for (const m of marked) {
        expect({ ...m, errors: at(m.line, 'error').length > 0 }).toEqual({ ...m, errors: m.fate === 'bad' });
        expect({ ...m, warnings: at(m.line, 'warning').length > 0 }).toEqual({
          ...m,
          warnings: m.fate === 'warn',
        });
      }
      // Blank lines and rows of bare commas say nothing; only the header line may carry a warning.
      expect(issues.filter((i) => unmarked.includes(i.line ?? 0) && i.line !== 1)).toEqual([]);
    },
  );

  it('names the problem of each hostile row', async () => {
    const { issues } = await importFile(fixture('hostile.csv'));
    const codes = new Set(issues.map((i) => i.code));
    for (const code of [
      'bad-metric',
      'missing-id',
      'bad-date',
      'wrong-field-count',
      'malformed-row',
      'missing-author',
      'bad-kind',
      'bad-url',
      'bad-media-count',
      'missing-date',
      'missing-platform',
      'invalid-utf8',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

describe('mapCsvRow never throws', () => {
  const valid = { platform: 'x', post_id: '1', author_id: '2', published_at: '2024-01-01T00:00:00Z' };
  it.each([null, 42, 'text', [], [valid], { post_id: 5 }, { ...valid, likes: 7 }])(
    '%j → one error',
    (value) => {
      const out = mapCsvRow(value, NOW);
      expect(out.posts).toEqual([]);
      expect(out.issues.filter((i) => i.severity === 'error')).toHaveLength(1);
    },
  );

  it('keeps a post whose counters are out of range or huge, without them', () => {
    const out = mapCsvRow(
      { ...valid, likes: '99999999999999999999', views: '12', text: 'x'.repeat(1e6) },
      NOW,
    );
    expect(out.posts[0]!.metrics).toMatchObject({ likes: null, views: 12 });
    expect(out.issues.map((i) => [i.code, i.recordKey])).toEqual([['bad-metric', '1']]);
  });

  it('does not take object property names for platforms or kinds', () => {
    // An unknown label is a platform slug like any other ("odnoklassniki"), never an inherited property.
    const named = mapCsvRow({ ...valid, platform: 'constructor' }, NOW);
    expect(named.posts[0]!.platform).toBe('constructor');
    expect(named.issues).toEqual([]);
    const out = mapCsvRow({ ...valid, kind: 'constructor' }, NOW);
    expect(out.posts[0]!.kind).toBe('original');
    expect(out.issues.map((i) => i.code)).toEqual(['bad-kind']);
  });

  it('quotes at most 80 characters of a bad value in a message', () => {
    const out = mapCsvRow({ ...valid, published_at: 'x'.repeat(10_000) }, NOW);
    expect(out.issues[0]!.message.length).toBeLessThan(200);
  });

  it('keeps an invalid handle as written, with a warning', () => {
    const out = mapCsvRow({ ...valid, author_handle: 'not a handle!' }, NOW);
    expect(out.posts[0]!.author.handle).toBe('not a handle!');
    expect(out.issues.map((i) => i.code)).toEqual(['bad-handle']);
  });
});

describe('parseIsoTime', () => {
  it.each([
    ['2024-03-01T10:00:00+01:00', '2024-03-01T09:00:00.000Z'],
    ['2024-03-01 10:00:00-0530', '2024-03-01T15:30:00.000Z'],
    ['2024-03-01T10:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-02-29T23:59:59.999999+00', '2024-02-29T23:59:59.999Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseIsoTime(input)).toBe(expected);
  });

  it.each([
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-03-01T10:00:00',
    '2024-03-01',
    '1709286400',
    '2024-03-01T24:00:00Z',
  ])('%s → null', (input) => {
    expect(parseIsoTime(input)).toBeNull();
  });
});
