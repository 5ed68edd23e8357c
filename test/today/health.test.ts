import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { setStageNeglectDays } from '../../src/core/deals/flows/stage-settings.ts';
import { getDealHealth } from '../../src/core/momentum/deal-momentum.ts';
import { getNextStep, setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import { listTouches, logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { getDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { at, dealFor, healthy, newRep, promise, type DealSetup } from './scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `neglect, momentum, touches and next steps on ${dialect.name}`,
    () => {
      let t: TestContext;
      let rep: Rep;
      beforeAll(async () => {
        // Tue 24 Nov 2026, 10:00 in New York.
        t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
        rep = await newRep(t);
      });
      afterAll(async () => t?.close());

      describe('each neglect reason', () => {
        it.each<{
          name: string;
          deal: DealSetup;
          then?: (dealId: string) => Promise<unknown>;
          reasons: string[];
        }>([
          { name: 'touched today with a next step booked', deal: healthy('Fine'), reasons: [] },
          {
            name: 'no touch for longer than the stage allows',
            deal: { title: 'Silent', nextStep: '2026-12-01' },
            reasons: ['no-touch'],
          },
          {
            name: 'no next step booked',
            deal: { title: 'Drifting', touchedAt: '2026-11-24T09:00' },
            reasons: ['no-next-step'],
          },
          {
            name: 'a next step whose day has passed',
            deal: { title: 'Missed', touchedAt: '2026-11-24T09:00' },
            then: (id) =>
              at(t, '2026-11-20T15:00:00Z', () =>
                setNextStep(t.ctx, rep.actor, id, { at: '2026-11-23', text: 'Call back' }),
              ),
            reasons: ['no-next-step'],
          },
          {
            name: 'one of our promises overdue',
            deal: healthy('Owing'),
            then: (id) =>
              promise(t, rep.actor, id, { side: 'ours', text: 'Send pricing', due: '2026-11-23' }),
            reasons: ['overdue-ours'],
          },
          {
            name: 'their promise overdue and not chased',
            deal: healthy('Waiting'),
            then: (id) =>
              promise(t, rep.actor, id, { side: 'theirs', text: 'Sign NDA', due: '2026-11-23' }),
            reasons: ['unchased-theirs'],
          },
          {
            name: 'their promise overdue but chased since',
            deal: healthy('Chased'),
            then: async (id) => {
              const c = await promise(t, rep.actor, id, {
                side: 'theirs',
                text: 'Sign NDA',
                due: '2026-11-23',
              });
              await logTouch(t.ctx, rep.actor, {
                dealId: id,
                kind: 'email',
                at: '2026-11-24T09:30',
                commitmentId: c.id,
                text: 'Nudged them about the NDA',
              });
            },
            reasons: [],
          },
          {
            name: 'six days without a touch in Proposal (5 days allowed)',
            deal: {
              title: 'Proposal',
              stage: 'Proposal',
              touchedAt: '2026-11-18T09:00',
              nextStep: '2026-12-01',
            },
            reasons: ['no-touch'],
          },
          {
            name: 'six days without a touch in Discovery (7 days allowed)',
            deal: { title: 'Discovery', touchedAt: '2026-11-18T09:00', nextStep: '2026-12-01' },
            reasons: [],
          },
        ])('$name → $reasons', async ({ deal, then, reasons }) => {
          const id = await dealFor(t, rep, deal);
          await then?.(id);
          const health = await getDealHealth(t.ctx, rep.actor, id);
          expect(health.neglect.reasons).toEqual(reasons);
          expect(health.neglect.neglected).toBe(reasons.length > 0);
          expect(health.neglect.details).toHaveLength(reasons.length);
        });
      });

      it('evaluates a deal as of a past date from its history, without writing a snapshot', async () => {
        const id = await dealFor(t, rep, { title: 'History', touchedAt: '2026-11-05T09:00' });
        const days = async () =>
          (
            await t.ctx.momentum.listSnapshots(
              t.ctx.runner.executor,
              id,
              '2026-11-01',
              '2026-11-30',
            )
          ).map((s) => s.day);
        // The writes recorded the score on the days they happened: opened on 1 Nov, touched today.
        expect(await days()).toEqual(['2026-11-01', '2026-11-24']);
        const then = await getDealHealth(t.ctx, rep.actor, id, { date: '2026-11-10' });
        expect(then.date).toBe('2026-11-10');
        expect(then.neglect.reasons).toEqual(['no-next-step']);
        expect(then.momentum.factors.find((f) => f.name === 'touch-recency')).toMatchObject({
          value: 5,
          effect: 7,
        });
        const now = await getDealHealth(t.ctx, rep.actor, id);
        expect(now.neglect.reasons).toEqual(['no-touch', 'no-next-step']);
        expect(now.neglect.details[0]).toBe('No touch for 19 days; Discovery allows 7 days.');
        expect(now.momentum.score).toBeLessThan(then.momentum.score!);
        expect(await days()).toEqual(['2026-11-01', '2026-11-24']);
      });

      it('keeps a daily snapshot per deal and draws the trend from it', async () => {
        const id = await at(t, '2026-11-20T15:00:00Z', () =>
          dealFor(t, rep, {
            title: 'Trend',
            openedAt: '2026-11-20T14:00:00Z',
            touchedAt: '2026-11-20T09:00',
            nextStep: '2026-12-10',
          }),
        );
        // Nothing is written on 21 and 22 Nov; on 23 Nov a touch records that day's score.
        await at(t, '2026-11-23T16:00:00Z', () =>
          logTouch(t.ctx, rep.actor, { dealId: id, kind: 'email' }),
        );
        const health = await getDealHealth(t.ctx, rep.actor, id);
        expect(health.momentum.trend.map((p) => p.date)).toEqual([
          '2026-11-20',
          '2026-11-23',
          '2026-11-24',
        ]);
        const scores = health.momentum.trend.map((p) => p.score);
        expect(scores[0]).toBeGreaterThan(scores[2]!);
        expect(health.momentum.factors.map((f) => f.name)).toEqual([
          'touch-recency',
          'next-step',
          'promises',
          'plan',
          'stage-movement',
        ]);
        expect(health.momentum.score).toBe(
          Math.min(
            100,
            Math.max(0, 50 + health.momentum.factors.reduce((s, f) => s + f.effect, 0)),
          ),
        );
        // A touch changes the score: the write records today's score, and the next read agrees.
        await logTouch(t.ctx, rep.actor, { dealId: id, kind: 'call' });
        const recorded = await t.ctx.momentum.listSnapshots(
          t.ctx.runner.executor,
          id,
          '2026-11-24',
          '2026-11-24',
        );
        const after = await getDealHealth(t.ctx, rep.actor, id);
        expect(recorded).toEqual([{ day: '2026-11-24', score: after.momentum.score }]);
        expect(after.momentum.score).toBeGreaterThan(health.momentum.score!);
        expect(after.momentum.trend.at(-1)).toEqual({
          date: '2026-11-24',
          score: after.momentum.score,
        });
      });

      it('a kept promise counts as a touch, moves the deal’s last touch and lifts its momentum', async () => {
        const id = await dealFor(t, rep, {
          title: 'Keeper',
          touchedAt: '2026-11-16T09:00',
          nextStep: '2026-12-01',
        });
        const before = await getDealHealth(t.ctx, rep.actor, id);
        const c = await promise(t, rep.actor, id, {
          side: 'ours',
          text: 'Send the deck',
          due: '2026-11-27',
        });
        await completeCommitment(t.ctx, rep.actor, c.id, { at: '2026-11-24T08:00' });
        const touches = await listTouches(t.ctx, rep.actor, { dealId: id });
        expect(touches[0]).toMatchObject({
          kind: 'delivery',
          commitmentId: c.id,
          text: 'Send the deck',
        });
        expect((await getDeal(t.ctx, rep.actor, id)).lastTouchAt).toBe('2026-11-24T13:00:00.000Z');
        const after = await getDealHealth(t.ctx, rep.actor, id);
        expect(after.momentum.factors.find((f) => f.name === 'promises')).toMatchObject({
          value: 1,
          effect: 4,
        });
        expect(after.momentum.score).toBeGreaterThan(before.momentum.score!);
      });

      it('logs touches: backdated ones never move the last touch back; bad input is refused', async () => {
        const id = await dealFor(t, rep, { title: 'Toucher', touchedAt: '2026-11-23T09:00' });
        await logTouch(t.ctx, rep.actor, {
          dealId: id,
          kind: 'meeting',
          at: '2026-11-20T09:00',
          text: 'Lunch',
        });
        expect((await getDeal(t.ctx, rep.actor, id)).lastTouchAt).toBe('2026-11-23T14:00:00.000Z');
        expect((await listTouches(t.ctx, rep.actor, { dealId: id })).map((x) => x.kind)).toEqual([
          'email',
          'meeting',
        ]);
        await expect(
          logTouch(t.ctx, rep.actor, { dealId: id, kind: 'carrier-pigeon' }),
        ).rejects.toMatchObject({ code: 'validation' });
        await expect(
          logTouch(t.ctx, rep.actor, { dealId: id, kind: 'call', at: '2026-11-25T09:00' }),
        ).rejects.toMatchObject({ code: 'validation' });
        const stranger = await newRep(t);
        await expect(
          logTouch(t.ctx, stranger.actor, { dealId: id, kind: 'call' }),
        ).rejects.toMatchObject({ code: 'not-found' });
      });

      it('books one next step per deal; a touch on its day marks it done', async () => {
        const id = await dealFor(t, rep, { title: 'Stepper', touchedAt: '2026-11-23T09:00' });
        const first = await setNextStep(t.ctx, rep.actor, id, {
          at: '2026-11-24T16:00',
          text: 'Demo',
        });
        const second = await setNextStep(t.ctx, rep.actor, id, {
          at: '2026-11-24',
          text: 'Demo, moved',
        });
        expect(await getNextStep(t.ctx, rep.actor, id)).toMatchObject({
          id: second.id,
          dueTime: null,
        });
        expect(first.dueTime).toBe('16:00');
        await logTouch(t.ctx, rep.actor, { dealId: id, kind: 'meeting' });
        expect(await getNextStep(t.ctx, rep.actor, id)).toBeNull();
        await expect(
          setNextStep(t.ctx, rep.actor, id, { at: '2026-11-23', text: 'Yesterday' }),
        ).rejects.toMatchObject({ code: 'validation' });
        await expect(
          setNextStep(t.ctx, rep.actor, id, { at: 'next week', text: 'Vague' }),
        ).rejects.toMatchObject({ code: 'validation' });
      });

      it('stage thresholds are set by owners and managers, and neglect follows them', async () => {
        const id = await dealFor(t, rep, {
          title: 'Negotiating',
          stage: 'Negotiation',
          touchedAt: '2026-11-19T09:00',
          nextStep: '2026-12-01',
        });
        expect((await getDealHealth(t.ctx, rep.actor, id)).neglect.reasons).toEqual(['no-touch']);
        await expect(
          setStageNeglectDays(t.ctx, rep.actor, 'Negotiation', 10),
        ).rejects.toMatchObject({
          code: 'forbidden',
        });
        const stage = await setStageNeglectDays(t.ctx, rep.owner, 'negotiation', 10);
        expect(stage).toMatchObject({ name: 'Negotiation', neglectDays: 10 });
        expect((await getDealHealth(t.ctx, rep.actor, id)).neglect.reasons).toEqual([]);
        await expect(setStageNeglectDays(t.ctx, rep.owner, 'Nowhere', 3)).rejects.toMatchObject({
          code: 'not-found',
        });
        await expect(setStageNeglectDays(t.ctx, rep.owner, 'Demo', 0)).rejects.toMatchObject({
          code: 'validation',
        });
      });
    },
  );
}
