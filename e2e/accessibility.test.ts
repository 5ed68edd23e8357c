import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeViolations, describeFindings } from './support/axe.ts';
import { hasChromium, openBrowser, type Browser } from './support/browser.ts';
import { SAMPLE_TIMEOUT } from './support/sample.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * WCAG 2.2 AA on every page: axe-core (WCAG 2.0/2.1/2.2 A and AA, plus best practices) runs on
 * each view of the sample workspace, in light and dark, at desktop width and at 390 px, and any
 * violation fails the test with the rule, the element and why. Each view also has its own
 * document title.
 */
const NOW = '2026-11-18T15:00:00Z';

interface Mode {
  name: string;
  width: number;
  height: number;
  colorScheme: 'light' | 'dark';
}
const MODES: Mode[] = [
  { name: 'desktop light', width: 1280, height: 860, colorScheme: 'light' },
  { name: 'desktop dark', width: 1280, height: 860, colorScheme: 'dark' },
  { name: '390 px light', width: 390, height: 844, colorScheme: 'light' },
  { name: '390 px dark', width: 390, height: 844, colorScheme: 'dark' },
];

const SETTLE = `(async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
  await Promise.all(transitions.map((a) => a.finished.catch(() => undefined)));
})()`;

/** Runs axe in every mode on the page as it is; returns the findings per mode (empty: none). */
async function auditAllModes(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const mode of MODES) {
    await page.setViewportSize({ width: mode.width, height: mode.height });
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    // Let layout, resize-driven redraws (charts) and the colour transitions the theme switch
    // started settle before measuring: axe reads the colours as they are at that moment.
    await page.evaluate(SETTLE);
    const findings = describeFindings(await axeViolations(page));
    if (findings.length) found[mode.name] = findings;
  }
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function audit(
  b: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  title?: RegExp,
) {
  await b.page.goto(url);
  await ready(b.page);
  await b.page.waitForLoadState('networkidle');
  expect.soft(await auditAllModes(b.page), `axe on ${url}`).toEqual({});
  if (title) await expect.soft(b.page.title()).resolves.toMatch(title);
}

/*
 * Every route of the web app (web/src/router.tsx) and where below it is audited. A route added to
 * the app and not here fails the first test: a new page is audited from the day it exists.
 */
const AUDITED_ROUTES: Record<string, string> = {
  '/sign-in': 'sign-in and join, signed out',
  '/setup': 'setup, before any workspace exists',
  '/join': 'sign-in and join, signed out',
  '/forgot-password': 'sign-in and join, signed out',
  '/reset-password/$token': 'sign-in and join, signed out',
  '/': 'Today; Today with a popover open; Today with e-mail to confirm',
  '/deals': 'the deals board and list; the new deal dialog',
  '/deals/$dealId': 'a deal, on each tab; the deal page’s dialogs',
  '/accounts': 'Accounts, an account page, the contact dialog and search',
  '/accounts/$accountId': 'Accounts, an account page, the contact dialog and search',
  '/calls/new': 'Log a call, empty and with proposals from the notes',
  '/insights': 'Insights and Team',
  '/team': 'Insights and Team',
  '/settings': 'Settings, on each tab',
  '/import': 'Import & export, empty and with a preview',
  '/inbox': 'Inbox, with e-mail waiting for a deal',
};

test('every route of the web app is audited', () => {
  const router = fs.readFileSync(path.resolve('web/src/router.tsx'), 'utf8');
  const routes = [...router.matchAll(/\bpath: '([^']+)'/g)].map((m) => m[1]!);
  expect(routes.length).toBeGreaterThan(10);
  expect(routes.filter((r) => !(r in AUDITED_ROUTES))).toEqual([]);
  expect(Object.keys(AUDITED_ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
});

/** Audits the page as it is now in every mode, and its title. */
async function auditHere(page: Page, what: string, title?: RegExp) {
  await page.waitForLoadState('networkidle');
  expect.soft(await auditAllModes(page), `axe on ${what}`).toEqual({});
  if (title) await expect.soft(page.title(), `title of ${what}`).resolves.toMatch(title);
}

/** An .eml file in a fresh temporary folder, for the Inbox's upload. */
function emlFile(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'a11y-eml-')), name);
  fs.writeFileSync(file, [...lines, ''].join('\r\n'));
  return file;
}

const HUBSPOT = path.resolve('test/fixtures/import/hubspot');

// Each test audits its views in four modes: on a loaded machine that takes more than the default
// minute, so each gets three.
vi.setConfig({ testTimeout: 180_000 });

