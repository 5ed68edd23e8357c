import { describe, expect, it } from 'vitest';
import { createDayView } from '../time/local-days.ts';
import { planMovement } from './plan-movement.ts';
import { HEALTHY_FROM, scoreMomentum, type MomentumFacts } from './score.ts';

// Wednesday 25 Nov 2026 in New York; the stage (Proposal) allows 5 days.
const day = createDayView('2026-11-25', 'America/New_York');
const base: MomentumFacts = {
  lastTouchAt: '2026-11-25T15:00:00.000Z',
  createdAt: '2026-10-01T12:00:00.000Z',
  stageName: 'Proposal',
  stageChangedAt: '2026-11-25T14:00:00.000Z',
  neglectDays: 5,
  nextStepDue: '2026-11-27',
  promises: { early: 0, onTime: 0, late: 0, overdue: 0 },
  plan: { advanced: 0, slipped: 0 },
};
const effects = (facts: Partial<MomentumFacts>) =>
  Object.fromEntries(
    scoreMomentum({ ...base, ...facts }, day).factors.map((f) => [f.name, f.effect]),
  );

describe('scoreMomentum', () => {
  it.each<{ name: string; facts: Partial<MomentumFacts>; factor: string; effect: number }>([
    { name: 'touched today', facts: {}, factor: 'touch-recency', effect: 25 },
    {
      name: 'touched at the threshold',
      facts: { lastTouchAt: '2026-11-20T15:00:00.000Z' },
      factor: 'touch-recency',
      effect: 0,
    },
    {
      name: 'touched twice the threshold ago or more',
      facts: { lastTouchAt: '2026-11-01T15:00:00.000Z' },
      factor: 'touch-recency',
      effect: -25,
    },
    {
      name: 'never touched earns nothing for being new',
      facts: { lastTouchAt: null, createdAt: '2026-11-22T15:00:00.000Z' },
      factor: 'touch-recency',
      effect: 0,
    },
    {
      name: 'never touched past the threshold counts from creation',
      facts: { lastTouchAt: null, createdAt: '2026-11-17T15:00:00.000Z' },
      factor: 'touch-recency',
      effect: -15,
    },
    {
      name: 'never touched: no next step is not held against it yet',
      facts: { lastTouchAt: null, nextStepDue: null },
      factor: 'next-step',
      effect: 0,
    },
    {
      name: 'opened in its stage today is not a move',
      facts: { createdAt: '2026-11-25T14:00:00.000Z' },
      factor: 'stage-movement',
      effect: 0,
    },
    { name: 'a next step booked', facts: {}, factor: 'next-step', effect: 15 },
    { name: 'no next step', facts: { nextStepDue: null }, factor: 'next-step', effect: -15 },
    {
      name: 'a next step already past',
      facts: { nextStepDue: '2026-11-24' },
      factor: 'next-step',
      effect: -15,
    },
    {
      name: 'promises kept early',
      facts: { promises: { early: 2, onTime: 1, late: 0, overdue: 0 } },
      factor: 'promises',
      effect: 9,
    },
    {
      name: 'promises kept early are capped',
      facts: { promises: { early: 9, onTime: 0, late: 0, overdue: 0 } },
      factor: 'promises',
      effect: 15,
    },
    {
      name: 'late and overdue promises',
      facts: { promises: { early: 1, onTime: 0, late: 1, overdue: 1 } },
      factor: 'promises',
      effect: -9,
    },
    {
      name: 'plan advanced',
      facts: { plan: { advanced: 1, slipped: 0 } },
      factor: 'plan',
      effect: 5,
    },
    {
      name: 'plan slipped a lot',
      facts: { plan: { advanced: 0, slipped: 4 } },
      factor: 'plan',
      effect: -10,
    },
    { name: 'stage changed today', facts: {}, factor: 'stage-movement', effect: 10 },
    {
      name: 'stuck in the stage for twice the threshold',
      facts: { stageChangedAt: '2026-11-15T15:00:00.000Z' },
      factor: 'stage-movement',
      effect: 0,
    },
    {
      name: 'stuck for four times the threshold',
      facts: { stageChangedAt: '2026-10-01T15:00:00.000Z' },
      factor: 'stage-movement',
      effect: -10,
    },
  ])('$name: $factor $effect', ({ facts, factor, effect }) => {
    expect(effects(facts)[factor]).toBe(effect);
  });

  it('adds the effects to 50 and clips to 0..100, with each factor in words', () => {
    const healthy = scoreMomentum(
      { ...base, promises: { early: 3, onTime: 0, late: 0, overdue: 0 } },
      day,
    );
    expect(healthy.score).toBe(100);
    const cold = scoreMomentum(
      {
        ...base,
        lastTouchAt: '2026-09-01T15:00:00.000Z',
        stageChangedAt: '2026-09-01T15:00:00.000Z',
        nextStepDue: null,
        promises: { early: 0, onTime: 0, late: 2, overdue: 1 },
        plan: { advanced: 0, slipped: 2 },
      },
      day,
    );
    expect(cold.score).toBe(0);
    const middling = scoreMomentum(
      { ...base, lastTouchAt: '2026-11-20T15:00:00.000Z', nextStepDue: null },
      day,
    );
    expect(middling.score).toBe(50 + 0 - 15 + 0 + 0 + 10);
    expect(middling.factors.map((f) => f.detail)).toEqual([
      'last touch 5 days ago (Proposal allows 5 days)',
      'no next step booked',
      '0 kept early, 0 on time, 0 late, 0 of ours overdue',
      '0 milestones advanced, 0 slipped in the last 30 days',
      'in Proposal for 0 days',
    ]);
  });
});

