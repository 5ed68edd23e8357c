import path from 'node:path';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addAccount, addContact } from '../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../src/core/deals/flows/manage-deals.ts';
import type { Actor } from '../src/core/workspaces/types.ts';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createWorkspaceInBrowser } from './support/setup.ts';

/*
 * The calendar in the browser (issue 14): Settings makes the private feed URL, the Copy button
 * puts it on the clipboard, and that URL, fetched with no session, is the member's calendar with
 * the promise on its early target. Then a calendar file uploaded in Settings books a meeting.
 */
const NOW = '2027-02-20T15:00:00Z';

describe.skipIf(!hasChromium)('the calendar feed and import in Settings', () => {
  let server: TestServer;
  let owner: Browser;
  let actor: Actor;
  let promiseId: string;
  let promiseTarget: string;

  beforeAll(async () => {
    server = await startServer(NOW);
    owner = await openBrowser({ now: new Date(NOW) });
    await owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    const { page } = owner;
    await createWorkspaceInBrowser(page, server.url, 'America/Los_Angeles');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    const ex = server.ctx.runner.executor;
    const workspace = (await server.ctx.workspaces.findSole(ex))!;
    const member = (await server.ctx.members.listByWorkspace(ex, workspace.id))[0]!;
    actor = { memberId: member.id, workspaceId: workspace.id, role: member.role };
    await addAccount(server.ctx, actor, { name: 'Globex' });
    await addContact(server.ctx, actor, {
      account: 'Globex',
      name: 'Sarah Chen',
      email: 'sarah@globex.example',
    });
    const deal = await addDeal(server.ctx, actor, { account: 'Globex', title: 'Globex pilot' });
    const c = await addCommitment(server.ctx, actor, {
      dealId: deal.id,
      side: 'ours',
      text: 'send the pricing sheet',
      due: '2027-03-17',
    });
    promiseId = c.id;
    promiseTarget = c.target!;
  });

  afterAll(async () => {
    await owner?.close();
    await server?.close();
  });

  test('copies the feed URL from Settings and fetches the calendar with it', async () => {
    const { page } = owner;
    await page.goto(`${server.url}/settings?tab=calendar`);
    await page.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    await page.getByRole('button', { name: 'Create feed URL' }).click();
    await page.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toMatch(new RegExp(`^${server.url}/ical/cal_[\\w-]+\\.ics$`));
    await screenshot(page, 'settings-calendar-feed');

    // Fetched like a calendar app would: no cookie, no token.
    const res = await fetch(copied);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await res.text();
    expect(body).toContain(`DTSTART;VALUE=DATE:${promiseTarget.replaceAll('-', '')}`);
    const event = ical.sync.parseICS(body)[`commitment-${promiseId}@127.0.0.1`] as ical.VEvent;
    expect(String(event.summary)).toContain('send the pricing sheet');

    // Rotating it makes the copied URL stop working.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Rotate feed URL' }).click();
    await page.getByRole('button', { name: 'Copy URL' }).waitFor();
    expect((await fetch(copied)).status).toBe(404);
    expect(owner.errors).toEqual([]);
  });

  test('an uploaded calendar file books the meetings on the deal', async () => {
    const { page } = owner;
    await page.goto(`${server.url}/settings?tab=calendar`);
    await page
      .getByLabel('Calendar file')
      .setInputFiles(path.resolve('test/fixtures/calendar/apple.ics'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: 'booked' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/1 booked/);
    await page.getByText('created on Globex pilot (Globex)').waitFor();
    expect(owner.errors).toEqual([]);
  });
});
