import { describe, expect, it } from 'vitest';
import { createDayView } from '../time/local-days.ts';
import { assessNeglect, type DealNeglectFacts } from './assess-neglect.ts';

// Wednesday 25 Nov 2026 in New York; the stage allows 5 days without a touch.
const day = createDayView('2026-11-25', 'America/New_York');
const healthy: DealNeglectFacts = {
  lastTouchAt: '2026-11-24T15:00:00.000Z',
  createdAt: '2026-10-01T12:00:00.000Z',
  neglectDays: 5,
  nextStepDue: '2026-11-30',
  openPromises: [],
};

describe('assessNeglect', () => {
  it.each<{ name: string; facts: Partial<DealNeglectFacts>; reasons: string[] }>([
    { name: 'a deal touched yesterday with a next step booked', facts: {}, reasons: [] },
    {
      name: 'last touch exactly 5 days ago (the threshold itself)',
      facts: { lastTouchAt: '2026-11-20T23:00:00.000Z' }, // Fri 20 Nov, 18:00 in New York
      reasons: [],
    },
    {
      name: 'last touch 6 days ago, counted in the member’s zone',
      facts: { lastTouchAt: '2026-11-20T04:59:00.000Z' }, // Thu 19 Nov, 23:59 in New York
      reasons: ['no-touch'],
    },
    {
      name: 'never touched, created long ago',
      facts: { lastTouchAt: null },
      reasons: ['no-touch'],
    },
    {
      name: 'never touched, created yesterday',
      facts: { lastTouchAt: null, createdAt: '2026-11-24T14:00:00.000Z' },
      reasons: [],
    },
    {
      name: 'the default threshold of 7 days when the stage has none',
      facts: { lastTouchAt: '2026-11-18T15:00:00.000Z', neglectDays: null },
      reasons: [],
    },
    { name: 'no next step', facts: { nextStepDue: null }, reasons: ['no-next-step'] },
    {
      name: 'a next step in the past',
      facts: { nextStepDue: '2026-11-24' },
      reasons: ['no-next-step'],
    },
    { name: 'a next step today', facts: { nextStepDue: '2026-11-25' }, reasons: [] },
    {
      name: 'our promise past its due date',
      facts: { openPromises: [{ side: 'ours', due: '2026-11-24', lastChasedAt: null }] },
      reasons: ['overdue-ours'],
    },
    {
      name: 'our promise due today is not overdue yet',
      facts: { openPromises: [{ side: 'ours', due: '2026-11-25', lastChasedAt: null }] },
      reasons: [],
    },
    {
      name: 'their promise past due, never chased',
      facts: { openPromises: [{ side: 'theirs', due: '2026-11-23', lastChasedAt: null }] },
      reasons: ['unchased-theirs'],
    },
    {
      name: 'their promise past due, chased before it fell due',
      facts: {
        openPromises: [
          { side: 'theirs', due: '2026-11-23', lastChasedAt: '2026-11-20T15:00:00.000Z' },
        ],
      },
      reasons: ['unchased-theirs'],
    },
    {
      name: 'their promise past due, chased since',
      facts: {
        openPromises: [
          { side: 'theirs', due: '2026-11-23', lastChasedAt: '2026-11-24T15:00:00.000Z' },
        ],
      },
      reasons: [],
    },
    {
      name: 'a promise without a date is never overdue',
      facts: { openPromises: [{ side: 'ours', due: null, lastChasedAt: null }] },
      reasons: [],
    },
    {
      name: 'every reason at once, in a fixed order',
      facts: {
        lastTouchAt: null,
        nextStepDue: null,
        openPromises: [
          { side: 'theirs', due: '2026-11-02', lastChasedAt: null },
          { side: 'ours', due: '2026-11-02', lastChasedAt: null },
        ],
      },
      reasons: ['no-touch', 'no-next-step', 'overdue-ours', 'unchased-theirs'],
    },
  ])('$name → $reasons', ({ facts, reasons }) => {
    const neglect = assessNeglect({ ...healthy, ...facts }, day);
    expect(neglect).toEqual({ neglected: reasons.length > 0, reasons });
  });
});
