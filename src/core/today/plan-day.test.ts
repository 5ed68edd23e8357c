import { describe, expect, it } from 'vitest';
import { planDay, type Candidate, type DayPlanInput, type LaterDay } from './plan-day.ts';
import { rankOf } from './candidates.ts';
import type { AgendaKind } from './types.ts';

/** A candidate named after its deal; `fixed` and `latest` as planning sees them. */
function c(
  kind: AgendaKind,
  deal: string,
  options: { fixed?: boolean; latest?: string; sub?: string | number } = {},
): Candidate {
  return {
    kind,
    key: deal,
    fixed: options.fixed ?? false,
    rank: rankOf(kind, options.sub ?? deal),
    latest: options.latest ?? null,
    item: () => ({
      kind,
      dealId: deal,
      accountId: null,
      commitmentId: null,
      nextStepId: null,
      callId: null,
      title: deal,
      dealTitle: deal,
      reason: `${kind} ${deal}`,
      due: null,
      target: null,
      time: null,
      fixed: options.fixed ?? false,
      momentum: null,
      actions: ['touch'],
    }),
  };
}

const days = (...dates: string[]): LaterDay[] =>
  dates.map((date) => ({ date, fixedCount: 0, fixedDeals: new Set<string>() }));

// Tuesday 24 Nov 2026; later business days Wed 25, Fri 27 (Thanksgiving off), Mon 30.
const base: DayPlanInput = {
  date: '2026-11-24',
  businessDay: true,
  floor: 3,
  ceiling: 4,
  done: 0,
  candidates: [],
  fillIns: [],
  laterDays: days('2026-11-25', '2026-11-27', '2026-11-30'),
};
const revivals = (n: number) =>
  Array.from({ length: n }, (_, i) => c('revive', `r${i + 1}`, { sub: i + 1 }));

const summary = (input: Partial<DayPlanInput>) => {
  const plan = planDay({ ...base, ...input });
  return {
    items: plan.items.map((i) => `${i.dealId}${i.optional ? '?' : ''}`),
    later: plan.later.map((i) => `${i.dealId}@${i.planned.slice(8)}`),
    unplanned: plan.unplanned,
  };
};

