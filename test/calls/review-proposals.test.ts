import { describe, expect, it } from 'vitest';
import type { CallPreview } from '../../src/core/calls/preview-call.ts';
import {
  parseHabitFlags,
  parseMilestoneFlags,
  reviewProposals,
  type Prompter,
} from '../../src/cli/commands/calls.ts';

/** A prompter that answers from a script and remembers what it was asked. */
function scripted(answers: string[]): Prompter & { asked: string[]; said: string[] } {
  const asked: string[] = [];
  const said: string[] = [];
  return {
    asked,
    said,
    ask: async (q) => {
      asked.push(q);
      if (answers.length === 0) throw new Error(`unexpected question: ${q}`);
      return answers.shift()!;
    },
    say: (line) => void said.push(line),
    close: () => {},
  };
}

const preview = {
  proposals: {
    commitments: [
      {
        side: 'ours',
        text: 'send the pricing sheet',
        due: '2026-11-27',
        dueTime: null,
        target: '2026-11-25',
        sentence: "I'll send the pricing sheet by Friday.",
        confidence: 0.9,
      },
      {
        side: 'theirs',
        text: 'introduce us to the CFO',
        due: '2026-12-04',
        dueTime: null,
        target: '2026-12-03',
        sentence: 'Sarah will introduce us to the CFO next week.',
        confidence: 0.9,
      },
      {
        side: 'ours',
        text: 'think about it',
        due: null,
        dueTime: null,
        target: null,
        sentence: 'I will think about it.',
        confidence: 0.4,
      },
    ],
    nextStep: { text: 'meet again', date: '2026-12-03', time: '14:00' },
  },
} as unknown as CallPreview;

describe('reviewing proposals at the terminal', () => {
  it('keeps, edits and drops each promise, then the next step', async () => {
    const p = scripted([
      '', // keep the first
      'e', // edit the second
      'ours',
      'send the security pack',
      '2026-12-02',
      'd', // drop the third
      'x', // not an answer: asked again
      'k', // keep the next step
    ]);
    const reviewed = await reviewProposals(preview, p, { askNextStep: true });
    expect(reviewed).toEqual({
      commitments: [
        {
          side: 'ours',
          text: 'send the pricing sheet',
          due: '2026-11-27',
          dueTime: null,
          sentence: "I'll send the pricing sheet by Friday.",
        },
        {
          side: 'ours',
          text: 'send the security pack',
          due: '2026-12-02',
          dueTime: null,
          sentence: 'Sarah will introduce us to the CFO next week.',
        },
      ],
      nextStep: { text: 'meet again', date: '2026-12-03', time: '14:00' },
    });
    expect(p.said).toContain('Please answer k, e or d.');
    expect(
      p.said.some((l) =>
        l.includes('[theirs] introduce us to the CFO — due 2026-12-04, target 2026-12-03'),
      ),
    ).toBe(true);
  });

  it('asks for a date when a kept next step has none, and skips it when told to', async () => {
    const undated = {
      proposals: { commitments: [], nextStep: { text: 'follow up', date: null, time: null } },
    } as unknown as CallPreview;
    expect(
      (await reviewProposals(undated, scripted(['k', '2026-12-09']), { askNextStep: true }))
        .nextStep,
    ).toEqual({
      text: 'follow up',
      date: '2026-12-09',
      time: null,
    });
    expect(
      (await reviewProposals(undated, scripted(['k', '']), { askNextStep: true })).nextStep,
    ).toBeNull();
    expect(
      (await reviewProposals(preview, scripted(['d', 'd', 'd']), { askNextStep: false })).nextStep,
    ).toBeNull();
  });
});

describe('each answer is checked as it is given (issue 12, item 14)', () => {
  it('asks again for a side, a due date or a next-step date it cannot read', async () => {
    const p = scripted([
      'e', // edit the first
      'mine', // not a side
      'ours',
      '', // keep the text
      'next friday', // not a date
      '2026-02-30', // not a day
      '2026-12-04',
      'd',
      'd',
      'e', // edit the next step
      '',
      'tomorrow', // not a date
      '2026-12-08',
    ]);
    const reviewed = await reviewProposals(preview, p, { askNextStep: true });
    expect(reviewed.commitments).toEqual([
      {
        side: 'ours',
        text: 'send the pricing sheet',
        due: '2026-12-04',
        dueTime: null,
        sentence: "I'll send the pricing sheet by Friday.",
      },
    ]);
    expect(reviewed.nextStep).toEqual({ text: 'meet again', date: '2026-12-08', time: null });
    expect(p.said).toContain('  Please answer ours or theirs (got "mine").');
    expect(p.said).toContain(
      '  Please give a date as YYYY-MM-DD, e.g. 2026-12-04, or none (got "next friday").',
    );
    expect(p.said).toContain(
      '  Please give a date as YYYY-MM-DD, e.g. 2026-12-04, or none (got "2026-02-30").',
    );
    expect(p.said).toContain(
      '  Please give a date as YYYY-MM-DD, e.g. 2026-12-04, or none (got "tomorrow").',
    );
  });
});

describe('call log flags', () => {
  it.each([
    { flags: ['2=done', 'listen = partly'], expected: { '2': 'done', listen: 'partly' } },
    { flags: [], expected: {} },
  ])('--habit $flags', ({ flags, expected }) => {
    expect(parseHabitFlags(flags)).toEqual(expected);
  });

  it.each([
    { flag: 'm1=done', expected: { id: 'm1', state: 'done' } },
    { flag: 'm2=2026-12-10', expected: { id: 'm2', date: '2026-12-10' } },
    { flag: 'm3=none', expected: { id: 'm3', date: null } },
  ])('--milestone $flag', ({ flag, expected }) => {
    expect(parseMilestoneFlags([flag])).toEqual([expected]);
  });

  it('refuses malformed flags with the form they take', () => {
    expect(() => parseHabitFlags(['listen'])).toThrow(/HABIT=STATE/);
    expect(() => parseMilestoneFlags(['m1=soon'])).toThrow(/open, done, dropped, a date/);
    expect(() => parseMilestoneFlags(['m1'])).toThrow(/ID=STATE or ID=DATE/);
  });
});
