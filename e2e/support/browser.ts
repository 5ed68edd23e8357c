import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core; no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

/** The flags every headless run here needs (the machine has no network and runs as root). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (failed requests excluded). */
  errors: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** Pins the page's clock (Date) to the server's frozen time. */
  now?: Date;
}

/** A fresh browser profile (its own --user-data-dir), so no cookie or cache leaks between. */
export async function openBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.now) await page.clock.setFixedTime(options.now);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused request is logged by the browser as a console error; the tests assert on what
    // the page shows instead.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where every page's picture goes, for a person to look at after the run. */
export const SCREENSHOTS = path.resolve('test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let charts and fonts settle: wait for the network to go quiet, not for a fixed time.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
