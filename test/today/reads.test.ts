import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDeal, listDeals } from '../../src/core/deals/flows/manage-deals.ts';
import { setStageNeglectDays } from '../../src/core/deals/flows/stage-settings.ts';
import { updateDeal } from '../../src/core/deals/flows/update-deal.ts';
import { getDealHealth } from '../../src/core/momentum/deal-momentum.ts';
import { dealsHealth } from '../../src/core/today/deal-list-health.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { askUntil } from '../support/eventually.ts';
import { dealFor, newRep } from './scenario.ts';

/**
 * Issue 12, item 8: reads are pure (Today, the deal page and the deals list write no snapshot,
 * no audit entry and do not move the store's change feed), and any write that changes a momentum input
 * makes the next read right, wherever it is read.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum reads on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
    });
    afterAll(async () => t?.close());

    const counts = async () => {
      const db = t.store.db;
      const audit = await db.selectFrom('audit_log').select(db.fn.countAll().as('n')).execute();
      const snaps = await db
        .selectFrom('momentum_snapshots')
        .select(['deal_id', 'day', 'score'])
        .orderBy('deal_id')
        .orderBy('day')
        .execute();
      return { audit: Number(audit[0]!.n), snaps };
    };
    const todayScore = async (actor: Parameters<typeof getToday>[1], id: string) =>
      (await getToday(t.ctx, actor)).items.find((i) => i.dealId === id)?.momentum;

    it('Today, the deal page and the deals list write nothing', async () => {
      const rep = await newRep(t);
      const id = await dealFor(t, rep, { title: 'Quiet' });
      const before = await counts();
      await askUntil(() => t.store.changes.version() !== null);
      const version = t.store.changes.version();
      await getToday(t.ctx, rep.actor);
      await getToday(t.ctx, rep.actor, { date: '2026-11-23' });
      await getDealHealth(t.ctx, rep.actor, id);
      await dealsHealth(t.ctx, rep.actor, await listDeals(t.ctx, rep.actor, {}));
      expect(await counts()).toEqual(before);
      expect(t.store.changes.version()).toBe(version);
    });

    it('a stage change or a new stage threshold shows at once on Today, the deal page and the list', async () => {
      const rep = await newRep(t);
      const id = await dealFor(t, rep, { title: 'Mover' });
      // Today and the list are read before the deal page, which once refreshed what they read.
      const agree = async () => {
        const today = await todayScore(rep.actor, id);
        const list = (
          await dealsHealth(t.ctx, rep.actor, [await getDeal(t.ctx, rep.actor, id)])
        ).get(id)!.momentum;
        const page = (await getDealHealth(t.ctx, rep.actor, id)).momentum.score;
        expect(today).toBe(page);
        expect(list).toBe(page);
        return page;
      };
      const first = await agree();
      const deal = await getDeal(t.ctx, rep.actor, id);
      await updateDeal(t.ctx, rep.actor, id, { stage: 'Proposal' }, deal.version);
      const moved = await agree();
      expect(moved).not.toBe(first);
      // The write recorded the day's score in the history the trend is drawn from.
      const history = await t.ctx.momentum.listSnapshots(
        t.ctx.runner.executor,
        id,
        '2026-11-24',
        '2026-11-24',
      );
      expect(history).toEqual([{ day: '2026-11-24', score: moved }]);

      await setStageNeglectDays(t.ctx, rep.owner, 'Proposal', 30);
      const relaxed = await agree();
      expect(relaxed).toBeGreaterThan(moved!);
    });
  });
}
