import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { snoozeCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import type { TodayAgenda } from '../../src/core/today/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { at, dealFor, healthy, newRep, promise } from './scenario.ts';

/** Each item as "kind:title", with "?" when optional; later items with their planned day. */
function shape(agenda: TodayAgenda) {
  return {
    items: agenda.items.map((i) => `${i.kind}:${i.title}${i.optional ? '?' : ''}`),
    later: agenda.later.map((i) => `${i.kind}:${i.title}@${i.planned}`),
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`Today scenarios on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      // Tue 24 Nov 2026, 10:00 in New York; Thu 26 Nov is Thanksgiving (US).
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
    });
    afterAll(async () => t?.close());

    it('a rush day: with touches over the ceiling only fixed items remain; the rest rolls', async () => {
      const rep = await newRep(t);
      for (const n of [1, 2, 3, 4]) await dealFor(t, rep, healthy(`Busy ${n}`));
      const contract = await dealFor(t, rep, healthy('Contract'));
      await promise(t, rep.actor, contract, {
        side: 'ours',
        text: 'Send the contract',
        due: '2026-11-24',
      });
      await dealFor(t, rep, { title: 'Quiet A' });
      await dealFor(t, rep, { title: 'Quiet B' });

      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.march).toEqual({ floor: 3, ceiling: 4, done: 5 });
      expect(shape(agenda)).toEqual({
        items: ['deliver:Send the contract'],
        later: ['revive:Quiet A@2026-11-25', 'revive:Quiet B@2026-11-25'],
      });
    });

    it('a stall day: when the real work is short of the floor, prospects make it up', async () => {
      const rep = await newRep(t);
      await dealFor(t, rep, { title: 'Lonely', nextStep: '2026-12-01' });
      await addAccount(t.ctx, rep.owner, { name: 'Initech' });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.march.done).toBe(0);
      expect(shape(agenda)).toEqual({
        items: ['revive:Lonely', 'prospect:Initech'],
        // What is booked on the coming days is shown with them.
        later: ['meet:Meet about Lonely@2026-12-01'],
      });
      expect(agenda.items[1]).toMatchObject({
        dealId: null,
        reason: 'no open deal at Initech — open a new conversation',
        optional: false,
      });
    });

    it('a call logged without an outcome is a touch, not a call booked for today', async () => {
      const rep = await newRep(t);
      const id = await dealFor(t, rep, healthy('Logged'));
      await logCall(t.ctx, rep.actor, { dealId: id, at: '2026-11-24T09:15', notes: 'Spoke' });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.items.filter((i) => i.kind === 'meet')).toEqual([]);
      expect(agenda.items.map((i) => i.reason).join(' ')).not.toMatch(/call booked/);
      expect(agenda.march.done).toBe(2);
    });

    it('under the floor: the next promises early (soonest target first), the coming days shown', async () => {
      const rep = await newRep(t, { floor: 8, ceiling: 10 });
      const id = await dealFor(t, rep, { title: 'Fresh', openedAt: '2026-11-24T14:00:00Z' });
      await logCall(t.ctx, rep.actor, {
        dealId: id,
        at: '2026-11-24T09:30',
        notes: 'Good call',
        outcome: 'advanced',
        commitments: [
          { side: 'ours', text: 'Send the security review', due: '2026-12-02' },
          { side: 'ours', text: 'Send the pricing', due: '2026-12-01' },
        ],
        nextStep: { text: 'Pricing review', date: '2026-11-30', time: '14:00' },
      });
      await addAccount(t.ctx, rep.owner, { name: 'Initech' });
      const other = await dealFor(t, rep, healthy('Other'));
      await promise(t, rep.actor, other, {
        side: 'ours',
        text: 'Send the case study',
        due: '2026-12-09',
      });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.march).toEqual({ floor: 8, ceiling: 10, done: 2 });
      // Every open promise of ours, soonest target first (two of them on one deal), then a
      // prospect: the day is short by six.
      expect(shape(agenda).items).toEqual([
        'deliver:Send the pricing',
        'deliver:Send the security review',
        'deliver:Send the case study',
        'prospect:Initech',
      ]);
      expect(agenda.items[0]).toMatchObject({
        due: '2026-12-01',
        target: '2026-11-30',
        fixed: false,
        optional: false,
        reason:
          'promised Tue 1 Dec — target Mon 30 Nov — deliver early: the day is under your floor',
      });
      expect(shape(agenda).later).toEqual(['meet:Pricing review@2026-11-30']);
      expect(agenda.later[0]!.reason).toBe('next step booked for Mon 30 Nov at 14:00');
      expect(agenda.open).toEqual({ deals: 2, promises: 2 });
    });

    it('never pulls forward more than the day is short of the floor', async () => {
      const rep = await newRep(t, { floor: 2, ceiling: 3 });
      for (const n of [3, 1, 2]) {
        const id = await dealFor(t, rep, healthy(`Deal ${n}`, '2026-11-23T09:00'));
        await promise(t, rep.actor, id, {
          side: 'ours',
          text: `Promise ${n}`,
          due: ['', '2026-12-08', '2026-12-09', '2026-12-10'][n]!,
        });
      }
      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.march.done).toBe(0);
      expect(shape(agenda).items).toEqual(['deliver:Promise 1', 'deliver:Promise 2']);
    });

    it('under the floor, a promise snoozed past today is not offered early', async () => {
      const rep = await newRep(t, { floor: 4, ceiling: 5 });
      const id = await dealFor(t, rep, healthy('Snoozed', '2026-11-23T09:00'));
      const waiting = await promise(t, rep.actor, id, {
        side: 'ours',
        text: 'Send the draft',
        due: '2026-12-04',
      });
      await promise(t, rep.actor, id, { side: 'ours', text: 'Send the deck', due: '2026-12-08' });
      await snoozeCommitment(t.ctx, rep.actor, waiting.id, {
        to: '2026-12-01',
        reason: 'Legal reviews it first',
      });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(shape(agenda).items).toEqual(['deliver:Send the deck']);
      // From the day it was snoozed to, it is offered again.
      const later = await at(t, '2026-12-01T15:00:00Z', () => getToday(t.ctx, rep.actor));
      expect(shape(later).items).toContain('deliver:Send the draft');
    });

    it('under the floor, a deal with a promise due today offers its other promises as their own items, each once', async () => {
      // Issue 12, item 2: the second promise was folded into the first's text without its title
      // ("also: promised Fri 11 Dec — … deliver early") and listed again under the coming days.
      const rep = await newRep(t, { floor: 8, ceiling: 10 });
      const id = await dealFor(t, rep, healthy('Pilot'));
      await promise(t, rep.actor, id, {
        side: 'ours',
        text: 'Send the pricing',
        due: '2026-11-25',
      });
      await promise(t, rep.actor, id, { side: 'ours', text: 'Send the MSA', due: '2026-12-02' });
      await promise(t, rep.actor, id, { side: 'ours', text: 'Send the SOC 2', due: '2026-12-04' });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(shape(agenda)).toEqual({
        items: ['deliver:Send the pricing', 'deliver:Send the MSA', 'deliver:Send the SOC 2'],
        later: [],
      });
      expect(agenda.items[0]!.reason).toBe('promised Wed 25 Nov — target Tue 24 Nov');
      expect(agenda.items[1]!.reason).toBe(
        'promised Wed 2 Dec — target Tue 1 Dec — deliver early: the day is under your floor',
      );
      const ids = [...agenda.items, ...agenda.later].map((i) => i.commitmentId);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('a deal to revive under the floor gets its next promise as its action, in one item', async () => {
      const rep = await newRep(t, { floor: 5, ceiling: 6 });
      const id = await dealFor(t, rep, { title: 'Quiet', touchedAt: '2026-11-24T08:00' });
      await promise(t, rep.actor, id, { side: 'ours', text: 'Send the deck', due: '2026-11-27' });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(shape(agenda)).toEqual({ items: ['deliver:Send the deck'], later: [] });
      expect(agenda.items[0]!.reason).toBe(
        'promised Fri 27 Nov — target Wed 25 Nov — deliver early: the day is under your floor ' +
          `(also: no next step booked — momentum ${agenda.items[0]!.reason.match(/momentum (\d+)/)![1]})`,
      );
    });

    it('a meeting at a set time keeps its own line, with its time, beside the deal’s other item', async () => {
      const rep = await newRep(t);
      const id = await dealFor(t, rep, healthy('Both'));
      await promise(t, rep.actor, id, {
        side: 'ours',
        text: 'Send the contract',
        due: '2026-11-24',
      });
      await setNextStep(t.ctx, rep.actor, id, {
        at: '2026-11-24T14:00',
        text: 'Contract walkthrough',
      });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(shape(agenda).items).toEqual([
        'deliver:Send the contract',
        'meet:Contract walkthrough',
      ]);
      expect(agenda.items[0]!.reason).not.toMatch(/also/);
      expect(agenda.items[1]).toMatchObject({
        time: '14:00',
        fixed: true,
        reason: 'next step booked for today at 14:00',
      });
    });

    it('overflow fills the floor, then the ceiling, then rolls over business days, skipping Thanksgiving', async () => {
      const rep = await newRep(t);
      // Opened newest first, so that weakest momentum (the oldest) is not creation order.
      for (let k = 8; k >= 1; k--)
        await dealFor(t, rep, { title: `D${k}`, openedAt: `2026-11-${9 + k}T14:00:00Z` });
      const agenda = await getToday(t.ctx, rep.actor);
      expect(shape(agenda)).toEqual({
        items: ['revive:D1', 'revive:D2', 'revive:D3', 'revive:D4?'],
        later: [
          'revive:D5@2026-11-25',
          'revive:D6@2026-11-25',
          'revive:D7@2026-11-25',
          'revive:D8@2026-11-27',
        ],
      });
      const scores = agenda.items.map((i) => i.momentum!);
      expect([...scores].sort((a, b) => a - b)).toEqual(scores);
      expect(scores[0]).toBeLessThan(scores[3]!);
      expect(agenda.items[0]!.reason).toBe(
        'no touch since it was opened on Tue 10 Nov; no next step booked — momentum ' +
          agenda.items[0]!.momentum,
      );
    });

    it('a backlog bigger than the next week is planned as far as it fits and the rest counted', async () => {
      const rep = await newRep(t);
      for (let k = 1; k <= 25; k++)
        await dealFor(t, rep, {
          title: `B${String(k).padStart(2, '0')}`,
          openedAt: `2026-10-${String(k).padStart(2, '0')}T14:00:00Z`,
        });
      // A stronger neglected deal with a late promise: listed for the promise, its neglect named.
      const late = await dealFor(t, rep, { title: 'Late one', touchedAt: '2026-11-16T09:00' });
      await promise(t, rep.actor, late, { side: 'ours', text: 'Send the SOW', due: '2026-11-23' });

      const agenda = await getToday(t.ctx, rep.actor);
      expect(agenda.items.map((i) => `${i.title}${i.optional ? '?' : ''}`)).toEqual([
        'Send the SOW',
        'B01',
        'B02',
        'B03?',
      ]);
      expect(agenda.items[0]!.reason).toMatch(
        /^promised Mon 23 Nov — 1 day late \(also: no touch for 8 days \(Discovery allows 7\); no next step booked; one of our promises is overdue — momentum \d+\)$/,
      );
      const perDay = new Map<string, number>();
      for (const i of agenda.later) perDay.set(i.planned, (perDay.get(i.planned) ?? 0) + 1);
      expect(Object.fromEntries(perDay)).toEqual({
        '2026-11-25': 3,
        '2026-11-27': 3,
        '2026-11-30': 3,
        '2026-12-01': 3,
        '2026-12-02': 3,
      });
      expect(agenda.later.map((i) => i.title)).toEqual(
        Array.from({ length: 15 }, (_, k) => `B${String(k + 4).padStart(2, '0')}`),
      );
      expect(agenda.unplanned).toBe(7);
    });

    it('a due date forbids rolling: a promise due on Thanksgiving stays on Wednesday’s full list', async () => {
      const rep = await newRep(t);
      const agenda = await at(t, '2026-11-25T15:00:00Z', async () => {
        for (const n of [1, 2, 3, 4]) {
          const id = await dealFor(t, rep, healthy(`Due ${n}`));
          await promise(t, rep.actor, id, {
            side: 'ours',
            text: `Deliver ${n}`,
            due: '2026-11-25',
          });
        }
        const thanksgiving = await dealFor(t, rep, healthy('Holiday deal'));
        await promise(t, rep.actor, thanksgiving, {
          side: 'ours',
          text: 'Send the quote',
          due: '2026-11-26',
        });
        const monday = await dealFor(t, rep, healthy('Monday deal'));
        await promise(t, rep.actor, monday, {
          side: 'ours',
          text: 'Send the case study',
          due: '2026-11-30',
          lead: 3,
        });
        return getToday(t.ctx, rep.actor);
      });
      expect(agenda.date).toBe('2026-11-25');
      expect(shape(agenda)).toEqual({
        items: [
          'deliver:Deliver 1',
          'deliver:Deliver 2',
          'deliver:Deliver 3',
          'deliver:Deliver 4',
          'deliver:Send the quote',
        ],
        later: ['deliver:Send the case study@2026-11-27'],
      });
      const quote = agenda.items.find((i) => i.title === 'Send the quote')!;
      expect(quote).toMatchObject({
        fixed: false,
        optional: false,
        due: '2026-11-26',
        target: '2026-11-25',
      });
      expect(quote.reason).toBe('promised Thu 26 Nov — target Wed 25 Nov');
    });

    it('a holiday plans only fixed items and rolls the rest to the next business day', async () => {
      const rep = await newRep(t);
      const late = await dealFor(t, rep, healthy('Late deal'));
      await promise(t, rep.actor, late, { side: 'ours', text: 'Send the SOW', due: '2026-11-25' });
      await dealFor(t, rep, { title: 'Quiet A' });
      await dealFor(t, rep, { title: 'Quiet B' });
      await addAccount(t.ctx, rep.owner, { name: 'Hooli' });
      const agenda = await at(t, '2026-11-26T15:00:00Z', () => getToday(t.ctx, rep.actor));
      expect(agenda).toMatchObject({
        date: '2026-11-26',
        businessDay: false,
        dayOff: 'Thanksgiving Day',
      });
      expect(shape(agenda)).toEqual({
        items: ['deliver:Send the SOW'],
        later: ['revive:Quiet A@2026-11-27', 'revive:Quiet B@2026-11-27'],
      });
      expect(agenda.items[0]!.reason).toMatch(/^promised Wed 25 Nov — 1 day late/);
    });

    describe('a paused deal comes back on its re-engage date', () => {
      let rep: Awaited<ReturnType<typeof newRep>>;
      beforeAll(async () => {
        rep = await newRep(t);
        const id = await dealFor(t, rep, { title: 'Paused pilot' });
        await t.ctx.deals.update(t.ctx.runner.executor, id, 1, {
          status: 'paused',
          reEngageOn: '2026-11-30',
          closeReason: 'not-now',
        });
      });
      it.each([
        { now: '2026-11-27T15:00:00Z', items: [] },
        { now: '2026-11-30T15:00:00Z', items: ['prospect:Paused pilot'] },
        { now: '2026-12-01T15:00:00Z', items: ['prospect:Paused pilot'] },
      ])('at $now: $items', async ({ now, items }) => {
        const agenda = await at(t, now, () => getToday(t.ctx, rep.actor));
        expect(shape(agenda).items).toEqual(items);
        if (items.length)
          expect(agenda.items[0]!.reason).toBe(
            'paused (not-now) until Mon 30 Nov — time to re-engage',
          );
      });
    });

    it('orders the list: late, due, early deliveries; chases; meetings; revivals by momentum; prospects', async () => {
      const rep = await newRep(t, { floor: 10, ceiling: 12 });
      const agenda = await at(t, '2026-11-25T15:00:00Z', async () => {
        const late = await dealFor(t, rep, healthy('Late'));
        await promise(t, rep.actor, late, {
          side: 'ours',
          text: 'Late delivery',
          due: '2026-11-23',
        });
        const dueToday = await dealFor(t, rep, healthy('Due'));
        await promise(t, rep.actor, dueToday, {
          side: 'ours',
          text: 'Due delivery',
          due: '2026-11-25',
        });
        const early = await dealFor(t, rep, healthy('Early'));
        await promise(t, rep.actor, early, {
          side: 'ours',
          text: 'Early delivery',
          due: '2026-11-27',
        });
        const chase = await dealFor(t, rep, healthy('Chase'));
        await promise(t, rep.actor, chase, {
          side: 'theirs',
          text: 'Security review',
          due: '2026-11-23',
        });
        await dealFor(t, rep, {
          title: 'Meeting',
          touchedAt: '2026-11-24T09:00',
          nextStep: '2026-11-25T14:00',
        });
        await dealFor(t, rep, { title: 'Cold', openedAt: '2026-10-01T14:00:00Z' });
        await dealFor(t, rep, { title: 'Cool', touchedAt: '2026-11-20T09:00' });
        await addAccount(t.ctx, rep.owner, { name: 'Initech' });
        return getToday(t.ctx, rep.actor);
      });
      expect(agenda.items.map((i) => `${i.kind}:${i.title}`)).toEqual([
        'deliver:Late delivery',
        'deliver:Due delivery',
        'deliver:Early delivery',
        'chase:Security review',
        'meet:Meet about Meeting',
        'revive:Cold',
        'revive:Cool',
        'prospect:Initech',
      ]);
      const reasons = Object.fromEntries(agenda.items.map((i) => [i.title, i.reason]));
      expect(reasons['Late delivery']).toMatch(/^promised Mon 23 Nov — 2 days late \(also: /);
      expect(reasons['Due delivery']).toBe(
        'promised Wed 25 Nov — due today, target was Tue 24 Nov',
      );
      expect(reasons['Early delivery']).toBe('promised Fri 27 Nov — target Wed 25 Nov');
      expect(reasons['Security review']).toMatch(
        /^they promised Mon 23 Nov — 2 days overdue, not chased yet \(also: /,
      );
      expect(reasons['Meet about Meeting']).toBe('next step booked for today at 14:00');
      expect(agenda.items.find((i) => i.title === 'Meet about Meeting')).toMatchObject({
        fixed: true,
        time: '14:00',
      });
      expect(agenda.items[5]!.momentum!).toBeLessThan(agenda.items[6]!.momentum!);
    });

    it('lets a manager see a rep’s Today, and hides it from another rep', async () => {
      const rep = await newRep(t);
      await dealFor(t, rep, { title: 'Mine' });
      const other = await newRep(t);
      const seen = await getToday(t.ctx, rep.owner, { memberId: rep.actor.memberId });
      expect(seen.member.id).toBe(rep.actor.memberId);
      expect(seen.items.map((i) => i.title)).toContain('Mine');
      await expect(
        getToday(t.ctx, other.actor, { memberId: rep.actor.memberId }),
      ).rejects.toMatchObject({ code: 'not-found' });
      await expect(getToday(t.ctx, rep.actor, { date: '2026-13-01' })).rejects.toMatchObject({
        code: 'validation',
      });
    });
  });
}
