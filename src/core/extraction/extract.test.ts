import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors.ts';
import { extractCommitments } from './index.ts';
import type { ExtractionContext } from './index.ts';

const context: ExtractionContext = {
  at: '2026-11-24T10:00',
  timeZone: 'America/New_York',
  region: 'US',
  lead: 1,
  weekend: 'sat,sun',
  ours: ['Alice', 'Mark'],
  theirs: ['Sarah', 'Jen', 'Acme'],
};

const one = (text: string, ctx: Partial<ExtractionContext> = {}) => {
  const { commitments } = extractCommitments(text, { ...context, ...ctx });
  expect(commitments, text).toHaveLength(1);
  return commitments[0]!;
};

const none = (text: string) => extractCommitments(text, context).commitments;

describe('extractCommitments', () => {
  it('returns exactly the documented shape', () => {
    const result = extractCommitments("I'll send the pricing sheet by 5pm Thursday.", context);
    expect(result).toEqual({
      commitments: [
        {
          side: 'ours',
          text: 'send the pricing sheet',
          due: '2026-11-26',
          dueTime: '17:00',
          target: '2026-11-25',
          sentence: "I'll send the pricing sheet by 5pm Thursday.",
          confidence: expect.any(Number),
        },
      ],
      nextStep: null,
    });
    const c = result.commitments[0]!;
    expect(c.confidence).toBeGreaterThan(0.5);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it('applies the early target rule with the region calendar (the example in docs/rules.md#early-target)', () => {
    expect(one('Sarah promised the signed MSA by Friday.').target).toBe('2026-11-25');
    expect(one("I'll send it by Friday.", { region: 'DE', timeZone: 'Europe/Berlin' }).target).toBe(
      '2026-11-26',
    );
    // Due the same day: the target is the due date.
    expect(one("I'll send the recap today.").target).toBe('2026-11-24');
    // No date, no target.
    expect(one("I'll send the recap.")).toMatchObject({ due: null, target: null, dueTime: null });
  });

  it.each([
    ["I'll send the deck by Friday.", 'ours'],
    ['We will get you the revised order form tomorrow.', 'ours'],
    ['Let me follow up with their security team next Tuesday.', 'ours'],
    ['Our SE will set up a sandbox by Dec 4.', 'ours'],
    ['Mark will draft the SOW before Thanksgiving.', 'ours'],
    ['AI: send SOC 2 report to Jen by Wed', 'ours'],
    ['Send Sarah the recap today', 'ours'],
    ['They will review the MSA by end of the month.', 'theirs'],
    ['Sarah will introduce us to their CFO early next week.', 'theirs'],
    ['Acme will send the signed NDA by the 1st.', 'theirs'],
    ['Jen said she would send the org chart by Thursday.', 'theirs'],
    ['Their IT lead will run the questionnaire by the 15th.', 'theirs'],
    ['Raj from their data team will send the export by Monday.', 'theirs'],
    ['Them: intro to CFO early next week', 'theirs'],
  ])('reads the side of %j as %s', (text, side) => {
    expect(one(text).side).toBe(side);
  });

  it.each([
    ['question', 'Can we get them a trial license by Friday?'],
    ['question', 'Jen asked whether we integrate with Workday.'],
    ['past', 'I sent the pricing sheet to Sarah yesterday.'],
    ['past', 'We already shared the SOC 2 report last week.'],
    ['conditional', 'If they sign by the 15th, we could throw in onboarding for free.'],
    ['conditional', 'Unless procurement pushes back, they will sign before Christmas.'],
    ['negation', "We won't be able to support on-prem deployment this year."],
    ['negation', "Sarah isn't going to get budget approval before Q1."],
    ['tentative', "They'll probably decide by the end of Q1."],
    ['tentative', "Hannah reckons they'll sign in April."],
    ['observation', 'Budget is roughly $80k for the first year.'],
    ['observation', 'Jen will be out of office until the 30th.'],
    ['observation', 'It will take them at least two weeks to get security sign-off.'],
  ])('proposes nothing for a %s: %j', (_kind, text) => {
    expect(none(text)).toEqual([]);
  });

  it('reads a booked meeting as the next step, not a commitment', () => {
    const booked = extractCommitments('We booked a follow-up for Tuesday at 2pm.', context);
    expect(booked.commitments).toEqual([]);
    expect(booked.nextStep).toEqual({ text: 'follow-up', date: '2026-12-01', time: '14:00' });
    const next = extractCommitments('Next meeting Dec 3 at 2pm with their security team.', context);
    expect(next.commitments).toEqual([]);
    expect(next.nextStep).toMatchObject({ date: '2026-12-03', time: '14:00' });
    // A meeting we promise to set up is a commitment.
    expect(one("I'll schedule a follow-up with their CFO by Friday.").side).toBe('ours');
  });

  it('picks the earliest upcoming next step', () => {
    const notes = 'Workshop booked for Dec 10.\nFollow-up call booked for Monday at 9am.';
    expect(extractCommitments(notes, context).nextStep).toMatchObject({
      date: '2026-11-30',
      time: '09:00',
    });
  });

  it('keeps the text short and readable', () => {
    expect(one("I'll put together the pricing sheet for Sarah by Friday at the latest.").text).toBe(
      'put together the pricing sheet for Sarah',
    );
    expect(one("We're sending the vendor forms tomorrow.").text).toBe('send the vendor forms');
    expect(one('We owe them a revised quote by Wednesday.').text).toBe('send them a revised quote');
    expect(one('Hannah promised the signed order form by Friday.').text).toBe(
      'deliver the signed order form',
    );
  });

  it('splits two promises in one sentence', () => {
    const { commitments } = extractCommitments(
      "I'll send the deck today and the full proposal by Friday, and Jen will route it to legal next week.",
      context,
    );
    expect(commitments.map((c) => [c.side, c.due, c.text])).toEqual([
      ['ours', '2026-11-24', 'send the deck'],
      ['ours', '2026-11-27', 'send the full proposal'],
      ['theirs', '2026-12-04', 'route it to legal'],
    ]);
  });

  it('reads bullet lists, labels and sections', () => {
    const notes = [
      'Acme – demo #2 (Tue)',
      'Notes',
      '- demo went well; Jen asked about permissions',
      '',
      'Next steps:',
      '- send recording + slides today',
      '- Mark: security questionnaire answers by Thursday',
      '- Jen to share the list of custom objects by Mon',
      '',
      'Them:',
      '- intro to their CFO next week',
      '',
      'Open questions:',
      '- do they need SSO by Friday',
    ].join('\n');
    const { commitments, nextStep } = extractCommitments(notes, context);
    expect(commitments.map((c) => [c.side, c.due])).toEqual([
      ['ours', '2026-11-24'],
      ['ours', '2026-11-26'],
      ['theirs', '2026-11-30'],
      ['theirs', '2026-12-04'],
    ]);
    // The title's "(Tue)" is the call, not a meeting to come.
    expect(nextStep).toBeNull();
  });

  it('does not propose the same promise twice when the notes repeat it', () => {
    const notes = "I'll send the pricing sheet by Friday.\n\nAI: send pricing sheet by Fri";
    expect(extractCommitments(notes, context).commitments).toHaveLength(1);
  });

  it('resolves dates in the call zone: 22:30 in Los Angeles is still Tuesday', () => {
    const c = one("I'll send the order form tomorrow.", {
      at: '2026-11-25T06:30:00Z',
      timeZone: 'America/Los_Angeles',
      region: 'US-CA',
    });
    expect(c.due).toBe('2026-11-25');
    expect(c.target).toBe('2026-11-24');
  });

  it('honours a fri,sat weekend and personal days off', () => {
    const c = one("I'll send it by Sunday.", {
      at: '2026-11-26T11:00',
      timeZone: 'Asia/Riyadh',
      region: 'SA',
      weekend: 'fri,sat',
    });
    expect(c).toMatchObject({ due: '2026-11-29', target: '2026-11-26' });
    expect(one("I'll send it by Friday.", { daysOff: ['2026-11-25'] }).target).toBe('2026-11-24');
  });

  it('is deterministic', () => {
    const notes =
      "Sarah will send the NDA by Friday. I'll follow up Monday. Next call booked Dec 3.";
    expect(extractCommitments(notes, context)).toEqual(extractCommitments(notes, context));
  });

  it('reads explicit dates our rules do not know through chrono-node', () => {
    expect(one("I'll send it on 2026/12/03.").due).toBe('2026-12-03');
    expect(one("I'll send it by the third of December.").due).toBe('2026-12-03');
  });

  it('proposes nothing for empty notes', () => {
    expect(extractCommitments('', context)).toEqual({ commitments: [], nextStep: null });
    expect(extractCommitments('\n\n  - \n', context)).toEqual({ commitments: [], nextStep: null });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /America\/New_York/],
    [{ region: 'Narnia' }, /US-CA/],
    [{ at: '24/11/2026 10am' }, /2026-11-24T10:00/],
    [{ lead: -1 }, /whole number/],
    [{ weekend: 'funday' }, /sat,sun/],
  ] as [Partial<ExtractionContext>, RegExp][])('refuses a bad context %j', (bad, message) => {
    expect(() => extractCommitments('x', { ...context, ...bad })).toThrow(DomainError);
    expect(() => extractCommitments('x', { ...context, ...bad })).toThrow(message);
  });

  it('never throws on arbitrary text and always returns well-formed proposals', () => {
    const words = [
      "I'll",
      'will',
      'send',
      'by',
      'Friday',
      'next',
      'week',
      'the',
      '15th',
      'Dec',
      '12/4',
      'Q1',
      'before',
      'Christmas',
      'Sarah',
      'to',
      'AI:',
      '-',
      '\n',
      ',',
      '.',
      '?',
      'if',
      'not',
      'EOD',
      '5pm',
      'booked',
      'call',
      'Them:',
      'on',
      'me',
      'they',
      'in',
      'two',
      'days',
      '31/2',
      'Feb 30',
      '2026-02-30',
      'Q5',
      '25:99',
      '13pm',
      '(',
      '—',
    ];
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(text, (notes) => {
        const { commitments, nextStep } = extractCommitments(notes, context);
        for (const c of commitments) {
          expect(['ours', 'theirs']).toContain(c.side);
          expect(c.due === null || /^\d{4}-\d{2}-\d{2}$/.test(c.due)).toBe(true);
          expect(c.dueTime === null || /^\d{2}:\d{2}$/.test(c.dueTime)).toBe(true);
          expect(c.target === null || (c.due !== null && c.target <= c.due)).toBe(true);
          expect(c.confidence).toBeGreaterThan(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
          expect(c.text).not.toBe('');
        }
        expect(nextStep === null || typeof nextStep.text === 'string').toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a long unpunctuated paste in bounded pieces', () => {
    const paste = 'by the end of next week I will send the deck '.repeat(2000);
    const { commitments } = extractCommitments(paste, context);
    expect(commitments.length).toBeGreaterThan(0);
    expect(commitments.length).toBeLessThan(10);
  });
});
