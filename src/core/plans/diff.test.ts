import { describe, expect, it } from 'vitest';
import { diffPlans, summarizeDiff, type MilestoneChange } from './diff.ts';
import { EMPTY_PLAN, type Milestone, type PlanDocument } from './document.ts';
import { countMilestoneMovement, countMovementAcrossRevisions } from './movement.ts';

const m = (id: string, fields: Partial<Milestone> = {}): Milestone => ({
  id,
  title: `Milestone ${id}`,
  side: 'ours',
  date: '2026-12-01',
  state: 'open',
  ...fields,
});
const plan = (...milestones: Milestone[]): PlanDocument => ({ ...EMPTY_PLAN, milestones });
const changes = (before: PlanDocument | null, after: PlanDocument) =>
  diffPlans(before, after).milestones.map((c) => [c.kind, c.id, c.from, c.to, c.days]);

describe('diffPlans: milestones', () => {
  it.each<{
    name: string;
    before: PlanDocument | null;
    after: PlanDocument;
    expected: [MilestoneChange['kind'], string, string | null, string | null, number | null][];
  }>([
    {
      name: 'no plan before: every milestone is added',
      before: null,
      after: plan(m('a'), m('b', { date: null })),
      expected: [
        ['added', 'a', null, '2026-12-01', null],
        ['added', 'b', null, null, null],
      ],
    },
    { name: 'nothing changed', before: plan(m('a')), after: plan(m('a')), expected: [] },
    {
      name: 'moved earlier is advanced, with the days gained',
      before: plan(m('a', { date: '2026-12-10' })),
      after: plan(m('a', { date: '2026-12-07' })),
      expected: [['advanced', 'a', '2026-12-10', '2026-12-07', -3]],
    },
    {
      name: 'moved later is slipped, across a month end',
      before: plan(m('a', { date: '2026-11-28' })),
      after: plan(m('a', { date: '2026-12-05' })),
      expected: [['slipped', 'a', '2026-11-28', '2026-12-05', 7]],
    },
    {
      name: 'completed; its date changing on completion is not a slip',
      before: plan(m('a', { date: '2026-12-01' })),
      after: plan(m('a', { date: '2026-12-03', state: 'done' })),
      expected: [['completed', 'a', 'open', 'done', null]],
    },
    {
      name: 'dropped and reopened',
      before: plan(m('a'), m('b', { state: 'done' })),
      after: plan(m('a', { state: 'dropped' }), m('b', { state: 'open' })),
      expected: [
        ['dropped', 'a', 'open', 'dropped', null],
        ['reopened', 'b', 'done', 'open', null],
      ],
    },
    {
      name: 'a dropped milestone done after all is completed',
      before: plan(m('a', { state: 'dropped' })),
      after: plan(m('a', { state: 'done' })),
      expected: [['completed', 'a', 'dropped', 'done', null]],
    },
    {
      name: 'gaining and losing a date',
      before: plan(m('a', { date: null }), m('b')),
      after: plan(m('a', { date: '2026-12-09' }), m('b', { date: null })),
      expected: [
        ['scheduled', 'a', null, '2026-12-09', null],
        ['unscheduled', 'b', '2026-12-01', null, null],
      ],
    },
    {
      name: 'added and removed, matched by id not by title',
      before: plan(m('a', { title: 'Security review' })),
      after: plan(m('b', { title: 'Security review' })),
      expected: [
        ['added', 'b', null, '2026-12-01', null],
        ['removed', 'a', '2026-12-01', null, null],
      ],
    },
    {
      name: 'renamed and handed to the other side, and slipped at once',
      before: plan(m('a', { title: 'Legal review', date: '2026-12-01' })),
      after: plan(m('a', { title: 'Legal sign-off', side: 'theirs', date: '2026-12-02' })),
      expected: [
        ['slipped', 'a', '2026-12-01', '2026-12-02', 1],
        ['renamed', 'a', 'Legal review', 'Legal sign-off', null],
        ['reassigned', 'a', 'ours', 'theirs', null],
      ],
    },
    {
      name: 'a reorder alone is no change',
      before: plan(m('a'), m('b')),
      after: plan(m('b'), m('a')),
      expected: [],
    },
  ])('$name', ({ before, after, expected }) => {
    expect(changes(before, after)).toEqual(expected);
  });
});

