import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { closeDeal, pauseDeal } from '../../src/core/deals/flows/close-deal.ts';
import { addDeal, getDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`closing and pausing deals on ${dialect.name}`, () => {
    let t: TestContext;
    let rep: Actor;
    let otherRep: Actor;
    const newDeal = async (title: string) =>
      (await addDeal(t.ctx, rep, { account: 'Globex', title })).id;
    const outcomes = (dealId: string) => t.ctx.outcomes.listForDeal(t.ctx.runner.executor, dealId);

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      const ws = await seedWorkspace(t.ctx);
      rep = (
        await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep', 'America/New_York', 'US')
      ).actor;
      otherRep = (await seedMember(t.ctx, ws.workspace.id, 'other@example.com', 'rep')).actor;
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
    });
    afterAll(async () => t?.close());

    it('closes a deal as won with a lesson tagged with habits', async () => {
      const id = await newDeal('Won one');
      const closed = await closeDeal(t.ctx, rep, id, {
        result: 'won',
        lesson: 'The mutual plan kept legal on time',
        lessonHabits: ['plan', 10],
      });
      expect(closed.deal).toMatchObject({
        status: 'won',
        closedAt: '2026-11-24T15:00:00.000Z',
        closeReason: null,
        reEngageOn: null,
        version: 2,
      });
      expect(closed.outcome).toMatchObject({
        outcome: 'won',
        reason: null,
        decidedBy: rep.memberId,
      });
      expect(closed.outcome.lessonHabits).toHaveLength(2);
      expect(await outcomes(id)).toEqual([closed.outcome]);
    });

    it('closes a deal as lost with its reason and a date to try again', async () => {
      const id = await newDeal('Lost one');
      const closed = await closeDeal(t.ctx, rep, id, {
        result: 'lost',
        reason: 'no-fit',
        reEngageOn: '2027-03-01',
        lesson: 'Qualify the integration before the demo',
      });
      expect(closed.deal).toMatchObject({
        status: 'lost',
        closeReason: 'no-fit',
        reEngageOn: '2027-03-01',
      });
    });

    it('pauses an open deal until a date, not-now by default; it can be lost later, both kept', async () => {
      const id = await newDeal('Paused one');
      const paused = await pauseDeal(t.ctx, rep, id, {
        until: '2027-01-11',
        lesson: 'Budget opens in Q1',
      });
      expect(paused.deal).toMatchObject({
        status: 'paused',
        reEngageOn: '2027-01-11',
        closeReason: 'not-now',
        closedAt: null,
      });
      await expect(pauseDeal(t.ctx, rep, id, { until: '2027-02-01' })).rejects.toMatchObject({
        code: 'conflict',
      });
      t.clock.set('2027-01-12T15:00:00Z');
      try {
        const lost = await closeDeal(t.ctx, rep, id, { result: 'lost', reason: 'not-interested' });
        expect(lost.deal).toMatchObject({
          status: 'lost',
          reEngageOn: null,
          closedAt: '2027-01-12T15:00:00.000Z',
        });
        expect((await outcomes(id)).map((o) => o.outcome)).toEqual(['paused', 'lost']);
      } finally {
        t.clock.set('2026-11-24T15:00:00Z');
      }
    });

    it.each([
      {
        name: 'a won deal with a reason',
        run: (id: string) => closeDeal(t.ctx, rep, id, { result: 'won', reason: 'other' }),
        error: /takes no reason/,
      },
      {
        name: 'a result other than won or lost',
        run: (id: string) => closeDeal(t.ctx, rep, id, { result: 'paused' }),
        error: /won or lost/,
      },
      {
        name: 'an unknown reason',
        run: (id: string) => closeDeal(t.ctx, rep, id, { result: 'lost', reason: 'price' }),
        error: /Reason must be one of/,
      },
      {
        name: 'a re-engage date in the past',
        run: (id: string) =>
          closeDeal(t.ctx, rep, id, { result: 'lost', reEngageOn: '2026-11-24' }),
        error: /after today \(2026-11-24\)/,
      },
      {
        name: 'a pause until today',
        run: (id: string) => pauseDeal(t.ctx, rep, id, { until: '2026-11-24' }),
        error: /after today/,
      },
      {
        name: 'a pause with no date',
        run: (id: string) => pauseDeal(t.ctx, rep, id, { until: '' }),
        error: /until when/,
      },
      {
        name: 'habit tags without a lesson',
        run: (id: string) =>
          pauseDeal(t.ctx, rep, id, { until: '2027-01-04', lessonHabits: ['2'] }),
        error: /write the lesson too/,
      },
      {
        name: 'a stale version',
        run: (id: string) => closeDeal(t.ctx, rep, id, { result: 'won', expectedVersion: 7 }),
        error: /changed since version 7/,
      },
    ])('refuses $name and leaves the deal open', async ({ run, error }) => {
      const id = await newDeal('Untouched');
      await expect(run(id)).rejects.toThrow(error);
      expect((await getDeal(t.ctx, rep, id)).status).toBe('open');
      expect(await outcomes(id)).toEqual([]);
    });

    it('brings a paused deal back to Today on its date, as the next conversation to open', async () => {
      // A rep whose only deal is paused, so that nothing else fills the day first.
      const ws = (await getDeal(t.ctx, rep, await newDeal('Probe'))).workspaceId;
      const solo = (
        await seedMember(t.ctx, ws, 'solo@example.com', 'rep', 'America/New_York', 'US')
      ).actor;
      const id = (await addDeal(t.ctx, solo, { account: 'Globex', title: 'Back in December' })).id;
      await pauseDeal(t.ctx, solo, id, { until: '2026-12-01' });
      const itemsOn = async (date: string) =>
        (await getToday(t.ctx, solo, { date })).items.filter((i) => i.dealId === id);
      expect(await itemsOn('2026-11-30')).toEqual([]);
      const back = await itemsOn('2026-12-01');
      expect(back.map((i) => i.kind)).toEqual(['prospect']);
      expect(back[0]!.reason).toMatch(/paused/);
    });

    it('refuses to close a closed deal, and one the rep may not see', async () => {
      const id = await newDeal('Closed twice');
      await closeDeal(t.ctx, rep, id, { result: 'won' });
      await expect(closeDeal(t.ctx, rep, id, { result: 'lost' })).rejects.toMatchObject({
        code: 'conflict',
      });
      const other = await newDeal('Not yours');
      await expect(closeDeal(t.ctx, otherRep, other, { result: 'won' })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(
        pauseDeal(t.ctx, otherRep, other, { until: '2027-01-04' }),
      ).rejects.toMatchObject({
        code: 'not-found',
      });
    });
  });
}
