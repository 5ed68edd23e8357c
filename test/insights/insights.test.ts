import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { completeCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { closeDeal, pauseDeal } from '../../src/core/deals/flows/close-deal.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { getInsights } from '../../src/core/insights/get-insights.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

const PERIOD = { from: '2026-11-16', to: '2026-11-29' };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`insights on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Actor;
    let ann: Actor;
    let ben: Actor;
    const deals: Record<string, string> = {};

    beforeAll(async () => {
      // Mon 16 Nov 2026: the team starts. Ann sells from New York (Thanksgiving on Thu 26),
      // Ben from Berlin.
      t = await openTestContext(dialect.name, '2026-11-16T15:00:00Z');
      const ws = await seedWorkspace(t.ctx);
      owner = ws.actor;
      const a = await seedMember(
        t.ctx,
        ws.workspace.id,
        'ann@example.com',
        'rep',
        'America/New_York',
        'US',
      );
      ann = a.actor;
      ben = (
        await seedMember(t.ctx, ws.workspace.id, 'ben@example.com', 'rep', 'Europe/Berlin', 'DE')
      ).actor;
      await t.ctx.runner.transaction((tx) =>
        t.ctx.members.update(tx, ws.workspace.id, ann.memberId, a.member.version, {
          marchFloor: 3,
          marchCeiling: 4,
        }),
      );
      await addAccount(t.ctx, owner, { name: 'Globex' });
      for (const key of ['won', 'lost', 'open', 'paused'])
        deals[key] = (await addDeal(t.ctx, ann, { account: 'Globex', title: `Ann ${key}` })).id;
      deals.ben = (await addDeal(t.ctx, ben, { account: 'Globex', title: 'Ben deal' })).id;

      // Tue 24 Nov: three calls.
      t.clock.set('2026-11-24T20:00:00Z');
      const won = await logCall(t.ctx, ann, {
        dealId: deals.won!,
        at: '2026-11-24T09:00',
        habits: { plan: 'done' },
        outcome: 'advanced',
        commitments: [
          { side: 'ours', text: 'send the pricing sheet', due: '2026-11-27' },
          { side: 'ours', text: 'send the security pack', due: '2026-11-24' },
        ],
      });
      await logCall(t.ctx, ann, {
        dealId: deals.lost!,
        at: '2026-11-24T10:00',
        habits: { listen: 'done' },
        outcome: 'setback',
        reason: 'not-now',
        lesson: 'Confirm the budget owner before the demo',
        lessonHabits: ['discover'],
      });
      await logCall(t.ctx, ann, {
        dealId: deals.open!,
        at: '2026-11-24T11:00',
        nextStep: { text: 'Demo', date: '2026-12-03' },
        commitments: [{ side: 'ours', text: 'send the case study', due: '2026-11-25' }],
      });

      // Wed 25 Nov: one promise kept early, one late; deals won, lost and paused.
      t.clock.set('2026-11-25T20:00:00Z');
      for (const c of won.commitments) await completeCommitment(t.ctx, ann, c.id);
      await closeDeal(t.ctx, ann, deals.won!, {
        result: 'won',
        lesson: 'The mutual plan kept legal on time',
      });
      await closeDeal(t.ctx, ann, deals.lost!, { result: 'lost', reason: 'no-fit' });
      t.clock.advance(5 * 60_000);
      await pauseDeal(t.ctx, ann, deals.paused!, {
        until: '2027-01-11',
        lesson: 'Budget opens in Q1',
      });

      // The history is set by hand: what the writes above recorded is replaced.
      await t.store.db.deleteFrom('momentum_snapshots').execute();
      await t.store.db
        .insertInto('momentum_snapshots')
        .values([
          { deal_id: deals.open!, day: '2026-11-24', score: 40, factors: '[]' },
          { deal_id: deals.open!, day: '2026-11-25', score: 60, factors: '[]' },
          { deal_id: deals.ben!, day: '2026-11-25', score: 90, factors: '[]' },
          { deal_id: deals.open!, day: '2026-12-01', score: 10, factors: '[]' },
        ])
        .execute();

      // Ben's calls either side of midnight in Berlin at the end of the period: 23:30 on Sunday
      // 29 Nov is in it, 00:30 on Monday 30 Nov is not (though it is still the 29th in New York).
      t.clock.set('2026-11-30T12:00:00Z');
      await logCall(t.ctx, ben, {
        dealId: deals.ben!,
        at: '2026-11-29T23:30',
        outcome: 'no-change',
        reason: 'other',
        lesson: 'Too early for them',
      });
      await logCall(t.ctx, ben, {
        dealId: deals.ben!,
        at: '2026-11-30T00:30',
        outcome: 'setback',
        reason: 'no-fit',
      });
      t.clock.set('2026-11-30T15:00:00Z');
    });
    afterAll(async () => t?.close());

    it('shows a rep their own promise keeping, per ISO week', async () => {
      const i = await getInsights(t.ctx, ann, PERIOD);
      expect(i.members.map((m) => m.email)).toEqual(['ann@example.com']);
      expect(i.promiseKeeping).toEqual([
        {
          memberId: ann.memberId,
          week: '2026-W48',
          early: 1,
          onTime: 0,
          late: 1,
          total: 2,
          earlyShare: 0.5,
          onTimeShare: 0,
          lateShare: 0.5,
        },
      ]);
    });

    it('shows the march per day against the band, business days only, from the day they joined', async () => {
      const i = await getInsights(t.ctx, ann, PERIOD);
      const byDate = Object.fromEntries(i.march.days.map((d) => [d.date, [d.touches, d.band]]));
      expect(i.march.days[0]!.date).toBe('2026-11-16');
      expect(byDate['2026-11-24']).toEqual([3, 'on']);
      expect(byDate['2026-11-25']).toEqual([2, 'stall']);
      expect(byDate['2026-11-26']).toEqual([0, null]);
      expect(byDate['2026-11-28']).toEqual([0, null]);
      expect(i.march.summary).toEqual([
        { memberId: ann.memberId, businessDays: 9, on: 1, stall: 8, rush: 0, touches: 5 },
      ]);
    });

    it('compares habits with the deals closed with and without them', async () => {
      const i = await getInsights(t.ctx, ann, PERIOD);
      const habit = (key: string) => i.habits.find((h) => h.key === key)!;
      expect(i.habits).toHaveLength(10);
      expect(habit('plan')).toMatchObject({
        calls: { done: 1, partly: 0, no: 1 },
        practiced: { won: 1, lost: 0, winRate: 1 },
        notPracticed: { won: 0, lost: 1, winRate: 0 },
      });
      expect(habit('listen')).toMatchObject({
        calls: { done: 1, partly: 0, no: 1 },
        practiced: { won: 0, lost: 1, winRate: 0 },
        notPracticed: { won: 1, lost: 0, winRate: 1 },
      });
    });

    it('counts outcomes and their reasons, and lists the lessons newest first', async () => {
      const i = await getInsights(t.ctx, ann, PERIOD);
      expect(i.outcomes).toEqual({
        calls: { advanced: 1, 'no-change': 0, setback: 1, unrecorded: 1 },
        callReasons: { 'not-interested': 0, 'not-now': 1, 'no-fit': 0, other: 0 },
        deals: { won: 1, lost: 1, paused: 1 },
        lossReasons: { 'not-interested': 0, 'not-now': 0, 'no-fit': 1, other: 0, unspecified: 0 },
        pauseReasons: { 'not-interested': 0, 'not-now': 1, 'no-fit': 0, other: 0, unspecified: 0 },
      });
      expect(i.lessons.map((l) => [l.source, l.dealTitle, l.text, l.habits])).toEqual([
        ['paused', 'Ann paused', 'Budget opens in Q1', []],
        ['won', 'Ann won', 'The mutual plan kept legal on time', []],
        ['call', 'Ann lost', 'Confirm the budget owner before the demo', ['discover']],
      ]);
    });

    it('counts neglected deals per week as they were then, and the momentum trend', async () => {
      const i = await getInsights(t.ctx, ann, PERIOD);
      expect(i.neglect).toEqual([
        {
          week: '2026-W47',
          asOf: '2026-11-22',
          open: 4,
          neglected: 4,
          reasons: { 'no-touch': 0, 'no-next-step': 4, 'overdue-ours': 0, 'unchased-theirs': 0 },
        },
        {
          week: '2026-W48',
          asOf: '2026-11-29',
          open: 1,
          neglected: 1,
          reasons: { 'no-touch': 0, 'no-next-step': 0, 'overdue-ours': 1, 'unchased-theirs': 0 },
        },
      ]);
      expect(i.momentum).toEqual([{ week: '2026-W48', average: 50, deals: 1 }]);
    });

    it('shows a manager the whole team, each member over their own days', async () => {
      const i = await getInsights(t.ctx, owner, PERIOD);
      expect(i.members.map((m) => m.email).sort()).toEqual([
        'ann@example.com',
        'ben@example.com',
        'owner@example.com',
      ]);
      expect(i.outcomes.calls).toEqual({ advanced: 1, 'no-change': 1, setback: 1, unrecorded: 1 });
      expect(i.outcomes.callReasons).toEqual({
        'not-interested': 0,
        'not-now': 1,
        'no-fit': 0,
        other: 1,
      });
      expect(i.lessons[0]).toMatchObject({
        source: 'call',
        dealTitle: 'Ben deal',
        text: 'Too early for them',
      });
      expect(i.momentum).toEqual([{ week: '2026-W48', average: 63.3, deals: 2 }]);
      const onlyBen = await getInsights(t.ctx, owner, { ...PERIOD, member: 'ben@example.com' });
      expect(onlyBen.members.map((m) => m.email)).toEqual(['ben@example.com']);
      expect(onlyBen.lessons.map((l) => l.text)).toEqual(['Too early for them']);
    });

    it('keeps another member’s figures from a rep, and checks the period', async () => {
      await expect(getInsights(t.ctx, ann, { member: 'ben@example.com' })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(
        getInsights(t.ctx, ann, { from: '2026-12-01', to: '2026-11-01' }),
      ).rejects.toThrow(/starts \(2026-12-01\) after it ends/);
      await expect(
        getInsights(t.ctx, ann, { from: '2025-01-01', to: '2026-11-01' }),
      ).rejects.toThrow(/at most 366 days/);
      await expect(getInsights(t.ctx, ann, { to: '2026-13-01' })).rejects.toThrow(
        /to must be a date|not a real/,
      );
    });

    it('defaults to the twelve weeks up to today', async () => {
      const i = await getInsights(t.ctx, ann);
      expect([i.from, i.to]).toEqual(['2026-09-08', '2026-11-30']);
      expect(i.lessons).toHaveLength(3);
    });
  });
}
