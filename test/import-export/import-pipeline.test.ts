import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvRecord, ImportFile } from '../../src/core/import-export/flows/run-import.ts';
import { runImport } from '../../src/core/import-export/flows/run-import.ts';
import { emptyMapping } from '../../src/core/import-export/mapping.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';

/*
 * The import reads the next batch while the one before is being written (on PostgreSQL the
 * database works while the file is parsed), yet writes one batch at a time, finishes the write in
 * flight before it stops, and reports bad rows in line order.
 */
const HEADER = ['Record ID', 'Company name', 'Company Domain Name'];

function chunkedFile(chunks: CsvRecord[][], log: string[]): ImportFile {
  return {
    name: 'hubspot-companies.csv',
    async *read() {
      for (const [i, chunk] of chunks.entries()) {
        log.push(`read ${i}`);
        yield chunk;
      }
    },
  };
}

describe('the import pipeline', () => {
  let t: TestContext;
  let owner: Actor;
  beforeAll(async () => {
    t = await openTestContext('sqlite');
    ({ actor: owner } = await seedWorkspace(t.ctx));
  });
  afterAll(() => t.close());

  it('reads the next batch while a batch is written, one write at a time, issues by line', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const deps = {
      ...t.ctx,
      importWriter: {
        ...t.ctx.importWriter,
        write: async (...args: Parameters<typeof t.ctx.importWriter.write>) => {
          inFlight++;
          most = Math.max(most, inFlight);
          log.push(`write ${args[2].length}`);
          // A slow database: the write resolves only after other tasks ran.
          await new Promise((resolve) => setTimeout(resolve, 20));
          const results = await t.ctx.importWriter.write(...args);
          inFlight--;
          log.push('written');
          return results;
        },
      },
    };
    const row = (line: number, ref: string, name: string): CsvRecord => ({
      line,
      fields: [ref, name, `${ref}.example`],
    });
    const file = chunkedFile(
      [
        [{ line: 1, fields: HEADER }, row(2, 'a1', 'Acme'), row(3, 'a2', 'Beta')],
        // Line 5 takes a name line 4 already has under another id: its batch's write fails it.
        [row(4, 'a3', 'Gamma'), row(5, 'a4', 'Gamma')],
        // Line 6 is short a field: refused while reading, before the write of lines 4–5 ends.
        [{ line: 6, fields: ['a5'] }, row(7, 'a6', 'Delta')],
      ],
      log,
    );
    const { report } = await runImport(deps, owner, [file], {
      from: 'hubspot',
      dryRun: false,
      mapping: emptyMapping(),
      batchSize: 2,
    });
    // The scan reads the file once; then the second chunk is read before the first batch is
    // written, and no write starts before the one before it has ended.
    const writing = log.slice(log.lastIndexOf('read 0'));
    expect(writing.indexOf('read 1')).toBeLessThan(writing.indexOf('written'));
    expect(most).toBe(1);
    expect(report.counts.account.created).toBe(4);
    expect(report.issues.map((i) => i.line)).toEqual([5, 6]);
    expect(report.issueCount).toBe(2);
  });
});