describe('planDay', () => {
  it.each<{ name: string; input: Partial<DayPlanInput>; expected: ReturnType<typeof summary> }>([
    {
      name: 'flexible items fill to the floor, then optional ones to the ceiling; the rest rolls',
      input: { candidates: revivals(7) },
      expected: {
        items: ['r1', 'r2', 'r3', 'r4?'],
        later: ['r5@25', 'r6@25', 'r7@25'],
        unplanned: 0,
      },
    },
    {
      name: 'touches already made count towards the floor and the ceiling',
      input: { candidates: revivals(4), done: 2 },
      expected: { items: ['r1', 'r2?'], later: ['r3@25', 'r4@25'], unplanned: 0 },
    },
    {
      name: 'a rush day (touches over the ceiling) keeps only fixed items',
      input: { candidates: [...revivals(2), c('meet', 'm1', { fixed: true })], done: 5 },
      expected: { items: ['m1'], later: ['r1@25', 'r2@25'], unplanned: 0 },
    },
    {
      name: 'fixed items are always listed, even past the ceiling',
      input: {
        candidates: [
          ...['d1', 'd2', 'd3', 'd4', 'd5'].map((d) => c('deliver', d, { fixed: true })),
          ...revivals(1),
        ],
      },
      expected: { items: ['d1', 'd2', 'd3', 'd4', 'd5'], later: ['r1@25'], unplanned: 0 },
    },
    {
      name: 'a non-business day plans only fixed items',
      input: {
        businessDay: false,
        candidates: [c('meet', 'm1', { fixed: true }), ...revivals(2)],
        fillIns: [c('prospect', 'p1')],
      },
      expected: { items: ['m1'], later: ['r1@25', 'r2@25'], unplanned: 0 },
    },
    {
      name: 'overflow rolls over several days, each up to the floor less what is fixed there',
      input: {
        candidates: revivals(12),
        laterDays: [
          { date: '2026-11-25', fixedCount: 2, fixedDeals: new Set(['x']) },
          { date: '2026-11-27', fixedCount: 0, fixedDeals: new Set() },
          { date: '2026-11-30', fixedCount: 0, fixedDeals: new Set() },
        ],
      },
      expected: {
        items: ['r1', 'r2', 'r3', 'r4?'],
        later: ['r5@25', 'r6@27', 'r7@27', 'r8@27', 'r9@30', 'r10@30', 'r11@30'],
        unplanned: 1,
      },
    },
    {
      name: 'a promise rolls only as far as its due date, then crowds the last day before it',
      input: {
        candidates: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((d) =>
          c('deliver', d, { latest: '2026-11-25' }),
        ),
      },
      expected: {
        items: ['a', 'b', 'c', 'd?'],
        later: ['e@25', 'f@25', 'g@25', 'h@25'],
        unplanned: 0,
      },
    },
    {
      name: 'a due date with no business day before it forbids rolling: it stays today',
      input: {
        // Wed 25 Nov; due Thanksgiving (Thu 26), and the next business day is Fri 27.
        date: '2026-11-25',
        laterDays: days('2026-11-27', '2026-11-30'),
        candidates: ['a', 'b', 'c', 'd', 'e'].map((d) => c('deliver', d, { latest: '2026-11-26' })),
      },
      expected: { items: ['a', 'b', 'c', 'd?', 'e'], later: [], unplanned: 0 },
    },
    {
      name: 'a deal appears once a day: the strongest reason wins and a fixed one keeps it fixed',
      input: {
        ceiling: 3,
        candidates: [
          c('revive', 'x'),
          c('meet', 'x', { fixed: true }),
          c('chase', 'x'),
          ...revivals(3),
        ],
      },
      expected: { items: ['x', 'r1', 'r2'], later: ['r3@25'], unplanned: 0 },
    },
    {
      name: 'prospects come only when the real work does not reach the floor',
      input: {
        candidates: revivals(1),
        fillIns: [c('prospect', 'p2'), c('prospect', 'p1'), c('prospect', 'p3')],
      },
      expected: { items: ['r1', 'p1', 'p2'], later: [], unplanned: 0 },
    },
    {
      name: 'no prospects when real work reaches the floor, even if some of it rolls',
      input: { candidates: revivals(3), done: 1, fillIns: [c('prospect', 'p1')] },
      expected: { items: ['r1', 'r2', 'r3?'], later: [], unplanned: 0 },
    },
    {
      name: 'flexible work beyond the horizon is counted, not lost silently',
      input: { candidates: revivals(20), laterDays: days('2026-11-25') },
      expected: {
        items: ['r1', 'r2', 'r3', 'r4?'],
        later: ['r5@25', 'r6@25', 'r7@25'],
        unplanned: 13,
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(summary(input)).toEqual(expected);
  });

  it('orders the list: deliveries, chases, meetings, revivals by momentum, prospects', () => {
    const plan = planDay({
      ...base,
      floor: 8,
      ceiling: 10,
      candidates: [
        c('revive', 'weak', { sub: 10 }),
        c('meet', 'meeting', { fixed: true }),
        c('revive', 'strong', { sub: 60 }),
        c('chase', 'chase'),
        {
          ...c('deliver', 'due-fri', { latest: '2026-11-27' }),
          rank: rankOf('deliver', '2026-11-27'),
        },
        { ...c('deliver', 'late', { fixed: true }), rank: rankOf('deliver', '2026-11-20') },
        { ...c('deliver', 'due-today', { fixed: true }), rank: rankOf('deliver', '2026-11-24') },
      ],
      fillIns: [c('prospect', 'prospect')],
    });
    expect(plan.items.map((i) => i.dealId)).toEqual([
      'late',
      'due-today',
      'due-fri',
      'chase',
      'meeting',
      'weak',
      'strong',
      'prospect',
    ]);
  });
});
