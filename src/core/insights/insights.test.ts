import { describe, expect, it } from 'vitest';
import { createDayView } from '../time/local-days.ts';
import { assessNeglect } from '../neglect/assess-neglect.ts';
import type { Habit } from '../playbook/ports.ts';
import type { Member } from '../workspaces/types.ts';
import {
  habitInsights,
  marchDays,
  momentumByWeek,
  outcomeInsight,
  promiseKeeping,
} from './aggregate.ts';
import { replayNeglect } from './neglect-history.ts';
import type { NeglectHistory } from './types.ts';
import { isoWeekOf, share, weeksOf } from './weeks.ts';

describe('weeks', () => {
  it.each([
    { date: '2026-11-24', week: '2026-W48' },
    { date: '2026-11-29', week: '2026-W48' },
    { date: '2026-11-30', week: '2026-W49' },
    { date: '2027-01-01', week: '2026-W53' },
    { date: '2027-01-04', week: '2027-W01' },
  ])('$date is in $week', ({ date, week }) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('cuts a period into ISO weeks', () => {
    expect(weeksOf('2026-11-26', '2026-12-08')).toEqual([
      { week: '2026-W48', start: '2026-11-26', end: '2026-11-29' },
      { week: '2026-W49', start: '2026-11-30', end: '2026-12-06' },
      { week: '2026-W50', start: '2026-12-07', end: '2026-12-08' },
    ]);
    expect(share(1, 3)).toBe(0.33);
    expect(share(0, 0)).toBe(0);
  });
});

describe('promiseKeeping', () => {
  it('counts per member and ISO week of the local day kept, with shares', () => {
    const zones: Record<string, string> = { ny: 'America/New_York', be: 'Europe/Berlin' };
    const rows = [
      // Sun 29 Nov 23:30 in New York is already Monday 30 Nov in UTC: week 48 for NY.
      { ownerId: 'ny', doneAt: '2026-11-30T04:30:00.000Z', classification: 'early' as const },
      { ownerId: 'ny', doneAt: '2026-11-25T15:00:00.000Z', classification: 'late' as const },
      { ownerId: 'ny', doneAt: '2026-11-26T15:00:00.000Z', classification: 'on-time' as const },
      { ownerId: 'be', doneAt: '2026-11-30T04:30:00.000Z', classification: 'early' as const },
      // Outside the period.
      { ownerId: 'be', doneAt: '2026-12-20T10:00:00.000Z', classification: 'late' as const },
    ];
    expect(
      promiseKeeping(rows, (id) => zones[id]!, { from: '2026-11-23', to: '2026-12-06' }),
    ).toEqual([
      {
        memberId: 'be',
        week: '2026-W49',
        early: 1,
        onTime: 0,
        late: 0,
        total: 1,
        earlyShare: 1,
        onTimeShare: 0,
        lateShare: 0,
      },
      {
        memberId: 'ny',
        week: '2026-W48',
        early: 1,
        onTime: 1,
        late: 1,
        total: 3,
        earlyShare: 0.33,
        onTimeShare: 0.33,
        lateShare: 0.33,
      },
    ]);
  });
});

describe('marchDays', () => {
  const ann = {
    id: 'ann',
    timeZone: 'America/New_York',
    marchFloor: 2,
    marchCeiling: 3,
    createdAt: '2026-11-23T12:00:00.000Z',
  } as Member;
  it('places touches on local days and bands business days only, from the day they joined', () => {
    const at = (iso: string) => ({ memberId: 'ann', at: iso });
    const touches = [
      at('2026-11-23T14:00:00.000Z'),
      at('2026-11-23T15:00:00.000Z'),
      at('2026-11-24T14:00:00.000Z'),
      // 22:30 on Tue 24 Nov in New York.
      at('2026-11-25T03:30:00.000Z'),
      ...Array.from({ length: 4 }, () => at('2026-11-25T16:00:00.000Z')),
      at('2026-11-28T16:00:00.000Z'),
      { memberId: 'bob', at: '2026-11-24T14:00:00.000Z' },
    ];
    const business = (_m: Member, d: string) => !['2026-11-26', '2026-11-28'].includes(d);
    const { days, summary } = marchDays(
      touches,
      [ann],
      business,
      { from: '2026-11-22', to: '2026-11-28' },
      '2026-11-30T15:00:00Z',
    );
    expect(days.map((d) => [d.date, d.touches, d.band])).toEqual([
      ['2026-11-23', 2, 'on'],
      ['2026-11-24', 2, 'on'],
      ['2026-11-25', 4, 'rush'],
      ['2026-11-26', 0, null],
      ['2026-11-27', 0, 'stall'],
      ['2026-11-28', 1, null],
    ]);
    expect(summary).toEqual([
      { memberId: 'ann', businessDays: 4, on: 2, stall: 1, rush: 1, touches: 9 },
    ]);

    // On Fri 27 Nov itself (10:00 in New York) the day is not over: open, not yet a stall.
    const during = marchDays(
      touches,
      [ann],
      business,
      { from: '2026-11-22', to: '2026-11-27' },
      '2026-11-27T15:00:00Z',
    );
    expect(during.days.at(-1)).toMatchObject({ date: '2026-11-27', band: 'open' });
    expect(during.summary).toEqual([
      { memberId: 'ann', businessDays: 3, on: 2, stall: 0, rush: 1, touches: 8 },
    ]);
  });
});

describe('habitInsights', () => {
  const habits = [
    { id: 'h1', position: 1, key: 'plan', name: 'Make a plan' },
    { id: 'h2', position: 2, key: 'listen', name: 'Listen' },
  ] as Habit[];
  const check = (
    callId: string,
    dealId: string,
    habitId: string,
    state: 'done' | 'partly' | 'no',
  ) => ({
    callId,
    dealId,
    habitId,
    state,
  });
  it('counts calls per state and closed deals won with and without each habit', () => {
    const callChecks = [
      check('c1', 'd1', 'h1', 'done'),
      check('c1', 'd1', 'h2', 'no'),
      check('c2', 'd2', 'h1', 'partly'),
      check('c2', 'd2', 'h2', 'no'),
    ];
    const closed = {
      deals: [
        { dealId: 'd1', status: 'won' as const },
        { dealId: 'd2', status: 'lost' as const },
        { dealId: 'd3', status: 'lost' as const },
        // No checklist on any of its calls: says nothing either way.
        { dealId: 'd4', status: 'won' as const },
      ],
      checks: [
        check('c1', 'd1', 'h1', 'done'),
        check('c1', 'd1', 'h2', 'no'),
        check('c0', 'd1', 'h2', 'partly'),
        check('c2', 'd2', 'h1', 'partly'),
        check('c2', 'd2', 'h2', 'no'),
        check('c3', 'd3', 'h1', 'no'),
        check('c3', 'd3', 'h2', 'no'),
      ],
    };
    expect(habitInsights(habits, callChecks, closed)).toEqual([
      {
        habitId: 'h1',
        position: 1,
        key: 'plan',
        name: 'Make a plan',
        calls: { done: 1, partly: 1, no: 0 },
        practiced: { won: 1, lost: 1, winRate: 0.5 },
        notPracticed: { won: 0, lost: 1, winRate: 0 },
      },
      {
        habitId: 'h2',
        position: 2,
        key: 'listen',
        name: 'Listen',
        calls: { done: 0, partly: 0, no: 2 },
        practiced: { won: 1, lost: 0, winRate: 1 },
        notPracticed: { won: 0, lost: 2, winRate: 0 },
      },
    ]);
    expect(habitInsights(habits, [], { deals: [], checks: [] })[0]!.practiced).toEqual({
      won: 0,
      lost: 0,
      winRate: null,
    });
  });
});

describe('outcomeInsight and momentumByWeek', () => {
  it('adds up outcomes and reasons', () => {
    const o = outcomeInsight(
      [
        { outcome: 'advanced', reason: null, count: 3 },
        { outcome: 'setback', reason: 'not-now', count: 2 },
        { outcome: 'no-change', reason: 'not-now', count: 1 },
        { outcome: null, reason: null, count: 4 },
      ],
      [
        { outcome: 'won', reason: null, count: 1 },
        { outcome: 'lost', reason: 'no-fit', count: 2 },
        { outcome: 'lost', reason: null, count: 1 },
        { outcome: 'paused', reason: 'not-now', count: 1 },
      ],
    );
    expect(o.calls).toEqual({ advanced: 3, 'no-change': 1, setback: 2, unrecorded: 4 });
    expect(o.callReasons['not-now']).toBe(3);
    expect(o.deals).toEqual({ won: 1, lost: 3, paused: 1 });
    expect(o.lossReasons).toMatchObject({ 'no-fit': 2, unspecified: 1 });
    expect(o.pauseReasons).toMatchObject({ 'not-now': 1, unspecified: 0 });
  });

  it('averages recorded scores per ISO week', () => {
    expect(
      momentumByWeek([
        { dealId: 'a', day: '2026-11-30', score: 60 },
        { dealId: 'a', day: '2026-11-24', score: 40 },
        { dealId: 'b', day: '2026-11-25', score: 45 },
        { dealId: 'a', day: '2026-11-25', score: 50 },
      ]),
    ).toEqual([
      { week: '2026-W48', average: 45, deals: 2 },
      { week: '2026-W49', average: 60, deals: 1 },
    ]);
  });
});

describe('replayNeglect', () => {
  const zone = 'America/New_York';
  // Moments: the end of Sun 29 Nov and of Sun 6 Dec in New York.
  const end29 = '2026-11-30T05:00:00.000Z';
  const end6 = '2026-12-07T05:00:00.000Z';
  const history: NeglectHistory = {
    deals: [
      {
        dealId: 'quiet',
        createdAt: '2026-11-01T15:00:00.000Z',
        closedAt: null,
        firstOutcomeAt: null,
        neglectDays: 7,
      },
      {
        dealId: 'busy',
        createdAt: '2026-11-01T15:00:00.000Z',
        closedAt: null,
        firstOutcomeAt: null,
        neglectDays: 7,
      },
      {
        dealId: 'new',
        createdAt: '2026-12-02T15:00:00.000Z',
        closedAt: null,
        firstOutcomeAt: null,
        neglectDays: 7,
      },
      {
        dealId: 'paused',
        createdAt: '2026-11-01T15:00:00.000Z',
        closedAt: null,
        firstOutcomeAt: '2026-12-01T15:00:00.000Z',
        neglectDays: 7,
      },
    ],
    lastTouchBefore: new Map([
      ['busy', '2026-11-27T15:00:00.000Z'],
      ['quiet', '2026-11-10T15:00:00.000Z'],
    ]),
    touches: [{ dealId: 'busy', at: '2026-12-04T15:00:00.000Z' }],
    nextSteps: [
      { dealId: 'busy', due: '2026-12-01', createdAt: '2026-11-27T15:00:00.000Z' },
      { dealId: 'busy', due: '2026-12-10', createdAt: '2026-12-04T15:00:00.000Z' },
    ],
    promises: [
      {
        dealId: 'busy',
        side: 'ours',
        due: '2026-12-02',
        state: 'done',
        createdAt: '2026-11-27T15:00:00.000Z',
        doneAt: '2026-12-05T15:00:00.000Z',
        updatedAt: '2026-12-05T15:00:00.000Z',
        lastChasedAt: null,
      },
    ],
  };
  const assess = (at: ReturnType<typeof replayNeglect>, asOf: string, day: string) =>
    Object.fromEntries(
      at(asOf, day).map((d) => [d.dealId, assessNeglect(d, createDayView(day, zone)).reasons]),
    );

  it('tells which deals were open and why each was neglected, week by week', () => {
    const at = replayNeglect(history);
    expect(assess(at, end29, '2026-11-29')).toEqual({
      quiet: ['no-touch', 'no-next-step'],
      busy: [],
      paused: ['no-touch', 'no-next-step'],
    });
    // By 6 Dec: busy was touched and rebooked, and its late promise was kept after all.
    expect(assess(at, end6, '2026-12-06')).toEqual({
      quiet: ['no-touch', 'no-next-step'],
      busy: [],
      new: ['no-next-step'],
    });
  });

  it('sees a promise overdue in between as it was then', () => {
    const at = replayNeglect(history);
    expect(assess(at, '2026-12-04T05:00:00.000Z', '2026-12-03').busy).toEqual([
      'no-next-step',
      'overdue-ours',
    ]);
    expect(() => at(end29, '2026-11-29')).toThrow(/in order/);
  });
});
