import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { SAMPLE_TIMEOUT } from './support/sample.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * Every page, filled with the sample workspace ("Explore with sample data"), at desktop width,
 * at 390 px and in dark mode: each is screenshotted into test-results/screenshots/ and checked
 * for uncaught errors and for controls without an accessible name. Also the keyboard
 * shortcuts.
 */
const NOW = '2026-11-18T15:00:00Z';

/** Interactive elements with no accessible name, described for the failure message. It runs
 * in the page (as text: this file is compiled without the DOM's types). */
const UNNAMED_CONTROLS = `(() => {
  const text = (el) => (el?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label;
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(' ').map((id) => text(document.getElementById(id))).join(' ').trim();
    if (el.id) {
      const forLabel = document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      if (forLabel && text(forLabel)) return text(forLabel);
    }
    const wrapping = el.closest('label');
    if (wrapping && text(wrapping)) return text(wrapping);
    if ((el.getAttribute('title') || '').trim()) return el.getAttribute('title');
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return '';
    return text(el);
  };
  const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="radio"], [role="checkbox"]';
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.u-legend')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (!nameOf(el)) out.push(el.outerHTML.slice(0, 120));
  }
  return out;
})()`;

async function unnamedControls(page: Page): Promise<string[]> {
  return (await page.evaluate(UNNAMED_CONTROLS)) as string[];
}

async function visit(
  b: Browser,
  url: string,
  name: string,
  ready: (page: Page) => Promise<unknown>,
) {
  await b.page.goto(url);
  await ready(b.page);
  await screenshot(b.page, name);
  expect(await unnamedControls(b.page), `unnamed controls on ${name}`).toEqual([]);
}

