import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { runImport } from '../helpers/import.js';
import {
  buildWeb,
  chromiumPath,
  launchChromium,
  root,
  screenshot,
  startServer,
  watchErrors,
} from './harness.js';

const executable = chromiumPath();
if (!executable) console.log('skipped: no Chromium (the dashboard browser tests need `chromium` on PATH)');

const fixture = path.join(root, 'test/fixtures/hostile-web/hostile-twarc2.jsonl');
const RLO = '\u202e';

describe.skipIf(!executable)('hostile text on the dashboard', () => {
  let db: Database;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let channelId: number;
  let postIds: number[];

  beforeAll(async () => {
    const webDir = await buildWeb();
    db = await openDatabase({ kind: 'pglite', home: null });
    await migrate(db);
    const summary = await runImport(db, [fixture]);
    expect(summary).toMatchObject({ accepted: 2, issues: 0 });
    channelId = (await db.query<{ id: number }>(`SELECT id FROM channels WHERE handle = 'hostile_user'`))[0]!
      .id;
    postIds = (await db.query<{ id: number }>('SELECT id FROM posts ORDER BY published_at')).map((r) => r.id);
    server = await startServer(db, webDir);
    browser = await launchChromium(executable!);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /** Opens a page, records dialogs (alert/confirm would mean a payload ran), and checks nothing ran. */
  async function visit(
    url: string,
    width: number,
    ready: (page: Page) => Promise<unknown>,
  ): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}${url}`);
    await ready(page);
    return { page, errors, dialogs };
  }

  const pwned = (page: Page) => page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });

  for (const width of [1366, 390]) {
    it(`channel page at ${width} px: name, bio and posts shown literally, no script ran, layout holds`, async () => {
      const { page, errors, dialogs } = await visit(`/channel/${channelId}`, width, (p) =>
        p.locator('[data-testid="posts"] li').nth(1).waitFor(),
      );
      // The display name, bio and location are text, exactly as imported (the RLO character included).
      const h1 = await page.locator('h1').textContent();
      expect(h1).toBe(`<img src=x onerror="window.__pwned='name'">${RLO}nimdA\u202c 🎉`);
      await page.getByText(`<script>window.__pwned='bio'</script>`, { exact: false }).waitFor();
      await page.getByText(`<iframe src=javascript:window.__pwned='loc'>`).waitFor();
      const texts = await page.locator('[data-testid="posts"] .post-text').allTextContents();
      expect(texts.some((t) => t.includes(`<script>window.__pwned='script'</script>`))).toBe(true);
      expect(texts.some((t) => t.includes(`<img src=x onerror="window.__pwned='img'">`))).toBe(true);
      expect(texts.some((t) => t.includes(`<svg onload="window.__pwned='svg'">`))).toBe(true);
      // No element came from the payloads, and no link points at javascript:.
      expect(await page.locator('main script, main img, main iframe, main svg[onload]').count()).toBe(0);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) =>
          as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
        );
      expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
      // User text is isolated and laid out by its own direction.
      expect(await page.locator('h1 [dir="auto"]').count()).toBe(1);
      await page.waitForTimeout(300);
      expect(await pwned(page)).toBeUndefined();
      expect(dialogs).toEqual([]);
      // The 600-character word wraps inside its box: the page is not wider than the window.
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `hostile-channel-${width}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('post page, search results and the overview of a database without registry data', async () => {
    const post = await visit(`/post/${postIds[0]}`, 1366, (p) =>
      p.locator('[data-testid="posts"] li').waitFor(),
    );
    await post.page
      .getByText(`<a href="javascript:window.__pwned='link'">click</a>`, { exact: false })
      .waitFor();
    // The link entity's javascript: URL is shown as text, not as a link.
    await post.page.getByText(`javascript:window.__pwned='expanded'`).waitFor();
    expect(await post.page.locator(`a[href^="javascript:"]`).count()).toBe(0);
    expect(await pwned(post.page)).toBeUndefined();
    expect(post.dialogs).toEqual([]);
    expect(await overflow(post.page)).toBeLessThanOrEqual(0);
    await screenshot(post.page, 'hostile-post');
    expect(post.errors).toEqual([]);
    await post.page.close();

    const search = await visit('/search?q=hostilemarker', 1366, (p) =>
      p.locator('[data-testid="search-results"] .post').nth(1).waitFor(),
    );
    const texts = await search.page.locator('[data-testid="search-results"] .post-text').allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts.every((t) => t.startsWith('hostilemarker '))).toBe(true);
    expect(await pwned(search.page)).toBeUndefined();
    expect(search.dialogs).toEqual([]);
    await screenshot(search.page, 'hostile-search');
    expect(search.errors).toEqual([]);
    await search.page.close();

    // No registry channel: the overview explains what to import instead of drawing empty charts.
    const overview = await visit('/', 1366, (p) => p.getByText('No country can be ranked yet').waitFor());
    expect(await pwned(overview.page)).toBeUndefined();
    expect(overview.errors).toEqual([]);
    await overview.page.close();
  });
});
