import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
