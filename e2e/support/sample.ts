import type { Page } from 'playwright-core';

/** Building the sample workspace runs every use case it needs: on a loaded machine (other
 * suites running beside this one) it has taken over 30 s. */
export const SAMPLE_TIMEOUT = 90_000;

/** Sets up a fresh server through its setup page with the sample workspace, signed in as its
 * owner (Alex Morgan), and waits for Today. */
export async function setUpSampleWorkspace(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL('**/setup');
  await page.getByLabel('Workspace name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Alex Morgan');
  await page.getByLabel('E-mail').fill('alex@northwind.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Time zone').fill('America/New_York');
  await page.getByLabel('Holiday region').fill('US');
  await page.getByRole('button', { name: 'Explore with sample data' }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor({ timeout: SAMPLE_TIMEOUT });
}

/** What has the keyboard focus, described for assertions and failure messages. Runs in the
 * page (as text: this file is compiled without the DOM's types). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', name: '', role: '', item: '', inside: '' };
  const text = (e) => (e?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const by = el.getAttribute('aria-labelledby');
  const name =
    el.getAttribute('aria-label') ||
    (by ? text(document.getElementById(by)) : '') ||
    (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')
      ? text(document.querySelector('label[for="' + CSS.escape(el.id) + '"]'))
      : '') ||
    text(el);
  const item = el.closest('[data-kind]');
  const region = el.closest('[aria-label][role="region"], section[aria-label]');
  return {
    tag: el.tagName.toLowerCase(),
    name,
    role: el.getAttribute('role') || '',
    item: item ? item.getAttribute('data-kind') + ': ' + text(item.querySelector('.agenda-title')) : '',
    inside: region ? region.getAttribute('aria-label') : '',
  };
})()`;

export interface Focused {
  tag: string;
  name: string;
  role: string;
  /** The Today item it is in: "deliver: Send the ROI calculator". */
  item: string;
  /** The labelled region or section it is in (a board column: "Demo: 3 deals"). */
  inside: string;
}

export async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(FOCUSED)) as Focused;
}
