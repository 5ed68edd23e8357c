import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { logCall, type LogCallInput } from '../../src/core/calls/flows/log-call.ts';
import { previewCall } from '../../src/core/calls/preview-call.ts';
import { getCall, listCalls } from '../../src/core/calls/read-calls.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import { DomainError } from '../../src/core/kernel/errors.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

const NOTES = [
  'Good discovery call with Sarah and Raj.',
  "I'll send the pricing sheet by Friday.",
  'Sarah will introduce us to their CFO next week.',
  'They liked the reporting module.',
  'We agreed to meet again on December 3rd for a demo.',
].join(' ');

/** Rows a call save writes, counted, so that "nothing left behind" can be checked. */
const TABLES = [
  'calls',
  'call_attendees',
  'call_habits',
  'commitments',
  'next_steps',
  'plan_revisions',
  'touches',
  'audit_log',
] as const;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`logging a call on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Actor;
    let rep: Actor;
    let otherRep: Actor;
    let dealId: string;

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const row = await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        out[table] = Number(row.n);
      }
      return out;
    };
    const deal = () => t.ctx.deals.findVisible(t.ctx.runner.executor, owner, dealId);
    const input = (extra: Partial<LogCallInput> = {}): LogCallInput => ({
      dealId,
      at: '2026-11-24T09:00',
      attendees: ['Sarah', 'Raj', 'rep@example.com'],
      notes: NOTES,
      ...extra,
    });

    beforeAll(async () => {
      // Tue 2026-11-24, 10:00 in New York; the rep works in New York, region US.
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      const ws = await seedWorkspace(t.ctx);
      owner = ws.actor;
      rep = (
        await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep', 'America/New_York', 'US')
      ).actor;
      otherRep = (await seedMember(t.ctx, ws.workspace.id, 'other@example.com', 'rep')).actor;
      await addAccount(t.ctx, owner, { name: 'Globex' });
      await addContact(t.ctx, owner, { account: 'Globex', name: 'Sarah Chen', title: 'VP Ops' });
      await addContact(t.ctx, owner, { account: 'Globex', name: 'Raj Patel', title: 'CTO' });
      dealId = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Pilot' })).id;
    });
    afterAll(async () => t?.close());

    it('previews the promises and next step from the notes, saving nothing', async () => {
      const before = await counts();
      const preview = await previewCall(t.ctx, rep, input());
      expect(preview.setting.attendees.map((a) => [a.name, a.side, Boolean(a.contactId)])).toEqual([
        ['Sarah Chen', 'theirs', true],
        ['Raj Patel', 'theirs', true],
        ['rep', 'ours', false],
      ]);
      expect(preview.setting.local).toEqual({ date: '2026-11-24', time: '09:00' });
      expect(preview.proposals.commitments.map((c) => [c.side, c.text, c.due, c.target])).toEqual([
        ['ours', 'send the pricing sheet', '2026-11-27', '2026-11-25'],
        ['theirs', 'introduce us to their CFO', '2026-12-04', '2026-12-03'],
      ]);
      expect(preview.proposals.nextStep).toMatchObject({ date: '2026-12-03' });
      expect(await counts()).toEqual(before);
    });

    it('saves the call, its promises, next step, checklist, plan revision, lesson and touch together', async () => {
      const before = await counts();
      const preview = await previewCall(t.ctx, rep, input());
      const [pricing, intro] = preview.proposals.commitments;
      const logged = await logCall(
        t.ctx,
        rep,
        input({
          habits: { '2': 'done', listen: 'partly' },
          outcome: 'advanced',
          lesson: 'Bring the CFO in before the demo',
          lessonHabits: ['discover', 2],
          commitments: [
            {
              side: pricing!.side,
              text: pricing!.text,
              due: pricing!.due,
              sentence: pricing!.sentence,
            },
            // Edited by the person confirming: a firmer date.
            {
              side: intro!.side,
              text: 'introduce us to Dana, their CFO',
              due: '2026-12-01',
              sentence: intro!.sentence,
            },
          ],
          nextStep: { text: 'Demo for the CFO', date: '2026-12-03', time: '14:00' },
          milestones: [{ title: 'Security review', side: 'theirs', date: '2026-12-10' }],
        }),
      );
      const { call } = logged;
      expect(call).toMatchObject({
        dealId,
        loggedBy: rep.memberId,
        startedAt: '2026-11-24T14:00:00.000Z',
        timeZone: 'America/New_York',
        outcome: 'advanced',
        reason: null,
        lesson: 'Bring the CFO in before the demo',
      });
      expect(call.lessonHabits).toHaveLength(2);
      expect(call.habits).toHaveLength(10);
      expect(call.habits.filter((h) => h.state !== 'no').map((h) => h.state)).toEqual([
        'done',
        'partly',
      ]);
      expect(
        logged.commitments.map((c) => [c.side, c.text, c.due, c.target, c.madeOn, c.callId]),
      ).toEqual([
        ['ours', 'send the pricing sheet', '2026-11-27', '2026-11-25', '2026-11-24', call.id],
        [
          'theirs',
          'introduce us to Dana, their CFO',
          '2026-12-01',
          '2026-11-30',
          '2026-11-24',
          call.id,
        ],
      ]);
      expect(logged.commitments[0]!.sourceSentence).toBe("I'll send the pricing sheet by Friday.");
      expect(logged.nextStep).toMatchObject({
        due: '2026-12-03',
        dueTime: '14:00',
        callId: call.id,
        state: 'open',
      });
      expect(logged.plan?.revision).toMatchObject({
        number: 1,
        callId: call.id,
        summary: 'first plan, 1 milestone',
      });
      expect(logged.touch).toMatchObject({
        kind: 'call',
        at: call.startedAt,
        callId: call.id,
        memberId: rep.memberId,
      });
      expect((await deal())!.lastTouchAt).toBe(call.startedAt);

      const after = await counts();
      expect(Object.fromEntries(TABLES.map((k) => [k, after[k]! - before[k]!]))).toEqual({
        calls: 1,
        call_attendees: 3,
        call_habits: 10,
        commitments: 2,
        next_steps: 1,
        plan_revisions: 1,
        touches: 1,
        // call, touch, two commitments, next step, plan revision
        audit_log: 6,
      });
      expect(await getCall(t.ctx, rep, call.id)).toEqual(call);
      expect((await listCalls(t.ctx, rep, { dealId })).map((c) => c.id)).toEqual([call.id]);
    });

    it('is all or nothing: a failure in the middle leaves no trace', async () => {
      const before = await counts();
      const lastTouch = (await deal())!.lastTouchAt;
      let inserted = 0;
      const failing = {
        ...t.ctx,
        commitments: {
          ...t.ctx.commitments,
          insert: async (...args: Parameters<typeof t.ctx.commitments.insert>) => {
            if (++inserted === 2) throw new Error('disk full');
            return t.ctx.commitments.insert(...args);
          },
        },
      };
      await expect(
        logCall(
          failing,
          rep,
          input({
            at: '2026-11-24T09:30',
            habits: { '1': 'done' },
            commitments: [
              { side: 'ours', text: 'send the deck', due: '2026-11-26' },
              { side: 'ours', text: 'send the case study', due: '2026-11-27' },
            ],
            nextStep: { text: 'Follow-up', date: '2026-12-04' },
            milestones: [{ title: 'Pilot kick-off', date: '2026-12-15' }],
          }),
        ),
      ).rejects.toThrow('disk full');
      expect(await counts()).toEqual(before);
      expect((await deal())!.lastTouchAt).toBe(lastTouch);
    });

    it.each<{ name: string; extra: Partial<LogCallInput>; error: RegExp }>([
      {
        name: 'a plan change naming an unknown milestone, after everything else was written',
        extra: {
          commitments: [{ side: 'ours', text: 'send the deck', due: '2026-11-26' }],
          nextStep: { text: 'Follow-up', date: '2026-12-04' },
          milestones: [{ id: 'm9', state: 'done' }],
        },
        error: /no milestone "m9"/,
      },
      {
        name: 'a promise due before the call',
        extra: { commitments: [{ side: 'ours', text: 'send the deck', due: '2026-11-20' }] },
        error: /before the day the promise was made/,
      },
      {
        name: 'a next step in the past',
        extra: { nextStep: { text: 'x', date: '2026-11-20' } },
        error: /today \(2026-11-24\) or later/,
      },
      {
        name: 'a stale plan base',
        extra: { plan: { document: { objective: 'x' }, base: 0 } },
        error: /is at revision 1, not 0/,
      },
      {
        name: 'an unknown habit',
        extra: { habits: { '12': 'done' } },
        error: /Unknown habit "12"/,
      },
      {
        name: 'a reason with an advancing call',
        extra: { outcome: 'advanced', reason: 'not-now' },
        error: /explains a setback/,
      },
      {
        name: 'a call in the future',
        extra: { at: '2026-11-24T11:00' },
        error: /cannot be in the future/,
      },
      {
        name: 'a time that does not exist',
        extra: { at: '2026-11-31T09:00' },
        error: /not a real date/,
      },
      {
        name: 'an unknown zone',
        extra: { timeZone: 'Mars/Base' },
        error: /Unknown call time zone/,
      },
    ])('refuses $name and saves nothing', async ({ extra, error }) => {
      const before = await counts();
      const attempt = logCall(t.ctx, rep, input(extra));
      await expect(attempt).rejects.toThrow(DomainError);
      await expect(attempt).rejects.toThrow(error);
      expect(await counts()).toEqual(before);
    });

    it('answers not-found for a deal the rep may not see; a manager may log on it', async () => {
      await expect(logCall(t.ctx, otherRep, input())).rejects.toMatchObject({ code: 'not-found' });
      await expect(previewCall(t.ctx, otherRep, input())).rejects.toMatchObject({
        code: 'not-found',
      });
      const first = (await listCalls(t.ctx, rep, { dealId }))[0]!;
      await expect(getCall(t.ctx, otherRep, first.id)).rejects.toMatchObject({ code: 'not-found' });
      const byOwner = await logCall(
        t.ctx,
        owner,
        input({ at: '2026-11-24T08:00', notes: 'Quick check-in.' }),
      );
      expect(byOwner.touch.memberId).toBe(owner.memberId);
      expect(byOwner.call.habits).toEqual([]);
    });

    it('counts a next step booked for the day of the call as done, and books the new one', async () => {
      t.clock.set('2026-12-03T20:00:00Z');
      try {
        const booked = await setNextStep(t.ctx, rep, dealId, { at: '2026-12-03', text: 'Demo' });
        const logged = await logCall(
          t.ctx,
          rep,
          input({
            at: '2026-12-03T14:00',
            notes: 'Demo went well.',
            nextStep: { text: 'Security review call', date: '2026-12-08' },
          }),
        );
        const steps = await t.store.db
          .selectFrom('next_steps')
          .select(['id', 'state'])
          .where('deal_id', '=', dealId)
          .execute();
        expect(steps.find((s) => s.id === booked.id)?.state).toBe('done');
        expect(steps.find((s) => s.id === logged.nextStep!.id)?.state).toBe('open');
      } finally {
        t.clock.set('2026-11-24T15:00:00Z');
      }
    });

    it('dates promises from a call logged a day late on the day of the call', async () => {
      t.clock.set('2026-11-25T15:00:00Z');
      try {
        const logged = await logCall(
          t.ctx,
          rep,
          input({
            at: '2026-11-24T16:00:00Z',
            commitments: [{ side: 'ours', text: 'send the security pack', due: '2026-11-25' }],
          }),
        );
        expect(logged.commitments[0]).toMatchObject({ madeOn: '2026-11-24', target: '2026-11-24' });
      } finally {
        t.clock.set('2026-11-24T15:00:00Z');
      }
    });
  });
}
