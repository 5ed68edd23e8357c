import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportWorkspace,
  restoreWorkspace,
  type ExportPage,
} from '../../src/core/import-export/flows/archive.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';

/*
 * Migration 015 dropped the `quotas` table. Archives exported before it list `quotas` (after
 * `deal_outcomes`); such an archive must still import, its quotas rows skipped.
 */
async function exportPages(t: TestContext, actor: Actor): Promise<ExportPage[]> {
  const pages: ExportPage[] = [];
  await exportWorkspace(t.ctx, actor, {
    write: async (page) => void pages.push(page),
    close: async () => {},
  });
  return pages;
}

async function* stream(pages: ExportPage[]) {
  yield* pages;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `an archive from before migration 015 on ${dialect.name}`,
    () => {
      let t: TestContext;
      let into: TestContext;
      beforeAll(async () => {
        t = await openTestContext(dialect.name);
        into = await openTestContext(dialect.name);
      });
      afterAll(async () => {
        await t?.close();
        await into?.close();
      });

      it('imports, skipping the quotas table it lists', async () => {
        const { actor, owner } = await seedWorkspace(t.ctx);
        const pages = await exportPages(t, actor);
        expect(pages.map((p) => p.table)).not.toContain('quotas');
        const at = pages.findIndex((p) => p.table === 'deal_outcomes') + 1;
        const old = [
          ...pages.slice(0, at),
          {
            table: 'quotas',
            rows: [
              {
                id: 'qt_1',
                member_id: owner.id,
                period_start: '2026-10-01',
                period_end: '2026-12-31',
                amount_minor: 100_000,
                currency: 'USD',
                version: 1,
              },
            ],
          },
          ...pages.slice(at),
        ];

        const restored = await restoreWorkspace(
          into.ctx,
          { workspaceId: null, actor: null, actorEmail: null },
          stream(old),
        );
        expect(restored.tables).toBe(pages.length + 1);
        const again = await exportPages(into, { ...actor, workspaceId: restored.workspaceId });
        expect(again).toEqual(pages);
      });
    },
  );
}