describe('diffPlans: other fields', () => {
  it.each<{
    name: string;
    before: Partial<PlanDocument>;
    after: Partial<PlanDocument>;
    fields: string[];
  }>([
    {
      name: 'objective',
      before: { objective: 'Pilot' },
      after: { objective: 'Rollout' },
      fields: ['objective'],
    },
    {
      name: 'decision process and risks',
      before: { decisionProcess: 'CFO signs', risks: ['budget'] },
      after: { decisionProcess: 'CFO and CTO sign', risks: ['budget', 'security'] },
      fields: ['decisionProcess', 'risks'],
    },
    {
      name: 'a person’s role',
      before: { people: [{ name: 'Sarah', role: 'champion', side: 'theirs' }] },
      after: { people: [{ name: 'Sarah', role: 'economic buyer', side: 'theirs' }] },
      fields: ['people'],
    },
    { name: 'nothing', before: { risks: ['x'] }, after: { risks: ['x'] }, fields: [] },
  ])('$name', ({ before, after, fields }) => {
    const diff = diffPlans({ ...EMPTY_PLAN, ...before }, { ...EMPTY_PLAN, ...after });
    expect(diff.fields.map((f) => f.field)).toEqual(fields);
  });

  it('keeps the values before and after', () => {
    const diff = diffPlans(
      { ...EMPTY_PLAN, objective: 'Pilot' },
      { ...EMPTY_PLAN, objective: 'Rollout' },
    );
    expect(diff.fields).toEqual([{ field: 'objective', before: 'Pilot', after: 'Rollout' }]);
  });
});

describe('summarizeDiff', () => {
  it.each([
    { before: null, after: plan(m('a'), m('b')), first: true, text: 'first plan, 2 milestones' },
    { before: plan(m('a')), after: plan(m('a')), first: false, text: 'no change' },
    {
      before: plan(m('a'), m('b', { date: '2026-12-01' })),
      after: {
        ...plan(m('a', { state: 'done' }), m('b', { date: '2026-12-08' }), m('c')),
        risks: ['legal'],
      },
      first: false,
      text: '1 added, 1 completed, 1 slipped; risks changed',
    },
  ])('$text', ({ before, after, first, text }) => {
    expect(summarizeDiff(diffPlans(before, after), first)).toBe(text);
  });
});

describe('milestone movement (feeds the momentum score)', () => {
  it.each([
    {
      name: 'nothing moved',
      before: plan(m('a')),
      after: plan(m('a')),
      expected: { advanced: 0, slipped: 0, completed: 0 },
    },
    {
      name: 'one earlier, one later, one done, one added',
      before: plan(m('a', { date: '2026-12-10' }), m('b', { date: '2026-12-10' }), m('c')),
      after: plan(
        m('a', { date: '2026-12-08' }),
        m('b', { date: '2026-12-12' }),
        m('c', { state: 'done' }),
        m('d'),
      ),
      expected: { advanced: 1, slipped: 1, completed: 1 },
    },
    {
      name: 'the first plan moves nothing',
      before: null,
      after: plan(m('a'), m('b')),
      expected: { advanced: 0, slipped: 0, completed: 0 },
    },
  ])('$name', ({ before, after, expected }) => {
    expect(countMilestoneMovement(before, after)).toEqual(expected);
  });

  it('sums each step over a deal’s revisions, so a slip won back counts both ways', () => {
    const revisions = [
      plan(m('a', { date: '2026-12-10' })),
      plan(m('a', { date: '2026-12-15' })),
      plan(m('a', { date: '2026-12-09' })),
      plan(m('a', { date: '2026-12-09', state: 'done' })),
    ];
    expect(countMovementAcrossRevisions(revisions)).toEqual({
      advanced: 1,
      slipped: 1,
      completed: 1,
    });
    expect(countMovementAcrossRevisions(revisions.slice(0, 1))).toEqual({
      advanced: 0,
      slipped: 0,
      completed: 0,
    });
  });
});
