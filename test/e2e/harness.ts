import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/server.js';
import type { Database } from '../../src/db/database.js';

export const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const dataDir = path.join(root, 'data');
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

/** Debian's Chromium (ARCHITECTURE §7), or null: the browser tests then skip and say so. */
export function chromiumPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : null;
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium; playwright-core gives every launch a fresh temporary --user-data-dir. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/** Builds the dashboard from the current sources into a temporary folder (dist/web is left alone). */
export async function buildWeb(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'attache-web-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'src/web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** The real server (API + dashboard) on a free loopback port. */
export async function startServer(
  db: Database,
  webDir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = buildServer({ db, dataDir, config: { webDir } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => app.close() };
}

/** Console errors and uncaught exceptions of a page, collected from its creation. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** How many drawn shapes an ECharts SVG chart holds (0 when it drew nothing). */
export async function chartShapes(page: Page, selector: string): Promise<number> {
  return page
    .locator(`${selector} svg`)
    .first()
    .evaluate(
      (svg: { querySelectorAll(s: string): { length: number } }) =>
        svg.querySelectorAll('path, rect, polyline, polygon').length,
    );
}
