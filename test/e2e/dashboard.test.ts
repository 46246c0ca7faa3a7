import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankResponse } from '../../src/web/types.js';
import type { Database } from '../../src/db/database.js';
import { demoDatabase } from './demo-world.js';
import {
  buildWeb,
  chartShapes,
  chromiumPath,
  launchChromium,
  screenshot,
  startServer,
  watchErrors,
} from './harness.js';

const executable = chromiumPath();
if (!executable) console.log('skipped: no Chromium (the dashboard browser tests need `chromium` on PATH)');

describe.skipIf(!executable)('the dashboard in Chromium, on a demo database', () => {
  let db: Database;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const webDir = await buildWeb();
    db = await demoDatabase();
    server = await startServer(db, webDir);
    browser = await launchChromium(executable!);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /** A fresh page at a laptop width whose console errors are collected. */
  async function open(path: string, width = 1366): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}${path}`);
    return { page, errors };
  }

  it('overview: the world map, movers, star posts, activity and the synthetic-data banner', async () => {
    const { page, errors } = await open('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(() => page.getByTestId('synthetic-banner').isVisible()).toBe(true);
    // The map: one SVG path per country drawn (Natural Earth 1:110m has ~175), and countries coloured.
    const map = page.locator('section[aria-labelledby="map"]');
    await map.locator('svg').waitFor();
    await expect.poll(() => chartShapes(page, 'section[aria-labelledby="map"]')).toBeGreaterThan(150);
    const activity = page.locator('section[aria-labelledby="activity"]');
    await activity.locator('svg').waitFor();
    expect(await chartShapes(page, 'section[aria-labelledby="activity"]')).toBeGreaterThan(10);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    await page.close();
  });

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  const tableKeys = (page: Page) =>
    page
      .locator('[data-testid="ranking-table"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { key: string } }).dataset.key));

  it('rankings: a weight change reorders the table as the indicator orders it; the CSV holds the table', async () => {
    const published = await api<RankResponse>('/api/rank/countries?days=30');
    expect(published.rows.length).toBeGreaterThan(20);
    // With every weight 0 but activity, the score is the percentile rank of activity: the order is activity
    // descending, equal values by key (docs/methodology.md, "Ranking").
    const byActivity = [...published.rows]
      .sort((a, b) => b.indicators.activity! - a.indicators.activity! || (a.key < b.key ? -1 : 1))
      .map((r) => r.key);
    expect(byActivity.slice(0, 10)).not.toEqual(published.rows.slice(0, 10).map((r) => r.key));

    const { page, errors } = await open('/rankings');
    await page.locator('[data-testid="ranking-table"] tbody tr').first().waitFor();
    expect((await tableKeys(page)).slice(0, 10)).toEqual(published.rows.slice(0, 10).map((r) => r.key));
    await screenshot(page, 'rankings');

    // By keyboard: Home sets a slider to 0, End to 1.
    for (const slider of await page.locator('input[type="range"]').all()) {
      const indicator = await slider.getAttribute('data-indicator');
      await slider.focus();
      await page.keyboard.press(indicator === 'activity' ? 'End' : 'Home');
    }
    await expect
      .poll(async () => (await tableKeys(page)).slice(0, 10), { timeout: 60_000 })
      .toEqual(byActivity.slice(0, 10));
    await page.getByText('recomputing…').waitFor({ state: 'detached' });
    const shown = await tableKeys(page);
    expect(shown).toEqual(byActivity);
    await screenshot(page, 'rankings-activity-only');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^attache-ranking-countries-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['"rank"', '"key"', '"label"', '"score"']);
    expect(lines.length - 1).toBe(shown.length);
    // Rows in rank order with the key in the second column: the ranking computed with the slider weights.
    expect(lines.slice(1).map((l) => l.split(',')[1]!.replace(/"/g, ''))).toEqual(byActivity);
    expect(lines[1]!.split(',')[0]).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rankings of channels: the table shows the top 500 by score, the CSV holds every channel', async () => {
    const all = await api<RankResponse>('/api/rank/channels?days=30');
    expect(all.rows.length).toBeGreaterThan(500);
    expect(all.total).toBe(all.rows.length);
    const { page, errors } = await open('/rankings?level=channels');
    await page.locator('[data-testid="ranking-table"] tbody tr').first().waitFor();
    expect(await tableKeys(page)).toEqual(all.rows.slice(0, 500).map((r) => r.key));
    await page.getByText(`The top 500 of ${all.rows.length.toLocaleString('en')} channels`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[1]!.replace(/"/g, ''))).toEqual(all.rows.map((r) => r.key));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('country, channel and post pages render their charts and lists', async () => {
    const published = await api<RankResponse>('/api/rank/countries?days=30');
    const top = published.rows[0]!;
    const country = await open(`/country/${top.key}`);
    await country.page.getByRole('heading', { level: 1, name: new RegExp(top.label) }).waitFor();
    await country.page.locator('section[aria-labelledby="country-activity"] svg').waitFor();
    expect(await chartShapes(country.page, 'section[aria-labelledby="country-activity"]')).toBeGreaterThan(5);
    await country.page.locator('section[aria-labelledby="country-followers"] svg').waitFor();
    // One line per platform, named in the legend with its number of observed channels.
    expect(
      await country.page.locator('section[aria-labelledby="country-followers"] svg').textContent(),
    ).toMatch(/\w+ \(\d+ channels?\)/);
    await country.page.locator('section[aria-labelledby="missions"] svg').waitFor();
    expect(await chartShapes(country.page, 'section[aria-labelledby="missions"]')).toBeGreaterThan(150);
    await country.page.locator('[data-testid="vs-median"]').waitFor();
    await screenshot(country.page, 'country');
    expect(country.errors).toEqual([]);
    await country.page.close();

    const channels = await api<RankResponse>('/api/rank/channels?days=30');
    const channelId = channels.rows.find((r) => r.channelId !== null && r.coverage.withPosts > 0)!.channelId!;
    const channel = await open(`/channel/${channelId}`);
    await channel.page.locator('[data-testid="posts"] li').first().waitFor();
    await channel.page.locator('section[aria-labelledby="channel-activity"] svg').waitFor();
    expect(await chartShapes(channel.page, 'section[aria-labelledby="channel-activity"]')).toBeGreaterThan(5);
    await channel.page
      .locator(
        'section[aria-labelledby="counterparts"] table, section[aria-labelledby="counterparts"] .empty',
      )
      .first()
      .waitFor();
    await screenshot(channel.page, 'channel');
    await channel.page
      .locator('[data-testid="posts"] li')
      .first()
      .getByRole('link', { name: 'details' })
      .click();
    await channel.page.getByRole('heading', { level: 1, name: /^Post by/ }).waitFor();
    await screenshot(channel.page, 'post');
    expect(channel.errors).toEqual([]);
    await channel.page.close();
  });

  /** A word of a post in that language, taken from the database. */
  async function wordIn(lang: string, script: RegExp): Promise<string> {
    const rows = await db.query<{ text: string }>(
      `SELECT text FROM posts WHERE lang = $1 AND text IS NOT NULL ORDER BY id LIMIT 20`,
      [lang],
    );
    const words = rows
      .flatMap((r) => r.text.split(/[\s.,!?:;«»"()#@]+/))
      .filter((w) => script.test(w) && w.length >= 6);
    expect(words.length, `no ${lang} post in the demo`).toBeGreaterThan(0);
    return words.sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0]!;
  }

  for (const [lang, script] of [
    ['ru', /^[\u0400-\u04FF]+$/],
    ['ar', /^[\u0600-\u06FF]+$/],
  ] as const) {
    it(`search in ${lang === 'ru' ? 'Russian' : 'Arabic'} returns posts in that script`, async () => {
      const word = await wordIn(lang, script);
      const { page, errors } = await open('/search');
      await page.getByRole('searchbox').fill(word);
      await page.getByRole('button', { name: 'Search' }).click();
      const results = page.locator('[data-testid="search-results"] .post-text');
      await results.first().waitFor();
      const texts = await results.allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) expect(t).toMatch(lang === 'ru' ? /[\u0400-\u04FF]/ : /[\u0600-\u06FF]/);
      // At least one result holds the word itself (others may match a form of it).
      expect(texts.some((t) => t.includes(word))).toBe(true);
      expect(page.url()).toContain(`q=${encodeURIComponent(word)}`);
      await screenshot(page, `search-${lang}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('data and methodology pages; the overview holds at phone width', async () => {
    const data = await open('/data');
    await data.page.locator('[data-testid="runs"] tbody tr').first().waitFor();
    await data.page.locator('[data-testid="coverage"] tbody tr').first().waitFor();
    await screenshot(data.page, 'data');
    expect(data.errors).toEqual([]);
    await data.page.close();

    const method = await open('/methodology');
    await method.page.getByRole('heading', { level: 1, name: 'Methodology' }).waitFor();
    expect(await method.page.locator('[data-testid="methodology"] table').count()).toBeGreaterThan(2);
    await screenshot(method.page, 'methodology');
    expect(method.errors).toEqual([]);
    await method.page.close();

    const phone = await open('/', 390);
    await expect.poll(() => chartShapes(phone.page, 'section[aria-labelledby="map"]')).toBeGreaterThan(150);
    const overflow = await phone.page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number } };
            innerWidth: number;
          }
        ).document.documentElement.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'overview-phone');
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  });
});
