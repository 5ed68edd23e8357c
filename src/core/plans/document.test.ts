import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors.ts';
import { EMPTY_PLAN, nextMilestoneId, parsePlanDocument, type PlanDocument } from './document.ts';
import { applyMilestoneUpdates } from './milestone-updates.ts';

const base: PlanDocument = {
  ...EMPTY_PLAN,
  milestones: [
    { id: 'm1', title: 'Security review', side: 'theirs', date: '2026-12-10', state: 'open' },
    { id: 'm2', title: 'Order form', side: 'ours', date: null, state: 'open' },
  ],
};

describe('parsePlanDocument', () => {
  it('fills what may be left out', () => {
    expect(
      parsePlanDocument({
        objective: '  Pilot live in January ',
        people: ['Sarah', { name: 'Raj', role: 'CTO' }],
        milestones: [{ title: 'Kick-off' }],
      }),
    ).toEqual({
      objective: 'Pilot live in January',
      decisionProcess: '',
      people: [
        { name: 'Sarah', role: '', side: 'theirs' },
        { name: 'Raj', role: 'CTO', side: 'theirs' },
      ],
      milestones: [{ id: 'm1', title: 'Kick-off', side: 'ours', date: null, state: 'open' }],
      risks: [],
    });
  });

  it('gives a milestone written without an id the id of the same title in the base', () => {
    const doc = parsePlanDocument(
      {
        milestones: [
          { title: 'order form', date: '2026-12-20' },
          { title: 'Security review', state: 'done' },
          { title: 'Go live' },
        ],
      },
      base,
    );
    expect(doc.milestones.map((x) => [x.id, x.title, x.state])).toEqual([
      ['m2', 'order form', 'open'],
      ['m1', 'Security review', 'done'],
      ['m3', 'Go live', 'open'],
    ]);
  });

  it('never hands out an id in use', () => {
    const doc = parsePlanDocument(
      { milestones: [{ id: 'm2', title: 'Security review' }, { title: 'Order form' }] },
      base,
    );
    expect(doc.milestones.map((x) => x.id)).toEqual(['m2', 'm3']);
    expect(nextMilestoneId(['m1', 'x', 'm9'])).toBe('m10');
  });

  it.each([
    { value: [], message: /A plan is a JSON object/ },
    { value: { goal: 'x' }, message: /unknown field "goal"/ },
    {
      value: { milestones: [{ date: '2026-12-01' }] },
      message: /milestones\[0\]\.title is required/,
    },
    {
      value: { milestones: [{ title: 'a', date: '2026-02-30' }] },
      message: /not a real calendar date/,
    },
    { value: { milestones: [{ title: 'a', date: 'Friday' }] }, message: /must be a date like/ },
    {
      value: { milestones: [{ title: 'a', state: 'finished' }] },
      message: /state must be one of open, done, dropped/,
    },
    {
      value: { milestones: [{ title: 'a', side: 'mine' }] },
      message: /side must be "ours" or "theirs"/,
    },
    {
      value: {
        milestones: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      },
      message: /"a" is used twice/,
    },
    { value: { milestones: [{ id: 'has space', title: 'x' }] }, message: /letters, digits/ },
    { value: { risks: 'budget' }, message: /risks must be a list/ },
    { value: { objective: 'x'.repeat(2001) }, message: /longer than 2000/ },
  ])('refuses $message', ({ value, message }) => {
    expect(() => parsePlanDocument(value)).toThrow(DomainError);
    expect(() => parsePlanDocument(value)).toThrow(message);
  });
});

describe('applyMilestoneUpdates', () => {
  it('changes the fields given, adds milestones without an id, keeps the rest', () => {
    const doc = applyMilestoneUpdates({ ...base, objective: 'Pilot' }, [
      { id: 'm1', state: 'done' },
      { id: 'm2', date: '2026-12-18' },
      { title: 'Go live', side: 'theirs', date: '2027-01-10' },
    ]);
    expect(doc.objective).toBe('Pilot');
    expect(doc.milestones).toEqual([
      { id: 'm1', title: 'Security review', side: 'theirs', date: '2026-12-10', state: 'done' },
      { id: 'm2', title: 'Order form', side: 'ours', date: '2026-12-18', state: 'open' },
      { id: 'm3', title: 'Go live', side: 'theirs', date: '2027-01-10', state: 'open' },
    ]);
  });

  it('starts a plan when there is none, and names what is missing', () => {
    expect(applyMilestoneUpdates(null, [{ title: 'Kick-off' }]).milestones).toHaveLength(1);
    expect(() => applyMilestoneUpdates(base, [{ id: 'm7', state: 'done' }])).toThrow(
      /no milestone "m7" \(it has m1, m2\)/,
    );
    expect(() => applyMilestoneUpdates(base, [{ date: '2026-12-01' }])).toThrow(/needs a title/);
    expect(() => applyMilestoneUpdates(base, [{ id: 'm1', state: 'finished' }])).toThrow(/state/);
  });
});
