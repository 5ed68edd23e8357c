import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CsvRecord, ImportFile } from '../../src/core/import-export/flows/run-import.ts';
import { runImport } from '../../src/core/import-export/flows/run-import.ts';
import { emptyMapping } from '../../src/core/import-export/mapping.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';

/*
 * Each import batch finds its existing records by (workspace, source id). In a workspace the
 * import has just filled, that lookup must still go through the (workspace, external_ref) index:
 * reading every deal of the workspace for each batch makes a large import slow down as it grows
 * (PostgreSQL's planner picked the workspace-only index while the new table had no statistics).
 */
const DEALS = 30_000;

function memoryFile(name: string, header: string[], rows: string[][]): ImportFile {
  return {
    name,
    async *read() {
      const records: CsvRecord[] = [{ line: 1, fields: header }];
      rows.forEach((fields, i) => records.push({ line: i + 2, fields }));
      for (let i = 0; i < records.length; i += 500) yield records.slice(i, i + 500);
    },
  };
}

describe.each(DIALECTS)('import lookups on $name', ({ name, available }) => {
  let t: TestContext;
  let owner: Actor;
  beforeAll(async () => {
    if (!available) return;
    t = await openTestContext(name);
    ({ actor: owner } = await seedWorkspace(t.ctx));
  });
  afterAll(() => t?.close());

  it.skipIf(!available)(
    'after a large import, the lookup of existing deals by source id does not read the whole workspace',
    async () => {
      const companies = memoryFile(
        'hubspot-companies.csv',
        ['Record ID', 'Company name', 'Company Domain Name'],
        Array.from({ length: 30 }, (_, i) => [`c${i}`, `Company ${i}`, `c${i}.example`]),
      );
      const deals = memoryFile(
        'hubspot-deals.csv',
        ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Associated Company IDs'],
        Array.from({ length: DEALS }, (_, i) => [
          `d${i}`,
          `Deal ${i}`,
          'Discovery',
          '1000',
          '2026-12-24',
          `c${i % 30}`,
        ]),
      );
      const { report } = await runImport(t.ctx, owner, [companies, deals], {
        from: 'hubspot',
        dryRun: false,
        mapping: emptyMapping(),
        batchSize: 1_000,
      });
      expect(report.issueCount).toBe(0);
      expect(report.counts.deal.created).toBe(DEALS);

      const db = kyselyOf(t.store.executor);
      const refs = Array.from({ length: 1_000 }, (_, i) => `hubspot:d${i}`);
      const lookup = db
        .selectFrom('deals')
        .select(['id', 'external_ref'])
        .where('workspace_id', '=', owner.workspaceId)
        .where('external_ref', 'in', refs)
        .compile();
      if (name === 'sqlite') {
        const plan = await db.executeQuery<{ detail: string }>({
          ...lookup,
          sql: `explain query plan ${lookup.sql}`,
        });
        expect(plan.rows.map((r) => r.detail).join('\n')).toContain('deals_external_ref_uq');
        return;
      }
      // PostgreSQL picks its plan from the table's statistics: it must know that the workspace
      // now holds its thousands of deals (with none it guesses a few dozen, and reads the whole
      // workspace by the workspace-only index for every batch).
      const estimate = await db.executeQuery<{ 'QUERY PLAN': string }>(
        sql`explain select id from deals where workspace_id = ${owner.workspaceId}`.compile(db),
      );
      const rows = Number(/rows=(\d+)/.exec(estimate.rows[0]!['QUERY PLAN'])![1]);
      expect(rows).toBeGreaterThan(DEALS / 2);
      expect(rows).toBeLessThan(DEALS * 2);
      const plan = await db.executeQuery<{ 'QUERY PLAN': string }>({
        ...lookup,
        sql: `explain ${lookup.sql}`,
      });
      // The plan's scan lines (the filter line spells out the thousand refs).
      const scans = plan.rows
        .map((r) => r['QUERY PLAN'])
        .filter((line) => /scan/i.test(line))
        .join('\n');
      expect(scans).not.toContain('deals_workspace_status_idx');
    },
  );
});
