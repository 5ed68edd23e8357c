import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { focused, setUpSampleWorkspace } from './support/sample.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * The address book in the browser: from the Accounts list, open Woodgrove Bank, add a contact
 * inline, edit them in the dialog (focus in, Escape out, focus back), then find them from
 * anywhere with Ctrl+K, typed without the accent, and open their account from the result.
 */
const NOW = '2026-11-24T15:00:00Z';

describe.skipIf(!hasChromium)('accounts, contacts and search in the browser', () => {
  let server: TestServer;
  let b: Browser;

  beforeAll(async () => {
    server = await startServer(NOW);
    b = await openBrowser({ now: new Date(NOW) });
    await setUpSampleWorkspace(b.page, server.url);
  }, 150_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const fieldWithFocus = () =>
    b.page.evaluate('document.activeElement?.getAttribute("name") ?? null') as Promise<
      string | null
    >;

  test('create a contact on an account page, find it by search, open its account', async () => {
    const { page } = b;
    await page
      .getByRole('link', { name: /Accounts/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(await page.title()).toBe('Accounts · Momentum');
    await page.getByLabel('Filter accounts by name or domain').fill('woodgrove');
    await page.getByRole('link', { name: 'Woodgrove Bank' }).click();
    await page.getByRole('heading', { name: 'Woodgrove Bank', level: 1 }).waitFor();
    expect(await page.title()).toBe('Woodgrove Bank · Momentum');

    const form = page.getByRole('form', { name: 'Add a contact' });
    await form.getByLabel('Name').fill('  Zoë Ångström ');
    await form.getByLabel('Title or role').fill('Head of Payments');
    await form.getByLabel('E-mail').fill('zoe@woodgrove.example');
    await form.getByRole('button', { name: 'Add contact' }).click();
    const contacts = page.getByRole('list', { name: 'Contacts' });
    await contacts.getByText('Zoë Ångström', { exact: true }).waitFor();
    // Ready for the next person.
    expect(await fieldWithFocus()).toBe('contact-name');

    // The same address again is refused, with who has it.
    await form.getByLabel('Name').fill('Someone Else');
    await form.getByLabel('E-mail').fill('ZOE@woodgrove.example');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await page.getByText(/already the e-mail of Zoë Ångström at Woodgrove Bank/).waitFor();

    // Edit in the dialog: the focus goes in, Escape closes, the focus comes back.
    const edit = page.getByRole('button', { name: 'Edit Zoë Ångström' });
    await edit.click();
    const dialog = page.getByRole('dialog', { name: 'Edit Zoë Ångström' });
    await dialog.waitFor();
    expect(await fieldWithFocus()).toBe('name');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await focused(page)).name).toBe('Edit Zoë Ångström');
    await edit.click();
    await dialog.getByLabel('Phone').fill('+1 555 010 2030');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await contacts.getByText('+1 555 010 2030').waitFor();
    await screenshot(page, 'account-page');

    // From another page, Ctrl+K, without the accents.
    await page.getByRole('link', { name: /Deals/ }).first().click();
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Search deals, accounts and contacts' });
    await box.waitFor();
    await box.fill('zoe angstr');
    const option = page.getByRole('option', { name: /Zoë Ångström/ });
    await option.waitFor();
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.getByRole('group', { name: 'Contacts' }).waitFor();
    await screenshot(page, 'search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Woodgrove Bank', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Contacts' }).getByText('Zoë Ångström').waitFor();
  }, 120_000);

  test('names in a call’s notes are offered as attendees; a new one becomes a contact', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Fraud analytics pilot' }).first().click();
    await page.getByRole('heading', { name: 'Fraud analytics pilot', level: 1 }).waitFor();
    // The deal page links to its account and its people.
    await page.getByRole('link', { name: 'Woodgrove Bank' }).first().waitFor();
    await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();
    const dealId = new URL(page.url()).pathname.split('/').pop()!;
    await page.goto(`${server.url}/calls/new?deal=${dealId}`);
    await page
      .getByLabel('Notes')
      .fill('Call with Elena and zoe. Met Raj Patel from their IT team.');
    const elena = page.getByRole('button', { name: 'Add Elena Rossi as an attendee' });
    await elena.click();
    await expect.poll(() => page.getByLabel('With (their side)').inputValue()).toBe('Elena Rossi');
    await page.getByRole('button', { name: 'Save Raj Patel as a contact of the account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Raj Patel');
    await dialog.getByLabel('Title or role').fill('IT lead');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByLabel('With (their side)').inputValue())
      .toBe('Elena Rossi, Raj Patel');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search deals, accounts and contacts' }).fill('raj');
    await page.getByRole('option', { name: /Raj Patel/ }).waitFor();
  }, 120_000);
});
