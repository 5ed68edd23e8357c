import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpPeer } from '../test/support/mail.ts';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createWorkspaceInBrowser } from './support/setup.ts';

/*
 * An invitation by e-mail, end to end: the server sends through a real SMTP server started
 * here (SMTP_URL), the owner invites from Settings, the e-mail arrives, its link is followed in
 * a fresh browser, the newcomer sets a password and lands signed in; the link then no longer
 * works.
 */
const NOW = '2026-11-24T15:00:00Z';

describe.skipIf(!hasChromium)('an invitation e-mail in the browser', () => {
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;
  let owner: Browser;
  let invitee: Browser;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    server = await startServer(NOW, {
      env: { SMTP_URL: peer.url, MOMENTUM_FROM: 'Momentum <momentum@acme.test>' },
    });
    owner = await openBrowser({ now: new Date(NOW) });
    invitee = await openBrowser({ now: new Date(NOW) });
  });
  afterAll(async () => {
    await invitee?.close();
    await owner?.close();
    await server?.close();
    await peer?.close();
  });

  test('invite from Settings, follow the e-mailed link, set a password, land signed in', async () => {
    const { page } = owner;
    await createWorkspaceInBrowser(page, server.url);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    // Settings → Notifications: the digest's time, in the member's zone.
    await page.goto(`${server.url}/settings?tab=notifications`);
    await page.getByRole('heading', { name: 'Daily digest' }).waitFor();
    expect(await page.getByLabel('Send me the daily digest').isChecked()).toBe(true);
    await page.getByLabel('Time').fill('07:30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Digest settings saved').waitFor();
    const digest = await page.evaluate(() =>
      fetch('/api/v1/me/digest').then((r) => r.json() as Promise<{ time: string }>),
    );
    expect(digest.time).toBe('07:30');

    await page.goto(`${server.url}/settings?tab=members`);
    await page.getByLabel('E-mail to invite').fill('bo@acme.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText('The link went to bo@acme.test by e-mail.').waitFor();
    await screenshot(page, 'settings-invitation-emailed');

    const [mail] = await peer.waitFor(1);
    expect(mail!.to).toEqual(['bo@acme.test']);
    expect(mail!.parsed.subject).toBe('Ann Lee invited you to Acme Sales on Momentum');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/join\?token=\S+)/.exec(mail!.parsed.text ?? '')![1]!;
    expect(link.startsWith(`${server.url}/join?token=inv_`)).toBe(true);
    expect(typeof mail!.parsed.html === 'string' && mail!.parsed.html).toContain(`href="${link}"`);

    const join = invitee.page;
    await join.goto(link);
    await join.getByLabel('Your name').fill('Bo Park');
    await join.getByLabel('Password').fill('plum tractor quietly sings');
    await join.getByLabel('Time zone').fill('Asia/Kolkata');
    await join.getByLabel('Holiday region').fill('IN');
    await join.getByRole('button', { name: 'Join the workspace' }).click();
    await join.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const me = await join.evaluate(() =>
      fetch('/api/v1/me').then((r) => r.json() as Promise<{ member: { email: string } }>),
    );
    expect(me.member.email).toBe('bo@acme.test');
    await screenshot(join, 'joined-from-email');

    // The link worked once.
    const again = await fetch(`${server.url}/api/v1/auth/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: new URL(link).searchParams.get('token'),
        name: 'Mallory',
        password: 'orchid lantern seventeen',
        timeZone: 'UTC',
        region: 'US',
      }),
    });
    expect(again.status).toBe(404);
    expect(invitee.errors).toEqual([]);
  });
});