describe.skipIf(!hasChromium)('WCAG 2.2 AA: axe finds nothing on any page', () => {
  let server: TestServer;
  let b: Browser;
  let dealUrl = '';
  let inviteLink = '';

  beforeAll(async () => {
    server = await startServer(NOW);
    b = await openBrowser({ now: new Date(NOW) });
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  test('setup, before any workspace exists', async () => {
    await audit(
      b,
      `${server.url}/`,
      (p) => p.getByRole('button', { name: 'Explore with sample data' }).waitFor(),
      /^Set up .*· Momentum$/,
    );
    const { page } = b;
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
  }, 150_000);

  test('Today', async () => {
    await audit(
      b,
      `${server.url}/`,
      (p) => p.locator('[data-kind="deliver"]').first().waitFor(),
      /^Today — Wed 18 Nov · Momentum$/,
    );
  });

  // Today's popovers: a new date for a promise due or late (no snooze can reach past its due
  // date), a snooze for one not yet due, and the other kinds of touch. Each is audited open.
  test('Today with a popover open', async () => {
    const { page } = b;
    const popovers: [RegExp, string][] = [
      [/^Renegotiate:/, 'New date'],
      [/^Snooze:/, 'Snooze'],
      [/^Log another kind of touch:/, 'Log a touch'],
    ];
    for (const [button, dialog] of popovers) {
      await page.goto(`${server.url}/`);
      const opener = page
        .locator('[data-kind="deliver"]')
        .getByRole('button', { name: button })
        .first();
      await opener.click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      expect.soft(await auditAllModes(page), `axe with ${dialog} open`).toEqual({});
    }
  });

  test('the deals board and list', async () => {
    await audit(
      b,
      `${server.url}/deals`,
      (p) => p.getByRole('region', { name: /^Demo:/ }).waitFor(),
      /^Deals · Momentum$/,
    );
    await audit(
      b,
      `${server.url}/deals?view=list`,
      (p) => p.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).first().waitFor(),
      /^Deals · Momentum$/,
    );
    await b.page.getByRole('link', { name: 'Care platform rollout, 3 clinics' }).first().click();
    await b.page.getByRole('heading', { name: 'Care platform rollout, 3 clinics' }).waitFor();
    dealUrl = b.page.url();
  });

  test('the new deal dialog', async () => {
    const { page } = b;
    await page.goto(`${server.url}/deals`);
    await page.getByRole('button', { name: /New deal/ }).click();
    await page.getByRole('dialog', { name: 'New deal' }).waitFor();
    expect(await auditAllModes(page)).toEqual({});
  });

  test('a deal, on each tab', async () => {
    const title = /^Care platform rollout, 3 clinics · Momentum$/;
    await audit(
      b,
      dealUrl,
      (p) => p.getByText('Send the security questionnaire answers').first().waitFor(),
      title,
    );
    await audit(
      b,
      `${dealUrl}?tab=plan`,
      (p) => p.getByRole('heading', { name: 'Revision 3' }).waitFor(),
      title,
    );
    await audit(
      b,
      `${dealUrl}?tab=calls`,
      (p) =>
        p
          .getByText(/Habits \d+\/10/)
          .first()
          .waitFor(),
      title,
    );
    await audit(
      b,
      `${dealUrl}?tab=touches`,
      (p) => p.getByRole('list', { name: /Touches/ }).waitFor(),
      title,
    );
  });

  test('the deal page’s dialogs: log a touch, close or pause', async () => {
    const { page } = b;
    await page.goto(dealUrl);
    await page.getByRole('button', { name: 'Log touch' }).click();
    await page.getByRole('dialog', { name: 'Log a touch' }).waitFor();
    expect.soft(await auditAllModes(page), 'axe on Log a touch').toEqual({});
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Log a touch' }).waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Close or pause' }).click();
    await page.getByRole('dialog').first().waitFor();
    expect.soft(await auditAllModes(page), 'axe on Close or pause').toEqual({});
  });

  test('Accounts, an account page, the contact dialog and search', async () => {
    await audit(
      b,
      `${server.url}/accounts`,
      (p) => p.getByRole('link', { name: 'Woodgrove Bank' }).waitFor(),
      /^Accounts · Momentum$/,
    );
    const { page } = b;
    await page.getByRole('link', { name: 'Woodgrove Bank' }).click();
    await page.getByRole('heading', { name: 'Woodgrove Bank', level: 1 }).waitFor();
    const accountUrl = page.url();
    await audit(
      b,
      accountUrl,
      (p) => p.getByRole('list', { name: /Account timeline/ }).waitFor(),
      /^Woodgrove Bank · Momentum$/,
    );
    await page.getByRole('button', { name: 'Edit Elena Rossi' }).click();
    await page.getByRole('dialog', { name: 'Edit Elena Rossi' }).waitFor();
    expect.soft(await auditAllModes(page), 'axe on the contact dialog').toEqual({});
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Edit account' }).click();
    await page.getByRole('form', { name: 'Edit Woodgrove Bank' }).waitFor();
    expect.soft(await auditAllModes(page), 'axe on the account being edited').toEqual({});
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search deals, accounts and contacts' }).fill('wood');
    await page.getByRole('option').first().waitFor();
    expect.soft(await auditAllModes(page), 'axe on search with results').toEqual({});
    await page.keyboard.press('Escape');
  }, 300_000);

  test('Log a call, empty and with proposals from the notes', async () => {
    await audit(
      b,
      `${server.url}/calls/new`,
      (p) => p.getByRole('heading', { name: 'Habit checklist' }).waitFor(),
      /^Log a call · Momentum$/,
    );
    const { page } = b;
    await page.goto(`${server.url}/calls/new?deal=${new URL(dealUrl).pathname.split('/').pop()}`);
    await page
      .getByLabel('Notes')
      .fill("I'll send the pricing by Friday. Sarah will introduce us to their CFO next Tuesday.");
    await expect.poll(() => page.getByTestId('proposal').count(), { timeout: 10_000 }).toBe(2);
    expect(await auditAllModes(page)).toEqual({});
  });

  test('Insights and Team', async () => {
    await audit(
      b,
      `${server.url}/insights`,
      (p) => p.locator('.chart canvas').first().waitFor(),
      /^Insights · Momentum$/,
    );
    await audit(
      b,
      `${server.url}/team`,
      (p) => p.getByText('Jordan Reyes').first().waitFor(),
      /^Team · Momentum$/,
    );
  });

  test('Settings, on each tab', async () => {
    const { page } = b;
    await page.goto(`${server.url}/settings`);
    const tabs = page.getByRole('tablist').getByRole('tab');
    await tabs.first().waitFor();
    // Every tab the owner sees, read from the page: a tab added later is audited too.
    const names = await tabs.allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      await page.getByRole('tab', { name: name.trim() }).click();
      await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe(name);
      await page.getByRole('tabpanel').waitFor();
      await auditHere(
        page,
        `Settings → ${name}`,
        new RegExp(`^Settings — ${name.trim()} · Momentum$`),
      );
    }
    // A webhook with its deliveries open, and a calendar file imported.
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByLabel('Webhook URL').fill('https://hooks.example/momentum');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('status').filter({ hasText: 'signing secret' }).waitFor();
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await auditHere(page, 'Settings → Webhooks with a webhook added and its deliveries open');

    await page.goto(`${server.url}/settings?tab=members`);
    await page.getByLabel('E-mail to invite').fill('rita@northwind.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    inviteLink = (await page.locator('code').filter({ hasText: '/join?token=' }).textContent())!;
    // Tables that only show once there is something in them: a pending invitation, a token.
    await auditHere(page, 'Settings → Members with an invitation pending');
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('Reporting');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('status').filter({ hasText: 'Copy it now' }).waitFor();
    await auditHere(page, 'Settings → API tokens with a token');
  }, 600_000);

  test('Import & export, empty and with a preview', async () => {
    await audit(
      b,
      `${server.url}/import`,
      (p) => p.getByRole('heading', { name: 'Import & export', level: 1 }).waitFor(),
      /^Import & export · Momentum$/,
    );
    const { page } = b;
    await page
      .getByLabel('Exported CSV files')
      .setInputFiles(
        ['companies', 'contacts', 'deals', 'tasks'].map((f) =>
          path.join(HUBSPOT, `hubspot-crm-exports-all-${f}-2026-11-24.csv`),
        ),
      );
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'What an import would do' }).waitFor();
    await auditHere(page, 'the import preview');
  });

  test('Inbox, with e-mail waiting for a deal', async () => {
    await audit(
      b,
      `${server.url}/inbox`,
      (p) => p.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor(),
      /^Inbox · Momentum$/,
    );
    const { page } = b;
    await page
      .getByLabel('An .eml file saved from your mail client')
      .setInputFiles(
        emlFile('hello.eml', [
          'Message-ID: <a11y-inbox@northwind.test>',
          'Date: Wed, 18 Nov 2026 09:00:00 -0500',
          'From: Alex Morgan <alex@northwind.test>',
          'To: Someone New <new@newco.example>',
          'Subject: Hello from Northwind',
          'Content-Type: text/plain',
          '',
          'Nice to meet you.',
        ]),
      );
    await page.getByRole('list', { name: 'E-mail waiting for a deal' }).waitFor();
    await auditHere(page, 'the Inbox with e-mail waiting');
  });

  test('Today with e-mail to confirm', async () => {
    const { page } = b;
    // Elena Rossi (Woodgrove Bank) gets an address; an e-mail to her promises something new.
    await page.goto(`${server.url}/accounts`);
    await page.getByRole('link', { name: 'Woodgrove Bank' }).click();
    await page.getByRole('button', { name: 'Edit Elena Rossi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Elena Rossi' });
    await dialog.getByLabel('E-mail').fill('elena@woodgrove.example');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.goto(`${server.url}/inbox`);
    await page
      .getByLabel('An .eml file saved from your mail client')
      .setInputFiles(
        emlFile('contract.eml', [
          'Message-ID: <a11y-today@northwind.test>',
          'Date: Wed, 18 Nov 2026 09:30:00 -0500',
          'From: Alex Morgan <alex@northwind.test>',
          'To: Elena Rossi <elena@woodgrove.example>',
          'Subject: Contract',
          'Content-Type: text/plain',
          '',
          "Elena, I'll send the contract by Tuesday.",
        ]),
      );
    await page.getByRole('status').filter({ hasText: 'Anything it kept is on Today' }).waitFor();
    // A second open deal at Woodgrove: the next e-mail to Elena fits both, and Today asks.
    await page.goto(`${server.url}/deals`);
    await page.getByRole('button', { name: /New deal/ }).click();
    const newDeal = page.getByRole('dialog', { name: 'New deal' });
    await newDeal.getByLabel('Account').fill('Woodgrove Bank');
    await newDeal.getByLabel('Title').fill('Fraud analytics rollout');
    await newDeal.getByRole('button', { name: 'Add deal' }).click();
    await newDeal.waitFor({ state: 'detached' });
    await page.goto(`${server.url}/inbox`);
    await page
      .getByLabel('An .eml file saved from your mail client')
      .setInputFiles(
        emlFile('next.eml', [
          'Message-ID: <a11y-ask@northwind.test>',
          'Date: Wed, 18 Nov 2026 09:45:00 -0500',
          'From: Alex Morgan <alex@northwind.test>',
          'To: Elena Rossi <elena@woodgrove.example>',
          'Subject: Next steps',
          'Content-Type: text/plain',
          '',
          'Elena, good to talk today.',
        ]),
      );
    await page.getByRole('status').filter({ hasText: 'Anything it kept is on Today' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('region', { name: 'Kept by e-mail?' }).waitFor();
    await page.getByRole('region', { name: 'Which deal is this e-mail about?' }).waitFor();
    await auditHere(page, 'Today with e-mail to confirm', /^Today — Wed 18 Nov · Momentum$/);
  });

  test('keyboard shortcuts and page not found', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await auditAllModes(page)).toEqual({});
    await audit(
      b,
      `${server.url}/nowhere`,
      (p) => p.getByText('Page not found').waitFor(),
      /^Page not found · Momentum$/,
    );
  });

  test('sign-in and join, signed out', async () => {
    const out = await openBrowser({ now: new Date(NOW) });
    try {
      await audit(
        out,
        `${server.url}/sign-in`,
        (p) => p.getByRole('button', { name: 'Sign in' }).waitFor(),
        /^Sign in · Momentum$/,
      );
      // A failed sign-in shows its error: that state is audited too.
      await out.page.getByLabel('E-mail').fill('alex@northwind.test');
      await out.page.getByLabel('Password').fill('wrong password here');
      await out.page.getByRole('button', { name: 'Sign in' }).click();
      await out.page.getByRole('alert').waitFor();
      expect(await auditAllModes(out.page)).toEqual({});
      await audit(
        out,
        `${server.url}/forgot-password`,
        (p) => p.getByRole('button', { name: 'Send the link' }).waitFor(),
        /^Reset your password · Momentum$/,
      );
      await out.page.getByLabel('E-mail').fill('alex@northwind.test');
      await out.page.getByRole('button', { name: 'Send the link' }).click();
      await out.page.getByRole('status').filter({ hasText: 'If that address' }).waitFor();
      await auditHere(out.page, 'a reset link asked for');
      await audit(
        out,
        `${server.url}/reset-password/not-a-real-token`,
        (p) => p.getByRole('button', { name: 'Set the password and sign in' }).waitFor(),
        /^Set a new password · Momentum$/,
      );
      // An unknown link is refused: that state is audited too.
      await out.page.getByLabel('New password', { exact: true }).fill('a new long password');
      await out.page.getByLabel('New password again').fill('a new long password');
      await out.page.getByRole('button', { name: 'Set the password and sign in' }).click();
      await out.page.getByRole('alert').waitFor();
      await auditHere(out.page, 'a reset link refused');
      await audit(
        out,
        inviteLink,
        (p) => p.getByRole('button', { name: 'Join the workspace' }).waitFor(),
        /^Join .* · Momentum$/,
      );
      expect(out.errors).toEqual([]);
    } finally {
      await out.close();
    }
    expect(b.errors).toEqual([]);
  });
});
