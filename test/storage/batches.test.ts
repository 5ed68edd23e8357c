import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/storage/connection/dialect.ts';
import { capabilitiesOf, insertBatches } from '../../src/storage/batches.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';

/* Multi-row inserts (the sample workspace's history) stay under the dialect's parameter limit. */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`insert batches on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
    });
    afterAll(async () => t?.close());

    it('knows the dialect from the executor, inside a transaction too', async () => {
      expect(capabilitiesOf(t.ctx.runner.executor)).toBe(CAPABILITIES[dialect.name]);
      await t.ctx.runner.transaction(async (tx) => {
        expect(capabilitiesOf(tx)).toBe(CAPABILITIES[dialect.name]);
      });
    });

    it('cuts rows into statements of at most maxParameters parameters, keeping their order', () => {
      const { maxParameters } = CAPABILITIES[dialect.name];
      const perStatement = Math.floor(maxParameters / 10);
      const rows = Array.from({ length: 2 * perStatement + 7 }, (_, i) => i);
      const batches = insertBatches(t.ctx.runner.executor, rows, 10);
      expect(batches.map((b) => b.length)).toEqual([perStatement, perStatement, 7]);
      expect(batches.flat()).toEqual(rows);
      expect(insertBatches(t.ctx.runner.executor, [], 10)).toEqual([]);
    });
  });
}
