import { describe, expect, it } from 'vitest';
import type { Commitment } from '../commitments/types.ts';
import { createDayView } from '../time/local-days.ts';
import { chaseCandidate, deliverCandidate } from './candidates.ts';

const TODAY = '2026-12-02';
const deal = { title: 'Pilot', accountId: 'ac_1' };
const calendar = { addBusinessDays: (d: string) => d };

function promise(over: Partial<Commitment>): Commitment {
  return {
    id: 'cm_1',
    workspaceId: 'ws_1',
    dealId: 'dl_1',
    ownerId: 'mb_1',
    side: 'ours',
    text: 'send the security questionnaire',
    due: null,
    dueTime: null,
    madeOn: '2026-11-24',
    dueAgreedOn: null,
    leadDays: null,
    target: null,
    state: 'open',
    doneAt: null,
    classification: null,
    droppedReason: null,
    snoozedUntil: null,
    snoozeReason: null,
    lastChasedAt: null,
    sourceSentence: null,
    callId: null,
    createdAt: '2026-11-24T15:00:00.000Z',
    updatedAt: '2026-11-24T15:00:00.000Z',
    version: 1,
    ...over,
  };
}

const actionsOf = (c: Commitment) => deliverCandidate(c, deal, TODAY)!.item().actions;

describe('what Today offers to do about a promise', () => {
  it('offers no snooze for a promise that is late or due today, only a renegotiation', () => {
    const late = promise({ due: '2026-11-27', target: '2026-11-25' });
    const dueToday = promise({ due: TODAY, target: '2026-12-01' });
    for (const c of [late, dueToday]) {
      expect(actionsOf(c)).not.toContain('snooze');
      expect(actionsOf(c)).toContain('renegotiate');
      expect(actionsOf(c)[0]).toBe('done');
    }
  });

  it('still offers a snooze for an early delivery, which can wait until its due date', () => {
    const early = promise({ due: '2026-12-04', target: TODAY });
    expect(actionsOf(early)).toEqual(['done', 'snooze', 'touch']);
  });

  it('asks for a date on a promise that has none', () => {
    const undated = promise({});
    expect(actionsOf(undated)).toContain('date');
    expect(actionsOf(undated)).not.toContain('renegotiate');
  });

  it('offers a renegotiation, not a snooze, when chasing their overdue promise', () => {
    const theirs = promise({ side: 'theirs', due: '2026-11-30', target: '2026-11-27' });
    const day = createDayView(TODAY, 'America/New_York');
    const actions = chaseCandidate(theirs, deal, day, calendar)!.item().actions;
    expect(actions).not.toContain('snooze');
    expect(actions).toEqual(['touch', 'done', 'renegotiate']);
  });
});