describe('the score and neglect agree, and a new deal starts neutral (issue 12, item 9)', () => {
  it('a brand-new deal with nothing done scores 50, not 70', () => {
    const fresh = {
      ...base,
      lastTouchAt: null,
      createdAt: '2026-11-25T14:00:00.000Z',
      stageChangedAt: '2026-11-25T14:00:00.000Z',
      nextStepDue: null,
      neglected: true,
    };
    expect(scoreMomentum(fresh, day).score).toBe(50);
    // One call (a touch today) that books a next step does not take it to 100.
    const called = { ...fresh, lastTouchAt: '2026-11-25T16:00:00.000Z', nextStepDue: '2026-11-30' };
    expect(scoreMomentum({ ...called, neglected: false }, day).score).toBe(90);
  });

  it('a neglected deal is never in the healthy band, whatever its factors add up to', () => {
    const strong = { ...base, promises: { early: 3, onTime: 0, late: 0, overdue: 0 } };
    expect(scoreMomentum(strong, day).score).toBe(100);
    expect(scoreMomentum({ ...strong, neglected: true }, day).score).toBe(HEALTHY_FROM - 1);
    const weak = { ...base, nextStepDue: null, lastTouchAt: '2026-11-01T15:00:00.000Z' };
    expect(scoreMomentum({ ...weak, neglected: true }, day).score).toBe(
      scoreMomentum(weak, day).score,
    );
  });
});

describe('planMovement', () => {
  const plan = (...milestones: { id: string; date: string; state?: string }[]) => ({
    objective: 'Roll out',
    milestones: milestones.map((m) => ({ title: m.id, side: 'ours', state: 'open', ...m })),
  });
  it.each([
    {
      name: 'a milestone completed',
      before: plan({ id: 'a', date: '2026-12-01' }),
      after: plan({ id: 'a', date: '2026-12-01', state: 'done' }),
      expected: { advanced: 1, slipped: 0 },
    },
    {
      name: 'moved earlier and moved later',
      before: plan({ id: 'a', date: '2026-12-01' }, { id: 'b', date: '2026-12-10' }),
      after: plan({ id: 'a', date: '2026-11-28' }, { id: 'b', date: '2026-12-20' }),
      expected: { advanced: 1, slipped: 1 },
    },
    {
      name: 'added and removed milestones count neither way',
      before: plan({ id: 'a', date: '2026-12-01' }),
      after: plan({ id: 'b', date: '2026-12-01' }),
      expected: { advanced: 0, slipped: 0 },
    },
    {
      name: 'documents of another shape count nothing',
      before: null,
      after: { milestones: 'soon' },
      expected: { advanced: 0, slipped: 0 },
    },
  ])('$name', ({ before, after, expected }) => {
    expect(planMovement(before, after)).toEqual(expected);
  });
});
