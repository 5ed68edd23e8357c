import { describe, expect, it } from 'vitest';
import { rankOf } from './candidates.ts';
import { formatDay } from '../time/format.ts';
import { chaseReason, deliverReason, reEngageReason, reviveReason } from './reasons.ts';

describe('formatDay', () => {
  it.each([
    { date: '2026-11-27', today: '2026-11-24', text: 'Fri 27 Nov' },
    { date: '2026-11-26', today: '2026-11-24', text: 'Thu 26 Nov' },
    { date: '2027-01-04', today: '2026-12-30', text: 'Mon 4 Jan 2027' },
    { date: '2028-02-29', today: '2028-01-01', text: 'Tue 29 Feb' },
  ])('$date → $text', ({ date, today, text }) => {
    expect(formatDay(date, today)).toBe(text);
  });
});

describe('reasons in words', () => {
  const promise = { due: '2026-11-27', dueTime: null, target: '2026-11-25', madeOn: '2026-11-24' };
  it.each([
    { today: '2026-11-25', c: promise, text: 'promised Fri 27 Nov — target Wed 25 Nov' },
    {
      today: '2026-11-25',
      c: { ...promise, dueTime: '17:00' },
      text: 'promised Fri 27 Nov at 17:00 — target Wed 25 Nov',
    },
    {
      today: '2026-11-27',
      c: promise,
      text: 'promised Fri 27 Nov — due today, target was Wed 25 Nov',
    },
    {
      today: '2026-11-27',
      c: { ...promise, target: '2026-11-27' },
      text: 'promised Fri 27 Nov — due today',
    },
    { today: '2026-11-30', c: promise, text: 'promised Fri 27 Nov — 3 days late' },
    {
      today: '2026-11-30',
      c: { ...promise, due: null, target: null },
      text: 'promised on Tue 24 Nov with no date — agree one',
    },
  ])('deliver on $today: $text', ({ today, c, text }) => {
    expect(deliverReason(c, today)).toBe(text);
  });

  it.each([
    { chased: null, text: 'they promised Fri 27 Nov — 1 day overdue, not chased yet' },
    { chased: '2026-11-20', text: 'they promised Fri 27 Nov — 1 day overdue, not chased yet' },
    {
      chased: '2026-11-27',
      text: 'they promised Fri 27 Nov — 1 day overdue, last chased Fri 27 Nov',
    },
  ])('chase last chased $chased', ({ chased, text }) => {
    expect(chaseReason({ due: '2026-11-27' }, chased, '2026-11-28')).toBe(text);
  });

  it('explains a neglected deal, its reasons in order, with its momentum', () => {
    expect(
      reviveReason(
        ['no-touch', 'no-next-step', 'overdue-ours', 'unchased-theirs'],
        {
          lastTouchOn: '2026-11-12',
          createdOn: '2026-10-01',
          stageName: 'Proposal',
          neglectDays: 5,
          momentum: 12,
        },
        '2026-11-24',
      ),
    ).toBe(
      'no touch for 12 days (Proposal allows 5); no next step booked; one of our promises is overdue; their overdue promise is not chased — momentum 12',
    );
    expect(
      reEngageReason(
        { status: 'paused', reEngageOn: '2026-11-30', closeReason: null },
        '2026-11-30',
      ),
    ).toBe('paused until Mon 30 Nov — time to re-engage');
  });
});

describe('rankOf', () => {
  it('orders kinds, then fixed-width fields, then names and ids', () => {
    const ranks = [
      rankOf('revive', 10, '2026-11-01T10:00:00.000Z', 'dl_2'),
      rankOf('revive', 9, '2026-11-20T10:00:00.000Z', 'dl_1'),
      rankOf('deliver', '2026-11-27', '2026-11-25', 'cm_9'),
      rankOf('deliver', '2026-11-20', '2026-11-19', 'cm_1'),
      rankOf('prospect', 1, 'acme corp', 'ac_1'),
      rankOf('prospect', 1, 'acme', 'ac_2'),
      rankOf('chase', '2026-11-23', 'cm_3'),
      rankOf('meet', '09:30', 'ns_1'),
    ];
    expect([...ranks].sort()).toEqual([
      ranks[3],
      ranks[2],
      ranks[6],
      ranks[7],
      ranks[1],
      ranks[0],
      ranks[5],
      ranks[4],
    ]);
  });
});
