import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpPeer } from '../test/support/mail.ts';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createWorkspaceInBrowser } from './support/setup.ts';

/*
 * A forgotten password, end to end: "Forgot password?" on the sign-in page, the e-mail through
 * a real SMTP server started here, its link followed in Chromium, a new password set, signed
 * in; the session from before the reset is signed out, and the link works only once.
 */
const NOW = '2026-11-24T15:00:00Z';

describe.skipIf(!hasChromium)('a password reset by e-mail in the browser', () => {
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;
  let before: Browser;
  let after: Browser;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    server = await startServer(NOW, {
      env: { SMTP_URL: peer.url, MOMENTUM_FROM: 'Momentum <momentum@acme.test>' },
    });
    before = await openBrowser({ now: new Date(NOW) });
    after = await openBrowser({ now: new Date(NOW) });
  });
  afterAll(async () => {
    await after?.close();
    await before?.close();
    await server?.close();
    await peer?.close();
  });

  test('Forgot password → e-mail → link → new password → signed in', async () => {
    const { page } = before;
    await createWorkspaceInBrowser(page, server.url);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    const forgot = after.page;
    await forgot.goto(`${server.url}/sign-in`);
    await forgot.getByRole('link', { name: 'Forgot password?' }).click();
    await forgot.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(await forgot.title()).toContain('Reset your password');
    await forgot.getByLabel('E-mail').fill('ann@acme.test');
    await forgot.getByRole('button', { name: 'Send the link' }).click();
    await forgot.getByRole('status').getByText('If that address belongs to an account').waitFor();
    await screenshot(forgot, 'forgot-password-sent');

    const [mail] = await peer.waitFor(1);
    expect(mail!.to).toEqual(['ann@acme.test']);
    expect(mail!.parsed.subject).toBe('Reset your Momentum password');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\/\S+)/.exec(
      mail!.parsed.text ?? '',
    )![1]!;
    expect(typeof mail!.parsed.html === 'string' && mail!.parsed.html).toContain(`href="${link}"`);

    await forgot.goto(link);
    await forgot.getByRole('heading', { name: 'Set a new password' }).waitFor();
    expect(await forgot.title()).toContain('Set a new password');
    await forgot.getByLabel('New password', { exact: true }).fill('violet harbour lamps at dawn');
    await forgot.getByLabel('New password again').fill('violet harbour lamps at dawn');
    await forgot.getByRole('button', { name: 'Set the password and sign in' }).click();
    await forgot.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const me = await forgot.evaluate(() =>
      fetch('/api/v1/me').then((r) => r.json() as Promise<{ member: { email: string } }>),
    );
    expect(me.member.email).toBe('ann@acme.test');
    await screenshot(forgot, 'signed-in-after-reset');

    // The session from before the reset is signed out.
    const old = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    expect(old).toBe(401);

    // The link works once: a second visit (from the signed-out browser) says so, announced.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('another long passphrase here');
    await page.getByLabel('New password again').fill('another long passphrase here');
    await page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await page.getByRole('alert').getByText('invalid or has expired').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await screenshot(page, 'reset-link-used');
    // And the same from the browser that is signed in now (it sends its CSRF token).
    await forgot.goto(link);
    await forgot.getByLabel('New password', { exact: true }).fill('another long passphrase here');
    await forgot.getByLabel('New password again').fill('another long passphrase here');
    await forgot.getByRole('button', { name: 'Set the password and sign in' }).click();
    await forgot.getByRole('alert').getByText('invalid or has expired').waitFor();
    expect(after.errors).toEqual([]);
  });
});
