import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * The whole loop in a real browser, in order: a new server is set up, a deal gets a plan, a
 * call is logged from its notes, the promises show on Today with their early targets, one is
 * kept and the march moves, the plan shows how the call moved it, and a rep cannot open
 * someone else's deal by its address.
 *
 * Time is frozen on both sides: the server's clock and the page's Date. The call is on
 * Tuesday 24 November 2026 in New York; "by Friday" is due Fri 27 Nov and, Thursday being
 * Thanksgiving in the US, its early target is Wed 25 Nov (docs/rules.md#early-target).
 */
const TUESDAY = '2026-11-24T20:00:00Z';
const WEDNESDAY = '2026-11-25T14:00:00Z';

describe.skipIf(!hasChromium)('follow-through in the browser', () => {
  let server: TestServer;
  let owner: Browser;
  let dealPath = '';

  beforeAll(async () => {
    server = await startServer(TUESDAY);
    owner = await openBrowser({ now: new Date(TUESDAY) });
  });

  afterAll(async () => {
    await owner?.close();
    await server?.close();
  });

  test('first run: the first visitor sets up the workspace and lands on Today', async () => {
    const { page } = owner;
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Acme Sales');
    await page.getByLabel('Your name').fill('Ann Lee');
    await page.getByLabel('E-mail').fill('ann@acme.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Holiday region').fill('US');
    await screenshot(page, 'setup');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    // Nothing is open yet, and Today says what would help rather than that all is on track.
    await page.getByText('Nothing open yet').waitFor();
    expect(await page.getByText('Nothing due today').count()).toBe(0);
    await screenshot(page, 'today-empty');
    // A second visitor finds the server set up: setup now points to sign-in.
    const again = await fetch(`${server.url}/api/v1/demo`).then((r) => r.json());
    expect(again).toEqual({ firstRun: false, sampleAvailable: false });
  });

  test('a deal is added and given a plan', async () => {
    const { page } = owner;
    await page.getByRole('link', { name: /Deals/ }).first().click();
    await page.getByText('No open deals yet').waitFor();
    await page.getByRole('button', { name: 'Add your first deal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.getByLabel('Account').fill('Globex');
    await dialog.getByLabel('Title').fill('Pilot, 40 seats');
    await dialog.getByLabel('Amount').fill('24000');
    await page.getByRole('button', { name: 'Add deal' }).click();
    await page.getByRole('heading', { name: 'Pilot, 40 seats' }).waitFor();
    dealPath = new URL(page.url()).pathname;
    expect(dealPath).toMatch(/^\/deals\/dl_/);

    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Write the plan' }).click();
    await page.getByLabel('Objective').fill('Roll out to the support team before January.');
    await page.getByRole('button', { name: 'Milestone' }).click();
    await page.getByLabel('Milestone 1', { exact: true }).fill('Security review passed');
    await page.getByLabel('Milestone 1: who').selectOption('theirs');
    await page.getByLabel('Milestone 1: by').fill('2026-12-04');
    await page.getByRole('button', { name: 'Save revision 1' }).click();
    await page.getByRole('heading', { name: 'Revision 1' }).waitFor();
  });

  test('a call is logged from its notes and both proposed promises are confirmed', async () => {
    const { page } = owner;
    // The `c` shortcut opens Log a call on the deal being viewed.
    await page.locator('body').press('c');
    await page.waitForURL('**/calls/new?deal=*');
    await page.getByLabel('Started').fill('2026-11-24T10:00');
    await page.getByLabel('With (their side)').fill('Sarah');
    await page
      .getByLabel('Notes')
      .fill(
        "Good discovery call with Sarah. I'll send the security questionnaire by Friday. " +
          'Sarah will introduce us to their CFO next Tuesday.',
      );
    const proposals = page.getByTestId('proposal');
    await expect.poll(() => proposals.count(), { timeout: 10_000 }).toBe(2);

    const ours = proposals.filter({ hasText: 'security questionnaire' });
    await expect
      .poll(() => ours.getByRole('radio', { name: /We/ }).getAttribute('aria-checked'))
      .toBe('true');
    expect(await ours.getByLabel(/Due date/).inputValue()).toBe('2026-11-27');
    await ours.getByText('target Wed 25 Nov').waitFor();

    const theirs = proposals.filter({ hasText: /CFO/ });
    expect(await theirs.getByRole('radio', { name: /They/ }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(await theirs.getByLabel(/Due date/).inputValue()).toBe('2026-12-01');
    // Their promise shows its due and target like ours (it showed neither before).
    await theirs.getByText('target Mon 30 Nov').waitFor();

    // The call slipped the security review by a week.
    await page.getByLabel('New date for Security review passed').fill('2026-12-11');
    await page
      .getByRole('radiogroup', { name: 'Habit 2: Make a plan' })
      .getByRole('radio', { name: 'Done', exact: true })
      .click();
    await page
      .getByRole('radiogroup', { name: 'Outcome' })
      .getByRole('radio', { name: 'Advanced' })
      .click();
    await screenshot(page, 'log-call');
    await page.getByRole('button', { name: /Save call and 2 promises/ }).click();

    // Saved: the deal's plan shows what the call changed.
    await page.getByRole('heading', { name: 'Revision 2' }).waitFor();
    const slipped = page.locator('[data-change="slipped"]');
    await slipped.waitFor();
    expect(await slipped.textContent()).toContain('Security review passed');
    expect(await slipped.textContent()).toContain('7 days later');
    await page.getByText('after a call').first().waitFor();
    await screenshot(page, 'deal-plan-diff');

    await page.getByRole('tab', { name: 'Promises' }).click();
    await page.getByText('target Wed 25 Nov').waitFor();
    await screenshot(page, 'deal-promises');
  });

  test('after the call, Today offers the promise early under the floor, and no call is “booked”', async () => {
    const { page } = owner;
    // A second call logged the same day without an outcome is a touch, not a booked meeting.
    await page.goto(`${server.url}${dealPath}`);
    await page.getByRole('heading', { name: 'Pilot, 40 seats' }).waitFor();
    await page.locator('body').press('c');
    await page.waitForURL('**/calls/new?deal=*');
    await page.getByLabel('Started').fill('2026-11-24T09:15');
    await page.getByLabel('Notes').fill('Quick check-in with Sarah about access.');
    await page.getByRole('button', { name: /^Save call/ }).click();
    await page.waitForURL('**/deals/**');

    await page.goto(`${server.url}/`);
    const march = page.getByTestId('march-done');
    await expect.poll(async () => (await march.textContent())?.trim()).toBe('2 / 8');
    // Under the floor with nothing due: the promise due Friday is offered today, early.
    const early = page
      .locator('[data-kind="deliver"]')
      .filter({ hasText: 'security questionnaire' });
    await early.waitFor();
    expect(await early.textContent()).toContain('deliver early');
    expect(await page.getByText('Nothing due today').count()).toBe(0);
    expect(await page.getByText(/call booked/).count()).toBe(0);
    expect(await page.locator('[data-kind="meet"]').count()).toBe(0);
    await screenshot(page, 'today-under-floor');
  });

  test('Today shows the promise on its early target, and keeping it moves the march', async () => {
    const { page } = owner;
    // The next morning, Wednesday 25 November: the target day.
    server.clock.set(WEDNESDAY);
    await page.clock.setFixedTime(new Date(WEDNESDAY));
    await page.goto(`${server.url}/`);
    const item = page
      .locator('[data-kind="deliver"]')
      .filter({ hasText: 'security questionnaire' });
    await item.waitFor();
    expect(await item.textContent()).toContain('promised Fri 27 Nov — target Wed 25 Nov');
    const march = page.getByTestId('march-done');
    expect((await march.textContent())?.trim()).toBe('0 / 8');
    await screenshot(page, 'today');

    await item.getByRole('button', { name: /^Done:/ }).click();
    await expect.poll(async () => (await march.textContent())?.trim()).toBe('1 / 8');
    await page.getByText(/Marked done/).waitFor();

    // Their promise comes up to chase once it is overdue, with its due date.
    await page.goto(`${server.url}/?date=2026-12-02`);
    const chase = page.locator('[data-kind="chase"]').filter({ hasText: /CFO/ });
    await chase.waitFor();
    expect(await chase.textContent()).toContain('they promised Tue 1 Dec');
  });

  test('a rep cannot open another rep’s deal by its address', async () => {
    const { page } = owner;
    await page.goto(`${server.url}/settings?tab=members`);
    await page.getByLabel('E-mail to invite').fill('rita@acme.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = (await page.locator('code').filter({ hasText: '/join?token=' }).textContent())!;

    const rep = await openBrowser({ now: new Date(WEDNESDAY) });
    try {
      await rep.page.goto(link);
      await rep.page.getByLabel('Your name').fill('Rita Rep');
      await rep.page.getByLabel('Password').fill('another long passphrase');
      await rep.page.getByLabel('Time zone').fill('America/New_York');
      await rep.page.getByLabel('Holiday region').fill('US');
      await rep.page.getByRole('button', { name: 'Join the workspace' }).click();
      await rep.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

      await rep.page.goto(`${server.url}${dealPath}`);
      await rep.page.getByText('Deal not found').waitFor();
      expect(await rep.page.getByRole('heading', { name: 'Pilot, 40 seats' }).count()).toBe(0);
      await screenshot(rep.page, 'deal-not-visible');

      await rep.page.goto(`${server.url}/deals?view=list`);
      await rep.page.getByText('No open deals yet').waitFor();
      expect(rep.errors).toEqual([]);
    } finally {
      await rep.close();
    }
    expect(owner.errors).toEqual([]);
  });
});
