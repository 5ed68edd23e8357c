import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import {
  comparePlanRevisions,
  editPlan,
  getPlan,
  listPlanRevisions,
} from '../../src/core/plans/flows/revise-plan.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

const FIRST = {
  objective: 'Pilot live for the support team by 15 January',
  decisionProcess: 'Sarah recommends, Dana (CFO) signs',
  people: [
    { name: 'Sarah Chen', role: 'champion' },
    { name: 'Dana Ruiz', role: 'economic buyer' },
  ],
  milestones: [
    { title: 'Security review', side: 'theirs', date: '2026-12-10' },
    { title: 'Order form signed', side: 'theirs', date: '2026-12-18' },
    { title: 'Kick-off', side: 'ours', date: '2027-01-05' },
  ],
  risks: ['Budget freeze in December'],
};

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`deal plans on ${dialect.name}`, () => {
    let t: TestContext;
    let rep: Actor;
    let otherRep: Actor;
    let manager: Actor;
    let dealId: string;

    const touches = async (kind: string) =>
      (
        await t.store.db
          .selectFrom('touches')
          .select('id')
          .where('deal_id', '=', dealId)
          .where('kind', '=', kind)
          .execute()
      ).length;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      const ws = await seedWorkspace(t.ctx);
      rep = (
        await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep', 'America/New_York', 'US')
      ).actor;
      otherRep = (await seedMember(t.ctx, ws.workspace.id, 'other@example.com', 'rep')).actor;
      manager = (await seedMember(t.ctx, ws.workspace.id, 'lead@example.com', 'manager')).actor;
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      dealId = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Pilot' })).id;
    });
    afterAll(async () => t?.close());

    it('has no plan until one is written', async () => {
      await expect(getPlan(t.ctx, rep, dealId)).rejects.toThrow(/has no plan yet/);
      expect(await listPlanRevisions(t.ctx, rep, dealId)).toEqual([]);
    });

    it('saves revision 1 with ids for its milestones; an edit on its own is not a touch', async () => {
      const saved = await editPlan(t.ctx, rep, dealId, { document: FIRST, base: 0 });
      expect(saved.unchanged).toBe(false);
      expect(saved.revision).toMatchObject({
        number: 1,
        authorId: rep.memberId,
        callId: null,
        summary: 'first plan, 3 milestones',
        createdAt: '2026-11-24T15:00:00.000Z',
      });
      expect(saved.revision.document.milestones.map((m) => [m.id, m.state])).toEqual([
        ['m1', 'open'],
        ['m2', 'open'],
        ['m3', 'open'],
      ]);
      expect(await touches('plan')).toBe(0);
      expect(await getPlan(t.ctx, rep, dealId)).toEqual(saved.revision);
    });

    it('saves a rewrite as revision 2, keeping milestone ids by title, with its diff', async () => {
      t.clock.set('2026-11-26T15:00:00Z');
      const saved = await editPlan(t.ctx, rep, dealId, {
        base: 1,
        document: {
          ...FIRST,
          milestones: [
            { title: 'Security review', side: 'theirs', date: '2026-12-10', state: 'done' },
            { title: 'Order form signed', side: 'theirs', date: '2026-12-23' },
            { title: 'Kick-off', side: 'ours', date: '2027-01-04' },
            { title: 'Admin training', side: 'ours', date: '2027-01-06' },
          ],
          risks: [],
        },
      });
      expect(saved.revision.number).toBe(2);
      expect(saved.revision.summary).toBe(
        '1 added, 1 completed, 1 advanced, 1 slipped; risks changed',
      );
      expect(saved.diff.milestones.map((c) => [c.kind, c.id])).toEqual([
        ['completed', 'm1'],
        ['slipped', 'm2'],
        ['advanced', 'm3'],
        ['added', 'm4'],
      ]);
      expect(await touches('plan')).toBe(0);
    });

    it('refuses an edit on an old base and keeps what was there', async () => {
      const attempt = editPlan(t.ctx, rep, dealId, { base: 1, document: { objective: 'Mine' } });
      await expect(attempt).rejects.toMatchObject({
        code: 'version-conflict',
        details: { base: 1, latest: 2 },
      });
      await expect(attempt).rejects.toThrow(/plan diff .* 1 2/);
      expect((await getPlan(t.ctx, rep, dealId)).number).toBe(2);
      expect(await touches('plan')).toBe(0);
    });

    it('lets one of two edits on the same base win; the other is told, not lost in silence', async () => {
      const doc = (objective: string) => ({ ...FIRST, objective });
      const results = await Promise.allSettled([
        editPlan(t.ctx, rep, dealId, { base: 2, document: doc('A') }),
        editPlan(t.ctx, manager, dealId, { base: 2, document: doc('B') }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'version-conflict' });
      expect((await listPlanRevisions(t.ctx, rep, dealId)).map((r) => r.number)).toEqual([1, 2, 3]);
    });

    it('saves nothing for a plan equal to the latest', async () => {
      const latest = await getPlan(t.ctx, rep, dealId);
      const again = await editPlan(t.ctx, rep, dealId, { document: latest.document });
      expect(again).toMatchObject({ unchanged: true, revision: { number: latest.number } });
      expect((await listPlanRevisions(t.ctx, rep, dealId)).length).toBe(latest.number);
    });

    it('ties a revision to a call on the same deal, without a second touch', async () => {
      const { call } = await logCall(t.ctx, rep, {
        dealId,
        at: '2026-11-26T09:00',
        notes: 'Talked timing.',
      });
      const plans = await touches('plan');
      const latest = await getPlan(t.ctx, rep, dealId);
      const saved = await editPlan(t.ctx, rep, dealId, {
        callId: call.id,
        document: { ...latest.document, decisionProcess: 'Dana signs alone' },
      });
      expect(saved.revision.callId).toBe(call.id);
      expect(await touches('plan')).toBe(plans);
      const otherDeal = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Second' })).id;
      await expect(
        editPlan(t.ctx, rep, otherDeal, { callId: call.id, document: FIRST }),
      ).rejects.toThrow(/No call on this deal/);
    });

    it('compares any two revisions, by default the latest with the one before', async () => {
      const latest = (await listPlanRevisions(t.ctx, rep, dealId)).at(-1)!.number;
      const last = await comparePlanRevisions(t.ctx, rep, dealId);
      expect([last.from?.number, last.to.number]).toEqual([latest - 1, latest]);
      expect(last.diff.fields.map((f) => f.field)).toEqual(['decisionProcess']);
      const span = await comparePlanRevisions(t.ctx, rep, dealId, { from: 1, to: 2 });
      expect(span.diff.counts).toMatchObject({ added: 1, completed: 1, advanced: 1, slipped: 1 });
      const first = await comparePlanRevisions(t.ctx, rep, dealId, { to: 1 });
      expect(first.from).toBeNull();
      expect(first.diff.counts.added).toBe(3);
      await expect(comparePlanRevisions(t.ctx, rep, dealId, { from: 99 })).rejects.toThrow(
        new RegExp(`revisions 1 to ${latest}, not 99`),
      );
      await expect(getPlan(t.ctx, rep, dealId, 'two')).rejects.toThrow(/revision number/);
    });

    it('shows a plan only to those who may see the deal', async () => {
      await expect(getPlan(t.ctx, otherRep, dealId)).rejects.toMatchObject({ code: 'not-found' });
      await expect(editPlan(t.ctx, otherRep, dealId, { document: FIRST })).rejects.toMatchObject({
        code: 'not-found',
      });
      expect((await getPlan(t.ctx, manager, dealId)).dealId).toBe(dealId);
    });

    it('refuses a document that does not fit the schema, and names the field', async () => {
      await expect(
        editPlan(t.ctx, rep, dealId, { document: { milestones: [{ title: 'x', date: '12/10' }] } }),
      ).rejects.toThrow(/milestones\[0\]\.date must be a date like 2026-11-27/);
    });
  });
}
