import { describe, expect, it } from 'vitest';
import type { CallPreview, ProposedCommitment } from '../../web/src/api/types.ts';
import {
  addedMilestones,
  appendName,
  attendeesOf,
  callRequest,
  draftReducer,
  initialDraft,
  mergeProposals,
  type CallDraft,
  type DraftAction,
} from '../../web/src/features/log-call/draft.ts';

/*
 * The draft of the Log a call page (web/src/features/log-call/draft.ts): what each edit does,
 * without a browser. e2e/follow-through.test.ts and e2e/keyboard.test.ts drive the same page.
 */

const start = () => initialDraft({ dealId: 'd1', at: '2026-03-02T10:00' });
const run = (draft: CallDraft, ...actions: DraftAction[]) => actions.reduce(draftReducer, draft);

const said = (
  sentence: string,
  text: string,
  patch: Partial<ProposedCommitment> = {},
): ProposedCommitment => ({
  side: 'ours',
  text,
  due: '2026-03-06',
  dueTime: null,
  target: '2026-03-05',
  sentence,
  confidence: 0.9,
  ...patch,
});

const reading = (commitments: ProposedCommitment[], rest: Partial<CallPreview> = {}) =>
  ({
    type: 'read',
    notes: 'the notes',
    preview: {
      dealId: 'd1',
      startedAt: '2026-03-02T15:00:00Z',
      timeZone: 'America/New_York',
      local: { date: '2026-03-02', time: '10:00' },
      attendees: [],
      suggestedAttendees: [],
      commitments,
      nextStep: null,
      ...rest,
    } satisfies CallPreview,
  }) as const;

