import type { Page } from 'playwright-core';

/**
 * A new user's first minute: the first visit lands on /setup, and the owner creates the
 * workspace (Ann Lee, ann@acme.test, password "correct horse battery") in the given zone and
 * the US holiday region. The browser suites that start from an empty server all begin here.
 */
export async function createWorkspaceInBrowser(
  page: Page,
  baseUrl: string,
  timeZone = 'America/New_York',
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/setup');
  await page.getByLabel('Workspace name').fill('Acme Sales');
  await page.getByLabel('Your name').fill('Ann Lee');
  await page.getByLabel('E-mail').fill('ann@acme.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Time zone').fill(timeZone);
  await page.getByLabel('Holiday region').fill('US');
  await page.getByRole('button', { name: 'Create workspace' }).click();
}