describe.skipIf(!hasChromium)('every page, with the sample workspace', () => {
  let server: TestServer;
  let desk: Browser;
  let dealUrl = '';

  beforeAll(async () => {
    server = await startServer(NOW);
    desk = await openBrowser({ now: new Date(NOW) });
  });

  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  test('setup offers sample data, which fills every part of the product', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Northwind Sales');
    await page.getByLabel('Your name').fill('Alex Morgan');
    await page.getByLabel('E-mail').fill('alex@northwind.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Holiday region').fill('US');
    await page.getByRole('button', { name: 'Explore with sample data' }).click();
    await page
      .getByRole('heading', { name: 'Today', level: 1 })
      .waitFor({ timeout: SAMPLE_TIMEOUT });
    // Sample data gives the owner work of every kind to do today.
    await page.locator('[data-kind="deliver"]').first().waitFor();
    // Under the floor, Today fills with promises offered early before it proposes revivals or
    // prospects (issue 12), so the sample shows one or the other, depending on the day.
    await page.locator('[data-kind="revive"], [data-kind="prospect"]').first().waitFor();
    await page.locator('[data-kind="meet"]').first().waitFor();
  }, 150_000);

  test('each page at desktop width', async () => {
    const b = desk;
    await visit(b, `${server.url}/`, 'today-sample', (p) =>
      p.locator('[data-kind="deliver"]').first().waitFor(),
    );
    await visit(b, `${server.url}/deals`, 'deals-board', (p) =>
      p.getByRole('region', { name: /^Demo:/ }).waitFor(),
    );
    await visit(b, `${server.url}/deals?view=list`, 'deals-list', (p) =>
      p.getByRole('table').waitFor(),
    );
    await b.page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).click();
    await b.page.getByRole('heading', { name: 'Care platform rollout, 3 clinics' }).waitFor();
    dealUrl = b.page.url();
    await visit(b, dealUrl, 'deal-promises', (p) =>
      p.getByText('Send the security questionnaire answers').first().waitFor(),
    );
    await visit(b, `${dealUrl}?tab=plan`, 'deal-plan', (p) =>
      p.getByRole('heading', { name: 'Revision 3' }).waitFor(),
    );
    await b.page.getByRole('button', { name: /Revision 2/ }).click();
    await b.page.getByRole('heading', { name: /Revision 2/ }).waitFor();
    await screenshot(b.page, 'deal-plan-revision-2');
    await visit(b, `${dealUrl}?tab=calls`, 'deal-calls', (p) =>
      p
        .getByText('Lesson', { exact: false })
        .or(p.getByText(/Habits \d+\/10/))
        .first()
        .waitFor(),
    );
    await visit(b, `${dealUrl}?tab=touches`, 'deal-touches', (p) =>
      p.getByRole('list', { name: /Touches/ }).waitFor(),
    );
    await visit(b, `${server.url}/calls/new`, 'log-call-empty', (p) =>
      p.getByRole('heading', { name: 'Habit checklist' }).waitFor(),
    );
    await visit(b, `${server.url}/insights`, 'insights', (p) =>
      p.locator('.chart canvas').first().waitFor(),
    );
    await visit(b, `${server.url}/team`, 'team', (p) => p.getByText('Jordan Reyes').waitFor());
    for (const tab of ['profile', 'notifications', 'playbook', 'stages', 'members', 'tokens']) {
      await visit(b, `${server.url}/settings?tab=${tab}`, `settings-${tab}`, (p) =>
        p.getByRole('tab', { selected: true }).waitFor(),
      );
    }
    await visit(b, `${server.url}/nowhere`, 'not-found', (p) =>
      p.getByText('Page not found').waitFor(),
    );
    expect(b.errors).toEqual([]);
  });

  test('layout at 1280 px: the whole board, whole titles, and dates on chart axes', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/deals`);
    await page.getByRole('region', { name: /^Demo:/ }).waitFor();
    // Every column is in view beside the sidebar, so there is nothing to cue.
    const clipped = (await page.evaluate(`(() => {
      const board = document.querySelector('.board').getBoundingClientRect();
      return [...document.querySelectorAll('.board-column')]
        .filter((c) => c.getBoundingClientRect().right > board.right + 1)
        .map((c) => c.getAttribute('aria-label'));
    })()`)) as string[];
    expect(clipped).toEqual([]);
    expect(await page.getByTestId('board-cue').count()).toBe(0);
    expect(await page.locator('.board-column').count()).toBeGreaterThanOrEqual(5);
    // No card title is cut: each shows all of its text.
    const cut = (await page.evaluate(`[...document.querySelectorAll('.deal-card a[href]')]
      .filter((a) => a.scrollWidth > a.clientWidth + 1 || getComputedStyle(a).textOverflow === 'ellipsis')
      .map((a) => a.textContent)`)) as string[];
    expect(cut).toEqual([]);
    expect(await page.locator('.deal-card a[href]').count()).toBeGreaterThan(5);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).waitFor();

    // Chart axes are drawn on a canvas: record the text drawn on it.
    await page.evaluate(`(() => {
      window.__drawn = [];
      const fill = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
        window.__drawn.push(String(text));
        return fill.call(this, text, ...rest);
      };
    })()`);
    await page
      .getByRole('link', { name: /^Insights/ })
      .first()
      .click();
    await page.locator('.chart canvas').first().waitFor();
    await page.waitForLoadState('networkidle');
    const drawn = (await page.evaluate('window.__drawn')) as string[];
    const dates = drawn.filter((t) =>
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$/.test(t),
    );
    expect(dates.length, `axis labels drawn: ${drawn.join(' | ')}`).toBeGreaterThan(2);
    expect(drawn.filter((t) => /\d+\/\d+/.test(t))).toEqual([]);
  });

  test('the board moves a deal by drag and drop, and by its stage menu', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/deals`);
    const column = (stage: string) => page.getByRole('region', { name: new RegExp(`^${stage}:`) });
    const card = page.getByRole('article', { name: /^Franchise reporting, 40 stores/ });
    await column('Discovery')
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();

    await card.dragTo(column('Qualified'));
    await column('Qualified')
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();
    // Saved on the server, at the version read: it is still there after a reload.
    await page.reload();
    await column('Qualified')
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();

    await page
      .getByLabel('Move Franchise reporting, 40 stores to stage')
      .selectOption({ label: 'Demo' });
    await column('Demo')
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();
    await page.reload();
    await column('Demo')
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();
    expect(desk.errors).toEqual([]);
  });

  test('keyboard: g d, g t, c and ? work from anywhere but a text field', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await page.waitForURL('**/deals');
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    await page.waitForURL((u) => u.pathname === '/');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await screenshot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('c');
    await page.waitForURL('**/calls/new');
    // Typing a "g" or a "c" in the notes must not navigate.
    await page.getByLabel('Notes').fill('');
    await page.getByLabel('Notes').press('g');
    await page.getByLabel('Notes').press('d');
    expect(new URL(page.url()).pathname).toBe('/calls/new');
  });

  // Twenty pages, each loaded, screenshotted whole and measured: more than the default minute
  // on a loaded machine.
  test('phone width (390 px) and dark mode', async () => {
    const cookies = await desk.context.cookies();
    for (const mode of [
      { width: 390, colorScheme: 'light' as const, suffix: 'phone' },
      { width: 1280, colorScheme: 'dark' as const, suffix: 'dark' },
    ]) {
      const b = await openBrowser({
        now: new Date(NOW),
        width: mode.width,
        colorScheme: mode.colorScheme,
        height: 844,
      });
      try {
        await b.context.addCookies(cookies);
        const pages: [string, string, (p: Page) => Promise<unknown>][] = [
          ['/', 'today', (p) => p.locator('[data-kind="deliver"]').first().waitFor()],
          ['/deals', 'deals', (p) => p.getByRole('region', { name: /^Demo:/ }).waitFor()],
          [
            '/deals?view=list',
            'deals-list',
            (p) =>
              p
                .getByRole('table')
                .or(p.getByRole('list', { name: 'Deals' }))
                .waitFor(),
          ],
          [
            '/?date=2026-11-21',
            'today-weekend',
            (p) => p.getByText('Not a business day').waitFor(),
          ],
          [
            new URL(dealUrl).pathname,
            'deal',
            (p) => p.getByText('Send the security questionnaire answers').first().waitFor(),
          ],
          [
            '/calls/new',
            'log-call',
            (p) => p.getByRole('heading', { name: 'Habit checklist' }).waitFor(),
          ],
          ['/insights', 'insights', (p) => p.locator('.chart canvas').first().waitFor()],
          ['/team', 'team', (p) => p.getByText('Jordan Reyes').waitFor()],
          ['/settings', 'settings', (p) => p.getByRole('tab', { selected: true }).waitFor()],
          [
            '/import',
            'import',
            (p) => p.getByRole('heading', { name: 'Import', level: 1 }).waitFor(),
          ],
        ];
        for (const [url, name, ready] of pages) {
          await visit(b, `${server.url}${url}`, `${name}-${mode.suffix}`, ready);
          if (mode.width === 390) {
            // Nothing may be wider than the screen: the page itself never scrolls sideways.
            const overflow = (await b.page.evaluate(
              'document.documentElement.scrollWidth - window.innerWidth',
            )) as number;
            expect(overflow, `sideways overflow on ${name}`).toBeLessThanOrEqual(0);
            // The sticky top bar is as tall as its two rows, even on a short page.
            const bar = (await b.page.evaluate(
              "document.querySelector('.topbar').getBoundingClientRect().height",
            )) as number;
            expect(bar, `top bar height on ${name}`).toBeLessThan(120);
            if (name === 'deals-list') {
              // A phone gets one card per deal, not a table wider than the screen.
              expect(await b.page.getByRole('table').count()).toBe(0);
              expect(
                await b.page.getByRole('list', { name: 'Deals' }).getByRole('listitem').count(),
              ).toBeGreaterThan(3);
            }
            if (name === 'deals') {
              // Columns out of view are named above the board.
              const cue = b.page.getByTestId('board-cue');
              expect(await cue.textContent()).toMatch(/more stages out of view \(.*Demo.*\)/);
            }
          }
        }
        expect(b.errors).toEqual([]);
      } finally {
        await b.close();
      }
    }
  }, 180_000);

  test('Today: snooze with a reason, and a one-click touch that moves the march', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/`);
    const march = page.getByTestId('march-done');
    await march.waitFor();
    const before = Number((await march.textContent())!.split('/')[0]);

    const revive = page.locator('[data-kind="revive"]').first();
    await revive.getByRole('button', { name: /^Touch:/ }).click();
    await expect
      .poll(async () => Number((await march.textContent())!.split('/')[0]))
      .toBe(before + 1);

    const item = page
      .locator('[data-kind="deliver"]')
      .filter({ hasText: 'security questionnaire' });
    await item.getByRole('button', { name: /^Snooze:/ }).click();
    const popover = page.getByRole('dialog', { name: 'Snooze' });
    // It may not be snoozed past its due date, Thu 19 Nov.
    expect(await popover.getByLabel('Snooze until').getAttribute('max')).toBe('2026-11-19');
    await popover.getByLabel('Why snooze').fill('Waiting for their IT lead');
    await screenshot(page, 'today-snooze');
    await popover.getByRole('button', { name: 'Snooze' }).click();
    await page.getByText('Snoozed to Thu 19 Nov').waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(desk.errors).toEqual([]);
  });

  test('sign-in page, signed out', async () => {
    const b = await openBrowser({ now: new Date(NOW) });
    try {
      await visit(b, `${server.url}/deals`, 'sign-in', (p) =>
        p.getByRole('button', { name: 'Sign in' }).waitFor(),
      );
      await b.page.getByLabel('E-mail').fill('alex@northwind.test');
      await b.page.getByLabel('Password').fill('wrong password here');
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      await b.page
        .getByRole('alert')
        .getByText('The e-mail address or the password is wrong.')
        .waitFor();
      await b.page.getByLabel('Password').fill('correct horse battery');
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      // Back where the visitor was going.
      await b.page.waitForURL('**/deals');
    } finally {
      await b.close();
    }
  });
});