describe('the call draft', () => {
  it('starts empty on the deal and time it is given', () => {
    const d = start();
    expect(d.dealId).toBe('d1');
    expect(d.at).toBe('2026-03-02T10:00');
    expect(d.proposals).toEqual([]);
    expect(d.read).toBeNull();
    expect(callRequest(d)).toEqual({
      dealId: 'd1',
      at: '2026-03-02T10:00',
      notes: '',
      commitments: [],
    });
  });

  it('a reading of the notes proposes each promise found, with a unique key', () => {
    const d = run(start(), reading([said('I will send it.', 'send it'), said('We call.', 'call')]));
    expect(d.proposals.map((p) => p.text)).toEqual(['send it', 'call']);
    expect(new Set(d.proposals.map((p) => p.key)).size).toBe(2);
    expect(d.proposals.every((p) => p.include && !p.edited)).toBe(true);
    expect(d.read).toEqual({ notes: 'the notes', count: 2 });
  });

  it('a new reading keeps edited and hand-added rows and the key and choice of unchanged ones', () => {
    const first = run(
      start(),
      reading([said('I will send it.', 'send it'), said('We call.', 'call')]),
    );
    const [sendIt, call] = first.proposals;
    const edited = run(
      first,
      { type: 'proposal', key: sendIt!.key, patch: { text: 'send the deck', edited: true } },
      { type: 'proposal', key: call!.key, patch: { include: false } },
      { type: 'add-proposal' },
    );
    const byHand = edited.proposals.at(-1)!;
    const again = run(
      edited,
      reading([said('I will send it.', 'send it'), said('We call.', 'call')]),
    );
    // The edited row stays as edited, not replaced by the reading's text.
    expect(again.proposals.map((p) => p.text)).toEqual(['send the deck', 'call', '']);
    // The untouched row keeps its key and stays dropped.
    const callAgain = again.proposals.find((p) => p.text === 'call')!;
    expect(callAgain.key).toBe(call!.key);
    expect(callAgain.include).toBe(false);
    expect(again.proposals.at(-1)!.key).toBe(byHand.key);
    expect(new Set(again.proposals.map((p) => p.key)).size).toBe(3);
  });

  it('a reading drops untouched proposals the notes no longer say', () => {
    const first = run(start(), reading([said('I will send it.', 'send it')]));
    const after = run(first, reading([said('They sign.', 'sign', { side: 'theirs' })]));
    expect(after.proposals.map((p) => p.text)).toEqual(['sign']);
  });

  it('mergeProposals orders rows as the notes do and numbers new keys after the last', () => {
    const { proposals, seq } = mergeProposals([], [said('B.', 'b'), said('A.', 'a')], 7);
    expect(proposals.map((p) => p.text)).toEqual(['b', 'a']);
    expect(proposals.map((p) => p.key)).toEqual(['p8', 'p9']);
    expect(seq).toBe(9);
  });

  it('the next step read from the notes fills the fields until the person edits them', () => {
    const proposed = reading([], { nextStep: { text: 'Demo', date: '2026-03-10', time: null } });
    const d = run(start(), proposed);
    expect(d.nextStep).toEqual({ text: 'Demo', date: '2026-03-10', time: '', edited: false });
    const typed = run(d, { type: 'next-step', patch: { text: 'Demo for finance' } });
    expect(typed.nextStep.edited).toBe(true);
    const later = run(
      typed,
      reading([], { nextStep: { text: 'Other', date: '2026-04-01', time: '10:00' } }),
    );
    expect(later.nextStep.text).toBe('Demo for finance');
    expect(later.nextStep.date).toBe('2026-03-10');
  });

  it('choosing the chosen outcome again clears it, and a reason is sent only for a poor call', () => {
    const setback = run(
      start(),
      { type: 'outcome', outcome: 'setback' },
      {
        type: 'reason',
        reason: 'not-now',
      },
    );
    expect(callRequest(setback)).toMatchObject({ outcome: 'setback', reason: 'not-now' });
    const advanced = run(setback, { type: 'outcome', outcome: 'advanced' });
    expect(callRequest(advanced).outcome).toBe('advanced');
    expect('reason' in callRequest(advanced)).toBe(false);
    const cleared = run(advanced, { type: 'outcome', outcome: 'advanced' });
    expect(cleared.outcome).toBe('');
    expect('outcome' in callRequest(cleared)).toBe(false);
  });

  it('changing the deal forgets the plan moves made on the last one', () => {
    const moved = run(
      start(),
      { type: 'milestone', id: 'm1', patch: { state: 'done' } },
      { type: 'add-milestone' },
    );
    expect(moved.milestones).toHaveLength(2);
    expect(run(moved, { type: 'deal', dealId: 'd1' }).milestones).toHaveLength(2);
    const other = run(moved, { type: 'deal', dealId: 'd2' });
    expect(other.dealId).toBe('d2');
    expect(other.milestones).toEqual([]);
  });

  it('milestone changes merge per milestone; new ones are edited and removed by position', () => {
    const d = run(
      start(),
      { type: 'milestone', id: 'm1', patch: { state: 'done' } },
      { type: 'milestone', id: 'm1', patch: { date: '2026-03-20' } },
      { type: 'add-milestone' },
      { type: 'add-milestone' },
      { type: 'new-milestone', index: 1, patch: { title: 'Security review' } },
      { type: 'new-milestone', index: 0, patch: { title: '  ' } },
    );
    expect(d.milestones.find((m) => m.id === 'm1')).toEqual({
      id: 'm1',
      state: 'done',
      date: '2026-03-20',
    });
    expect(addedMilestones(d).map((m) => m.title)).toEqual(['  ', 'Security review']);
    // A new milestone without a title is not sent.
    expect(callRequest(d).milestones).toEqual([
      { id: 'm1', state: 'done', date: '2026-03-20' },
      { title: 'Security review', side: 'theirs', date: null },
    ]);
    const removed = run(d, { type: 'remove-new-milestone', index: 0 });
    expect(addedMilestones(removed).map((m) => m.title)).toEqual(['Security review']);
  });

  it('a suggested attendee joins their side once, and leaves the suggestions', () => {
    const sarah = { name: 'Sarah', contactId: 'c1', mentions: 2 };
    const tom = { name: 'Tom', contactId: null, mentions: 1 };
    const d = run(
      start(),
      { type: 'text', field: 'theirs', value: 'Ann,' },
      reading([], { suggestedAttendees: [sarah, tom] }),
      { type: 'attend', suggestion: sarah },
    );
    expect(d.theirs).toBe('Ann, Sarah');
    expect(d.suggested).toEqual([tom]);
    const saved = run(d, { type: 'contact-saved', asked: 'Tom', name: 'Tom Baker' });
    expect(saved.theirs).toBe('Ann, Sarah, Tom Baker');
    expect(saved.suggested).toEqual([]);
  });

  it('appendName and attendeesOf read comma-separated names', () => {
    expect(appendName('', 'Sarah')).toBe('Sarah');
    expect(appendName('  Ann , ', 'Sarah')).toBe('Ann , Sarah');
    expect(appendName('Ann, ', 'Sarah')).toBe('Ann, Sarah');
    expect(attendeesOf({ ours: 'Me, , You', theirs: ' Sarah ' })).toEqual([
      { name: 'Me', side: 'ours' },
      { name: 'You', side: 'ours' },
      { name: 'Sarah', side: 'theirs' },
    ]);
  });

  it('the saved call has the kept promises, habits, lesson and a complete next step', () => {
    const d = run(
      start(),
      { type: 'text', field: 'notes', value: 'We talked.' },
      { type: 'text', field: 'ours', value: 'Me' },
      reading([said('I will send it.', ' send it ', { dueTime: '17:00' }), said('X.', 'drop me')]),
    );
    const [, drop] = d.proposals;
    const ready = run(
      d,
      { type: 'proposal', key: drop!.key, patch: { include: false } },
      { type: 'add-proposal' },
      { type: 'habit', habitId: 'h1', state: 'done' },
      { type: 'text', field: 'lesson', value: 'Ask sooner' },
      { type: 'lesson-habits', habitIds: ['h1'] },
      { type: 'next-step', patch: { text: 'Demo' } },
    );
    const body = callRequest(ready);
    expect(body).toEqual({
      dealId: 'd1',
      at: '2026-03-02T10:00',
      notes: 'We talked.',
      attendees: [{ name: 'Me', side: 'ours' }],
      habits: { h1: 'done' },
      lesson: 'Ask sooner',
      lessonHabits: ['h1'],
      // The dropped one and the empty hand-added one are not sent.
      commitments: [
        {
          side: 'ours',
          text: 'send it',
          due: '2026-03-06',
          dueTime: '17:00',
          sentence: 'I will send it.',
        },
      ],
    });
    // A next step without a date is not sent; with one it is.
    const dated = run(ready, { type: 'next-step', patch: { date: '2026-03-09' } });
    expect(callRequest(dated).nextStep).toEqual({ text: 'Demo', date: '2026-03-09', time: null });
  });

  it('never changes the draft it is given', () => {
    const d = run(start(), reading([said('I will send it.', 'send it')]));
    const frozen = JSON.stringify(d);
    run(
      d,
      { type: 'proposal', key: d.proposals[0]!.key, patch: { text: 'x', edited: true } },
      { type: 'habit', habitId: 'h', state: 'no' },
      { type: 'add-milestone' },
      { type: 'deal', dealId: 'other' },
    );
    expect(JSON.stringify(d)).toBe(frozen);
  });
});
