import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kyselyOf } from '../src/storage/executor.ts';
import { hasChromium, openBrowser, screenshot, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';

/*
 * An owner imports HubSpot's export through the import page: chooses the files, previews the
 * mapping and the bad row, imports, and finds the deals on the Deals page.
 */
const NOW = '2026-11-24T15:00:00Z';
const HUBSPOT = path.resolve('test/fixtures/import/hubspot');
const FILES = ['companies', 'contacts', 'deals', 'tasks'].map((f) =>
  path.join(HUBSPOT, `hubspot-crm-exports-all-${f}-2026-11-24.csv`),
);

describe.skipIf(!hasChromium)('importing a CRM export in the browser', () => {
  let server: TestServer;
  let owner: Browser;

  beforeAll(async () => {
    server = await startServer(NOW);
    owner = await openBrowser({ now: new Date(NOW) });
  });

  afterAll(async () => {
    await owner?.close();
    await server?.close();
  });

  test('set up, preview a HubSpot export, map a stage, import it, see its deals, download the export', async () => {
    const { page } = owner;
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Acme Sales');
    await page.getByLabel('Your name').fill('Olivia Owner');
    await page.getByLabel('E-mail').fill('owner@acme.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Holiday region').fill('US');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    await page
      .getByRole('link', { name: /Import/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Import & export', level: 1 }).waitFor();
    await page.getByLabel('Exported CSV files').setInputFiles(FILES);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'What an import would do' }).waitFor();
    // A stage the workspace does not have is offered as a new one; map it to Proposal instead.
    const contractSent = page.getByLabel('Stage for "Contract Sent"');
    await expect
      .poll(() => contractSent.locator('option:checked').textContent())
      .toBe('Create new stage “Contract Sent”');
    await contractSent.selectOption('Proposal');
    await page
      .getByText(
        'hubspot-crm-exports-all-deals-2026-11-24.csv, line 7: Amount "lots" is not a number',
      )
      .waitFor();
    await screenshot(page, 'import-preview');
    // The preview wrote nothing.
    const before = await kyselyOf(server.ctx.runner.executor)
      .selectFrom('deals')
      .select('id')
      .execute();
    expect(before).toEqual([]);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Import finished.' }).waitFor();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    await screenshot(page, 'import-done');

    // The deal HubSpot had in "Contract Sent" is in the stage it was mapped to, which was not
    // created; the mapping is kept for the next import.
    const db = kyselyOf(server.ctx.runner.executor);
    const globex = await db
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select('stages.name')
      .where('deals.external_ref', '=', 'hubspot:9002')
      .executeTakeFirstOrThrow();
    expect(globex.name).toBe('Proposal');
    expect(
      await db.selectFrom('stages').select('id').where('name', '=', 'Contract Sent').execute(),
    ).toEqual([]);
    const saved = await page.evaluate<string | null>(
      'localStorage.getItem("momentum.import.mapping")',
    );
    expect(JSON.parse(saved!).stages['Contract Sent']).toBe('Proposal');

    // The export is offered for download on the same page.
    await page
      .getByRole('link', { name: /Import/ })
      .first()
      .click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the export' }).click(),
    ]);
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('"hubspot:9002"');

    await page.getByRole('link', { name: /Deals/ }).first().click();
    await page.getByText('Globex renewal').first().waitFor();
    await page.getByText('Northwind – warehouse rollout').first().waitFor();
  });
});
