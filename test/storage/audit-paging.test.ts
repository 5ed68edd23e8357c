import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { listAudit } from '../../src/core/audit/list-audit.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`audit log paging on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
    });
    afterAll(async () => t?.close());

    it('pages by entry id without skipping or repeating entries written in the same millisecond', async () => {
      const { actor } = await seedWorkspace(t.ctx);
      // The clock is frozen: every entry below shares one timestamp.
      for (let i = 0; i < 11; i++) await addAccount(t.ctx, actor, { name: `Account ${i}` });
      const all = await listAudit(t.ctx, actor, { limit: 500 });
      expect(all).toHaveLength(12);

      const paged: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await listAudit(t.ctx, actor, { limit: 5, ...(before && { before }) });
        if (page.length === 0) break;
        paged.push(...page.map((e) => e.id));
        before = page.at(-1)!.id;
      }
      expect(paged).toEqual(all.map((e) => e.id));
      // An instant still pages by time.
      expect(await listAudit(t.ctx, actor, { before: all[0]!.at })).toEqual([]);
    });
  });
}
