import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, openBrowser, type Browser } from './support/browser.ts';
import { focused, setUpSampleWorkspace } from './support/sample.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * Keyboard alone, with the sample workspace: after every action that removes or redraws what
 * had the focus, the focus lands somewhere sensible (the next item, the moved card, the new
 * page's heading) and never on <body>. Radio groups and tabs follow the WAI-ARIA patterns, and
 * Log a call is saved only on purpose.
 */
const NOW = '2026-11-18T15:00:00Z';

/** The item rows of Today's "To do" list, in order, as "kind: title". */
async function todoItems(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'To do today' })
    .locator(':scope > li')
    .evaluateAll((lis) =>
      lis.map(
        (li) =>
          `${li.getAttribute('data-kind')}: ${(li.querySelector('.agenda-title')?.textContent ?? '').trim()}`,
      ),
    );
}

describe.skipIf(!hasChromium)('keyboard: where the focus lands', () => {
  let server: TestServer;
  let b: Browser;

  beforeAll(async () => {
    server = await startServer(NOW);
    b = await openBrowser({ now: new Date(NOW) });
    await setUpSampleWorkspace(b.page, server.url);
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  test('Today: Done, Touch and Snooze pass the focus to the next item', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    await page.locator('[data-kind="deliver"]').first().waitFor();
    const before = await todoItems(page);
    expect(before.length).toBeGreaterThan(3);

    // Done on the first item: the focus moves to the second item's first action.
    const first = page.getByRole('list', { name: 'To do today' }).locator(':scope > li').first();
    await first.getByRole('button', { name: /^Done:/ }).focus();
    await page.keyboard.press('Enter');
    let now = await focused(page);
    expect(now.tag).toBe('button');
    expect(now.item).toBe(before[1]);
    // Still there once the agenda has been read again without the kept promise.
    await expect.poll(async () => (await todoItems(page)).includes(before[0]!)).toBe(false);
    expect((await focused(page)).item).toBe(before[1]);

    // Touch: the focused item's one-click touch, by keyboard.
    const touchItem = page.locator('[data-kind]:not(.is-done)').filter({
      has: page.getByRole('button', { name: /^(Touch|Chased):/ }),
    });
    const touchTitle = (await touchItem.first().locator('.agenda-title').textContent())!.trim();
    await touchItem
      .first()
      .getByRole('button', { name: /^(Touch|Chased):/ })
      .focus();
    await page.keyboard.press('Enter');
    now = await focused(page);
    expect(now.tag).toBe('button');
    expect(now.item).not.toContain(touchTitle);
    expect(now.item).not.toBe('');

    // Snooze from its popover, all by keyboard: Enter opens it (focus in the date), the
    // reason, Enter submits; the focus goes on to the next item.
    const snoozable = page
      .locator('[data-kind="deliver"]:not(.is-done)')
      .filter({ has: page.getByRole('button', { name: /^Snooze:/ }) })
      .first();
    const snoozeTitle = (await snoozable.locator('.agenda-title').textContent())!.trim();
    await snoozable.getByRole('button', { name: /^Snooze:/ }).focus();
    await page.keyboard.press('Enter');
    const popover = page.getByRole('dialog', { name: 'Snooze' });
    await popover.waitFor();
    expect((await focused(page)).name).toBe('Snooze until');
    await popover.getByLabel('Why snooze').fill('Waiting for their IT lead');
    await popover.getByLabel('Why snooze').press('Enter');
    await page.getByText(/^Snoozed to /).waitFor();
    now = await focused(page);
    expect(now.tag).toBe('button');
    expect(now.item).not.toContain(snoozeTitle);
    expect(now.item).not.toBe('');
    expect(b.errors).toEqual([]);
  });

  test('Today: Escape closes a popover and gives the focus back to its button', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    const item = page
      .locator('[data-kind]')
      .filter({ has: page.getByRole('button', { name: /^Snooze:/ }) })
      .first();
    const opener = item.getByRole('button', { name: /^Snooze:/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Snooze' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Snooze' }).waitFor({ state: 'detached' });
    const now = await focused(page);
    expect(now.name).toBe(await opener.getAttribute('aria-label'));
    expect(await opener.getAttribute('aria-expanded')).toBe('false');

    // The other popover, closed with its Cancel button: the same.
    const more = item.getByRole('button', { name: /^Log another kind of touch:/ });
    await more.focus();
    await page.keyboard.press('Enter');
    const touch = page.getByRole('dialog', { name: 'Log a touch' });
    await touch.waitFor();
    await touch.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe(await more.getAttribute('aria-label'));
  });

  test('Today: the day buttons keep the focus and the title follows the day', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expect(await page.title()).toBe('Today — Wed 18 Nov · Momentum');
    await page.getByRole('button', { name: 'Next day' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Thursday 19 November', { exact: true }).waitFor();
    expect((await focused(page)).name).toBe('Next day');
    await expect.poll(() => page.title()).toBe('Today — Thu 19 Nov · Momentum');
    await page.keyboard.press('Enter');
    await page.getByText('Friday 20 November', { exact: true }).waitFor();
    expect((await focused(page)).name).toBe('Next day');

    await page.getByRole('button', { name: 'Previous day' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Thursday 19 November', { exact: true }).waitFor();
    expect((await focused(page)).name).toBe('Previous day');

    // "Back to today" goes away on today itself: the focus stays in the day buttons.
    await page.getByRole('button', { name: 'Back to today' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Wednesday 18 November', { exact: true }).waitFor();
    expect((await focused(page)).name).toBe('Next day');
  });

  test('Today: Mark kept on an e-mail’s proposal passes the focus on and says so', async () => {
    const { page } = b;
    // Dan Park (Fourth Coffee) gets an address; an e-mail to him sends the ROI calculator.
    await page.goto(`${server.url}/accounts`);
    await page.getByRole('link', { name: 'Fourth Coffee' }).click();
    await page.getByRole('button', { name: 'Edit Dan Park' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Dan Park' });
    await dialog.getByLabel('E-mail').fill('dan@fourthcoffee.example');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kbd-eml-')), 'roi.eml');
    fs.writeFileSync(
      file,
      [
        'Message-ID: <kbd-roi@northwind.test>',
        'Date: Wed, 18 Nov 2026 08:30:00 -0500',
        'From: Alex Morgan <alex@northwind.test>',
        'To: Dan Park <dan@fourthcoffee.example>',
        'Subject: ROI calculator',
        'Content-Type: text/plain',
        '',
        'Dan, as promised, here is our ROI calculator: https://northwind.test/roi',
        '',
      ].join('\r\n'),
    );
    await page.goto(`${server.url}/inbox`);
    await page.getByLabel('An .eml file saved from your mail client').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Anything it kept is on Today' }).waitFor();

    await page.goto(`${server.url}/`);
    const kept = page.getByRole('list', { name: 'Promises your e-mail may have kept' });
    const items = kept.getByRole('listitem');
    await items.first().waitFor();
    const count = await items.count();
    const item = items.filter({ hasText: 'ROI calculator' });
    await item.getByRole('button', { name: 'Mark kept' }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/^Marked kept: /)
      .waitFor();
    await expect.poll(() => items.count()).toBe(count - 1);
    // The next proposal's first button, or the page's heading once the card has gone.
    const now = await focused(page);
    expect(now.tag).not.toBe('body');
    if (count > 1) expect(now.name).toBe('Mark kept');
    else expect(now).toMatchObject({ tag: 'h1', name: 'Today' });
    expect(b.errors).toEqual([]);
  });

  test('every route change puts the focus on the new page’s heading', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main', exact: true });
    // Every link of the main navigation, read from the page (an owner sees them all), and back
    // to Today last: each page's heading gets the focus and the title names the page.
    const links = (await nav
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) as string[];
    expect(links).toEqual(
      expect.arrayContaining(['/deals', '/accounts', '/inbox', '/team', '/import', '/settings']),
    );
    const visited: string[] = [];
    for (const href of [...links.filter((h) => h !== '/'), '/']) {
      await nav.locator(`a[href="${href}"]`).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === href);
      await expect
        .poll(async () => (await focused(page)).tag, { message: href, timeout: 5000 })
        .toBe('h1');
      const heading = (await focused(page)).name;
      expect(heading, href).not.toBe('');
      await expect
        .poll(() => page.title(), { message: `title on ${href}` })
        .toMatch(
          new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( — .+)? · Momentum$`),
        );
      visited.push(`${href}: ${await page.title()}`);
    }
    expect(visited).toContain('/settings: Settings — Profile · Momentum');
    expect(visited).toContain('/: Today — Wed 18 Nov · Momentum');
    // A link inside the page too: a deal from the board.
    await page.goto(`${server.url}/deals`);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Care platform rollout, 3 clinics' }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');
    expect(await page.title()).toBe('Care platform rollout, 3 clinics · Momentum');
  });

  test('the board: a card moved with the keyboard keeps the focus and can be moved again', async () => {
    const { page } = b;
    await page.goto(`${server.url}/deals`);
    const menu = page.getByLabel('Move Franchise reporting, 40 stores to stage');
    await menu.waitFor();
    const columnOf = async () => (await focused(page)).inside;
    await menu.focus();
    expect(await columnOf()).toMatch(/^Discovery:/);

    await menu.selectOption({ label: 'Qualified' });
    await expect.poll(columnOf).toMatch(/^Qualified:/);
    expect((await focused(page)).name).toBe('Move Franchise reporting, 40 stores to stage');
    await page
      .getByRole('status')
      .getByText('Moved Franchise reporting, 40 stores to Qualified')
      .waitFor();

    // Again, from where the focus now is.
    await page.keyboard.press('ArrowDown');
    await expect.poll(columnOf).toMatch(/^Demo:/);
    expect((await focused(page)).name).toBe('Move Franchise reporting, 40 stores to stage');
    await page.reload();
    await page
      .getByRole('region', { name: /^Demo:/ })
      .getByRole('article', { name: /^Franchise reporting/ })
      .waitFor();
  });

  test('the deal page: a stage change keeps the focus; Escape leaves the next-step form', async () => {
    const { page } = b;
    await page.goto(`${server.url}/deals`);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).click();
    await page.getByRole('heading', { name: 'Care platform rollout, 3 clinics' }).waitFor();
    const stage = page.getByRole('combobox', { name: 'Stage' });
    const from = await stage.inputValue();
    await stage.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByText(/^Moved to /).waitFor();
    expect(await stage.inputValue()).not.toBe(from);
    expect((await focused(page)).name).toBe('Stage');
    // It can be changed again straight away.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => stage.inputValue()).toBe(from);
    expect((await focused(page)).name).toBe('Stage');

    const next = page.getByRole('region', { name: 'Next step' });
    const opener = next.getByRole('button', { name: /^(Book|Change)$/ });
    const openerName = (await opener.textContent())!.trim();
    await opener.focus();
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('Next step');
    await page.keyboard.type('Demo for finance');
    await page.keyboard.press('Escape');
    await next.getByRole('textbox', { name: 'Next step' }).waitFor({ state: 'detached' });
    // The focus returns on the next frame, once the button is drawn again.
    await expect.poll(async () => (await focused(page)).name).toBe(openerName);

    // Keeping a promise from the deal's list: the focus goes on to the next open promise.
    const keep = page
      .getByRole('list', { name: 'Promises on this deal' })
      .getByRole('button', { name: /^(Done|Received):/ });
    const count = await keep.count();
    expect(count).toBeGreaterThan(1);
    const firstName = await keep.first().getAttribute('aria-label');
    await keep.first().focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Marked done:/).waitFor();
    await expect.poll(() => keep.count()).toBe(count - 1);
    const now = await focused(page);
    expect(now.tag).toBe('button');
    // The next promise's first action: Done, or Renegotiate for one that is due or late.
    expect(now.name).toMatch(/^(Done|Received|Renegotiate):/);
    expect(now.name).not.toBe(firstName);
    expect(b.errors).toEqual([]);
  });

  test('radio groups and tabs follow the arrow keys', async () => {
    const { page } = b;
    // Deal tabs: arrows move and select, the focus ring is drawn inside the scrolling strip.
    await page.goto(`${server.url}/deals`);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).click();
    const promises = page.getByRole('tab', { name: 'Promises' });
    await promises.focus();
    expect(await promises.getAttribute('tabindex')).toBe('0');
    expect(await page.getByRole('tab', { name: 'Plan' }).getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toBe('Plan');
    await expect.poll(() => page.url()).toContain('tab=plan');
    expect(await page.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(
      await page.getByRole('tab', { name: 'Plan' }).getAttribute('id'),
    );
    await page.keyboard.press('End');
    expect((await focused(page)).name).toBe('Touches');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toBe('Promises');
    const offset = (await page.evaluate(
      'getComputedStyle(document.activeElement).outlineOffset',
    )) as string;
    expect(parseFloat(offset)).toBeLessThan(0);

    // Settings tabs.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('tab', { name: 'Profile' }).focus();
    // Left from the first tab wraps to the last (Webhooks, for an owner), and back again.
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).name).toBe('Webhooks');
    await expect.poll(() => page.title()).toBe('Settings — Webhooks · Momentum');
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).name).toBe('API tokens');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toBe('Profile');

    // Log a call: We/They, a habit, the outcome.
    await page.goto(`${server.url}/calls/new`);
    await page.getByLabel('Deal').selectOption({ index: 1 });
    await page
      .getByLabel('Notes')
      .fill("I'll send the pricing by Friday. Sarah will introduce us to their CFO next Tuesday.");
    const proposal = page.getByTestId('proposal').filter({ hasText: 'pricing' });
    await proposal.waitFor({ timeout: 10_000 });
    const we = proposal.getByRole('radio', { name: 'We' });
    await expect.poll(() => we.getAttribute('aria-checked')).toBe('true');
    await we.focus();
    await page.keyboard.press('ArrowRight');
    const they = proposal.getByRole('radio', { name: 'They' });
    expect(await they.getAttribute('aria-checked')).toBe('true');
    expect((await focused(page)).name).toBe('They');
    expect(await we.getAttribute('tabindex')).toBe('-1');

    const habitGroup = page.getByRole('radiogroup', { name: /^Habit 1:/ });
    // Nothing chosen yet: the first option is the one tab stop.
    await habitGroup.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowRight');
    expect(
      await habitGroup.getByRole('radio', { name: 'Partly' }).getAttribute('aria-checked'),
    ).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(
      await habitGroup
        .getByRole('radio', { name: 'Done', exact: true })
        .getAttribute('aria-checked'),
    ).toBe('true');

    const outcome = page.getByRole('radiogroup', { name: 'Outcome' });
    await outcome.getByRole('radio', { name: 'Advanced' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(
      await outcome.getByRole('radio', { name: 'No change' }).getAttribute('aria-checked'),
    ).toBe('true');
    expect((await focused(page)).name).toBe('No change');
  });

  test('closing a deal: Keep and Drop are radio groups; Enter in a field does not close it', async () => {
    const { page } = b;
    await page.goto(`${server.url}/deals`);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).click();
    await page.getByRole('heading', { name: 'Care platform rollout, 3 clinics' }).waitFor();
    const opener = page.getByRole('button', { name: 'Close or pause' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const promises = dialog.getByRole('radiogroup', { name: 'Open promises' });
    await promises.waitFor();
    // Nothing chosen: one tab stop, the first option; the arrow keys choose.
    const keep = promises.getByRole('radio', { name: 'Keep' });
    const drop = promises.getByRole('radio', { name: 'Drop' });
    expect(await keep.getAttribute('tabindex')).toBe('0');
    expect(await drop.getAttribute('tabindex')).toBe('-1');
    await keep.focus();
    await page.keyboard.press('ArrowRight');
    expect(await drop.getAttribute('aria-checked')).toBe('true');
    expect((await focused(page)).name).toBe('Drop');
    await page.keyboard.press('ArrowLeft');
    expect(await keep.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('ArrowRight');
    // Dropping asks why: Enter in that field does not close the deal.
    const why = dialog.getByLabel('Why drop it');
    await why.fill('They chose another vendor');
    await why.press('Enter');
    await page.waitForLoadState('networkidle');
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Close or pause');
    expect(b.errors).toEqual([]);
  });

  test('the plan editor: Enter in a field does not save a revision; Ctrl+Enter does', async () => {
    const { page } = b;
    await page.goto(`${server.url}/deals`);
    await page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).click();
    await page.getByRole('tab', { name: 'Plan' }).click();
    const latest = page.getByRole('heading', { name: /^Revision \d+$/ }).first();
    await latest.waitFor();
    const before = Number((await latest.textContent())!.replace(/\D/g, ''));
    await page.getByRole('button', { name: 'Edit plan' }).click();
    await page.getByRole('button', { name: 'Person', exact: false }).first().click();
    const names = page.getByRole('textbox', { name: /^Person \d+ name$/ });
    const last = names.last();
    await last.fill('Ben Carter');
    await last.press('Enter');
    await page.waitForLoadState('networkidle');
    // Still editing, nothing saved.
    await page.getByRole('button', { name: `Save revision ${before + 1}` }).waitFor();
    expect(await last.inputValue()).toBe('Ben Carter');
    await last.press('Control+Enter');
    await page.getByRole('heading', { name: `Revision ${before + 1}` }).waitFor();
    expect(b.errors).toEqual([]);
  });

  test('the Inbox: filing an e-mail passes the focus to the next one, then to the list’s heading', async () => {
    const { page } = b;
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbd-eml-'));
    for (const n of [1, 2]) {
      const file = path.join(dir, `m${n}.eml`);
      fs.writeFileSync(
        file,
        [
          `Message-ID: <kbd-inbox-${n}@northwind.test>`,
          `Date: Wed, 18 Nov 2026 0${n}:00:00 -0500`,
          'From: Alex Morgan <alex@northwind.test>',
          `To: Someone ${n} <someone${n}@newco.example>`,
          `Subject: Hello ${n}`,
          'Content-Type: text/plain',
          '',
          'Nice to meet you.',
          '',
        ].join('\r\n'),
      );
      await page.getByLabel('An .eml file saved from your mail client').setInputFiles(file);
      await page
        .getByRole('list', { name: 'E-mail waiting for a deal' })
        .getByText(`Hello ${n}`, { exact: true })
        .waitFor();
    }
    const waiting = page.getByRole('list', { name: 'E-mail waiting for a deal' });
    const rows = waiting.getByRole('listitem');
    expect(await rows.count()).toBe(2);
    const subjects = (await rows.locator('strong').allTextContents()).map((t) => t.trim());
    const pick = page.getByLabel(`Deal for “${subjects[0]}”`);
    await pick.selectOption({ index: 1 });
    await waiting
      .getByRole('listitem')
      .filter({ hasText: subjects[0]! })
      .getByRole('button', { name: 'File' })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect((await focused(page)).name).toBe(`Deal for “${subjects[1]}”`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Nothing waiting.').waitFor();
    expect((await focused(page)).name).toBe('Waiting for a deal');
    expect(b.errors).toEqual([]);
  });

  test('Settings: revoking a token passes the focus to the next one, then to the heading', async () => {
    const { page } = b;
    await page.goto(`${server.url}/settings?tab=tokens`);
    const name = page.getByLabel('Token name');
    for (const token of ['Reporting', 'Backup']) {
      await name.fill(token);
      await name.press('Enter');
      await page.getByRole('button', { name: `Revoke ${token}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Revoke Reporting' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Revoke Reporting' }).waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Revoke Backup');
    await page.keyboard.press('Enter');
    await page.getByText('No tokens yet.').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'h2', name: 'API tokens' });
    await page.getByRole('status').getByText('Revoked Backup.').waitFor({ state: 'attached' });
    expect(b.errors).toEqual([]);
  });

  test('Settings: revoking an invitation or the calendar feed keeps the focus in its section', async () => {
    const { page } = b;
    await page.goto(`${server.url}/settings?tab=members`);
    const email = page.getByLabel('E-mail to invite');
    for (const who of ['kim@example.com', 'lee@example.com']) {
      await email.fill(who);
      await email.press('Enter');
      await page.getByRole('button', { name: `Revoke the invitation to ${who}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Revoke the invitation to kim@example.com' }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('button', { name: 'Revoke the invitation to kim@example.com' })
      .waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Revoke the invitation to lee@example.com');
    await page.keyboard.press('Enter');
    await page
      .getByRole('button', { name: 'Revoke the invitation to lee@example.com' })
      .waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'h2', name: 'Invitations' });

    await page.goto(`${server.url}/settings?tab=calendar`);
    await page.getByRole('button', { name: 'Create feed URL' }).click();
    const revoke = page.getByRole('button', { name: 'Revoke', exact: true });
    await revoke.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await revoke.focus();
    await page.keyboard.press('Enter');
    await revoke.waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Create feed URL');
    expect(b.errors).toEqual([]);
  });

  test('the focus ring shows at every tab stop', async () => {
    const { page } = b;
    /** Tabs through the page and returns the stops with no visible focus indicator. */
    const STOP = `(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const st = getComputedStyle(el);
      const ring = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2;
      const glow = st.boxShadow !== 'none' && st.boxShadow.includes('0px 0px 0px');
      return { at: el.outerHTML.slice(0, 100), shown: ring || glow };
    })()`;
    for (const path of ['/', '/deals', '/calls/new', '/settings?tab=members']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const hidden: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const stop = (await page.evaluate(STOP)) as { at: string; shown: boolean } | null;
        if (stop && !stop.shown) hidden.push(stop.at);
      }
      expect(hidden, `stops without a focus ring on ${path}`).toEqual([]);
    }
  });

  test('Log a call: Enter in a field does not save; Ctrl+Enter does', async () => {
    const { page } = b;
    await page.goto(`${server.url}/calls/new`);
    await page.getByLabel('Deal').selectOption({ index: 1 });
    const dealId = await page.getByLabel('Deal').inputValue();
    const calls = `fetch('/api/v1/calls?deal=${dealId}').then((r) => r.json())`;
    const before = await page.evaluate(calls);
    expect(Array.isArray((before as { items?: unknown[] }).items ?? before)).toBe(true);
    await page.getByLabel('With (their side)').fill('Sarah');
    await page.getByLabel('With (their side)').press('Enter');
    await page.getByLabel('Started').press('Enter');
    // Nothing was sent: still on the form, with what was typed.
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/calls/new');
    expect(await page.getByLabel('With (their side)').inputValue()).toBe('Sarah');
    const after = await page.evaluate(calls);
    expect(after).toEqual(before);

    await page.getByLabel('Notes').fill('Short check-in; nothing promised.');
    await page.getByLabel('Notes').press('Control+Enter');
    await page.waitForURL((u) => u.pathname.startsWith('/deals/'));
    expect(b.errors).toEqual([]);
  });
});
