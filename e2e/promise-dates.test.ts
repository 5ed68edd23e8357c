import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addAccount } from '../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../src/core/deals/flows/manage-deals.ts';
import type { Actor } from '../src/core/workspaces/types.ts';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createWorkspaceInBrowser } from './support/setup.ts';

/*
 * Promise dates in the browser (issue 12, items 5 and 6).
 *
 * It is Wed 2 Dec 2026 in New York. A promise made Tue 24 Nov, due Fri 27 Nov, is 5 days late:
 * Today offers no snooze for it (there is no day left before its due date), but a new date
 * agreed with the customer, which the deal page then shows beside the old one. Promises made
 * with no date get an inline date field, on Today and on the deal page.
 */
const WEDNESDAY = '2026-12-02T15:00:00Z';

describe.skipIf(!hasChromium)('renegotiating and dating promises in the browser', () => {
  let server: TestServer;
  let owner: Browser;
  let actor: Actor;

  /** A deal of its own for each promise, so that Today lists each as an item of its own. */
  const promise = async (title: string, text: string, due: string | null) => {
    const deal = await addDeal(server.ctx, actor, { account: 'Globex', title });
    const c = await addCommitment(server.ctx, actor, {
      dealId: deal.id,
      side: 'ours',
      text,
      due,
      madeOn: '2026-11-24',
    });
    return { dealId: deal.id, commitmentId: c.id };
  };

  beforeAll(async () => {
    server = await startServer(WEDNESDAY);
    owner = await openBrowser({ now: new Date(WEDNESDAY) });
    const { page } = owner;
    await createWorkspaceInBrowser(page, server.url);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    const ex = server.ctx.runner.executor;
    const workspace = (await server.ctx.workspaces.findSole(ex))!;
    const member = (await server.ctx.members.listByWorkspace(ex, workspace.id))[0]!;
    actor = { memberId: member.id, workspaceId: workspace.id, role: member.role };
    await addAccount(server.ctx, actor, { name: 'Globex' });
  });

  afterAll(async () => {
    await owner?.close();
    await server?.close();
  });

  test('a late promise offers a new date, not a snooze, and the deal page keeps the old one', async () => {
    const { dealId } = await promise('Pilot', 'send the security questionnaire', '2026-11-27');
    const { page } = owner;
    await page.goto(`${server.url}/`);
    const item = page
      .locator('[data-kind="deliver"]')
      .filter({ hasText: 'security questionnaire' });
    await item.waitFor();
    expect(await item.textContent()).toContain('promised Fri 27 Nov — 5 days late');
    // Before, a snooze offered a range from Thu 3 Dec to Fri 27 Nov and did nothing.
    expect(await item.getByRole('button', { name: /^Snooze:/ }).count()).toBe(0);

    await item.getByRole('button', { name: /^Renegotiate:/ }).click();
    const popover = page.getByRole('dialog', { name: 'New date' });
    const date = popover.getByLabel('New due date');
    expect(await date.getAttribute('min')).toBe('2026-12-02');
    await date.fill('2026-12-09');
    await popover.getByLabel('What was agreed (optional)').fill('their legal review moved');
    await screenshot(page, 'today-renegotiate');
    await popover.getByRole('button', { name: 'Renegotiate' }).click();
    await page.getByText('Renegotiated to Wed 9 Dec').waitFor();
    // No longer late: it comes back on its new early target, Tue 8 Dec.
    await expect
      .poll(() => page.locator('[data-kind="deliver"]').filter({ hasText: '5 days late' }).count())
      .toBe(0);

    await page.goto(`${server.url}/deals/${dealId}`);
    const row = page
      .getByRole('list', { name: 'Promises on this deal' })
      .getByRole('listitem')
      .filter({ hasText: 'security questionnaire' })
      .first();
    await row.getByText('due Wed 9 Dec').waitFor();
    await row.getByText('target Tue 8 Dec').waitFor();
    await row
      .getByText('was due Fri 27 Nov, renegotiated to Wed 9 Dec: their legal review moved')
      .waitFor();
    await screenshot(page, 'deal-renegotiated');
    expect(owner.errors).toEqual([]);
  });

  test('a promise with no date gets one inline on Today', async () => {
    await promise('Expansion', 'send the roadmap', null);
    const { page } = owner;
    await page.goto(`${server.url}/`);
    const item = page.locator('[data-kind="deliver"]').filter({ hasText: 'send the roadmap' });
    await item.waitFor();
    expect(await item.textContent()).toContain('with no date — agree one');
    const field = item.getByLabel('Due date for: send the roadmap');
    expect(await field.getAttribute('min')).toBe('2026-12-02');
    await field.fill('2026-12-03');
    await screenshot(page, 'today-agree-date');
    await item.getByRole('button', { name: 'Set date' }).click();
    await page.getByText('Due Thu 3 Dec: send the roadmap').waitFor();
    // Agreed today, due tomorrow: its early target is today.
    await expect
      .poll(async () => (await item.textContent()) ?? '')
      .toContain('promised Thu 3 Dec — target Wed 2 Dec');
    expect(await item.getByLabel('Due date for: send the roadmap').count()).toBe(0);
    expect(owner.errors).toEqual([]);
  });

  test('at 390 px the date field and the new-date form fit the screen', async () => {
    await promise('Phone', 'send the phone quote', null);
    await promise('Phone late', 'send the late phone quote', '2026-11-30');
    const phone = await openBrowser({ now: new Date(WEDNESDAY), width: 390 });
    try {
      const { page } = phone;
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('E-mail').fill('ann@acme.test');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const undated = page
        .locator('[data-kind="deliver"]')
        .filter({ hasText: 'send the phone quote' });
      await undated.getByLabel('Due date for: send the phone quote').waitFor();
      const late = page
        .locator('[data-kind="deliver"]')
        .filter({ hasText: 'send the late phone quote' });
      await late.getByRole('button', { name: /^Renegotiate:/ }).click();
      await page.getByRole('dialog', { name: 'New date' }).getByLabel('New due date').waitFor();
      await screenshot(page, 'today-dates-phone');
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBe(0);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  test('on the deal page: a date for an undated promise, then a renegotiation', async () => {
    const { dealId } = await promise('Renewal', 'send the renewal quote', null);
    const { page } = owner;
    await page.goto(`${server.url}/deals/${dealId}`);
    const row = page
      .getByRole('list', { name: 'Promises on this deal' })
      .getByRole('listitem')
      .filter({ hasText: 'send the renewal quote' })
      .first();
    await row.getByText('no due date yet').waitFor();
    await row.getByLabel('Due date for: send the renewal quote').fill('2026-12-07');
    await row.getByRole('button', { name: 'Set date' }).click();
    await row.getByText('due Mon 7 Dec').waitFor();
    expect(await row.getByText(/renegotiated/).count()).toBe(0);

    await row.getByRole('button', { name: /^Renegotiate:/ }).click();
    await row.getByLabel('New due date').fill('2026-12-10');
    await row.getByRole('button', { name: 'Renegotiate' }).click();
    await row.getByText('was due Mon 7 Dec, renegotiated to Thu 10 Dec').waitFor();
    await row.getByText('due Thu 10 Dec').waitFor();
    await screenshot(page, 'deal-agree-and-renegotiate');
    expect(owner.errors).toEqual([]);
  });

  test('closing a deal asks about its open work; the closed deal shows its outcome, not neglect', async () => {
    const { dealId } = await promise('Closing', 'send the signed order form', '2026-12-04');
    const { page } = owner;
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.getByRole('button', { name: 'Close or pause' }).click();
    const dialog = page.getByRole('dialog', { name: /Close or pause/ });
    await dialog.getByText('1 open promise').waitFor();
    const markWon = dialog.getByRole('button', { name: 'Mark won' });
    // Nothing is chosen for the rep: the close waits for an answer.
    expect(await markWon.isDisabled()).toBe(true);
    await dialog
      .getByRole('radiogroup', { name: 'Open promises' })
      .getByRole('radio', { name: 'Drop' })
      .click();
    await dialog.getByLabel('Why drop it').fill('sent with the contract');
    await dialog.getByLabel('Lesson (optional)').fill('A mutual plan kept legal on time');
    await screenshot(page, 'close-open-work');
    await markWon.click();

    const outcome = page.getByTestId('deal-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Won');
    await page.getByText('A mutual plan kept legal on time').waitFor();
    // Before, a won deal's card said it was cared for, and it could still log a call.
    expect(await page.getByText(/touched recently, next step booked/).count()).toBe(0);
    expect(
      await page
        .locator('.page-actions')
        .getByRole('link', { name: /Log a call/ })
        .count(),
    ).toBe(0);
    expect(await page.getByLabel('Stage').isDisabled()).toBe(true);
    await page.getByText('dropped: sent with the contract').waitFor();
    // Nor does the empty Calls tab offer to log one.
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.getByText('No calls logged').waitFor();
    expect(
      await page
        .getByRole('tabpanel')
        .getByRole('link', { name: /Log a call/ })
        .count(),
    ).toBe(0);
    await page.getByRole('tab', { name: 'Promises' }).click();
    await screenshot(page, 'deal-won');
    expect(owner.errors).toEqual([]);
  });
});
