import { localDateTimeOf } from '../calendar/index.ts';
import type { BusinessCalendar } from '../calendar/index.ts';
import type { Commitment } from '../commitments/types.ts';
import type { DayView } from '../time/local-days.ts';
import type { Neglect } from '../neglect/assess-neglect.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Candidate } from './plan-day.ts';
import type {
  BookedCall,
  BookedNextStep,
  OpenDealSummary,
  ProspectAccount,
  ReEngageDeal,
} from './ports.ts';
import {
  chaseReason,
  deliverReason,
  meetReason,
  prospectReason,
  reEngageReason,
  reviveReason,
} from './reasons.ts';
import type { AgendaAction, AgendaKind } from './types.ts';

/**
 * Today's priority order, first to last: our promises (late ones first, then by due date, then
 * those with no date yet), their overdue promises to chase (oldest first), meetings (by time),
 * neglected deals to revive (weakest momentum first), and prospects (paused deals whose date
 * has come, by that date, then accounts without an open deal).
 */
export const PRIORITY: Record<AgendaKind, number> = {
  deliver: 0,
  chase: 1,
  meet: 2,
  revive: 3,
  prospect: 4,
};

/** Separates the variable-width tail of a rank (names, ids); sorts before any character. */
const END = '\u0001';

/**
 * A candidate's place in PRIORITY order as one string, compared as text: the kind's digit, then
 * fixed-width fields (dates, times, instants, a zero-padded score), then names and ids. One
 * string per candidate sorts thousands of them without building arrays.
 */
export function rankOf(kind: AgendaKind, ...fields: (string | number)[]): string {
  return `${PRIORITY[kind]}${fields
    .map((f) => (typeof f === 'number' ? String(f).padStart(3, '0') : f))
    .join(END)}`;
}

/** A chased promise comes back to chase again after this many business days. */
export const CHASE_AGAIN_AFTER_BUSINESS_DAYS = 2;

const NO_DATE = '9999-12-31';
/** Sorts after any date: a promise offered early comes after those whose target has come. */
const EARLY = 'early';

export interface DealRef {
  title: string;
  accountId: string;
}

export interface Revival {
  deal: OpenDealSummary;
  neglect: Neglect;
  momentum: number;
}

export interface CandidateSources {
  day: DayView;
  calendar: Pick<BusinessCalendar, 'addBusinessDays'>;
  deals: ReadonlyMap<string, DealRef>;
  /** The member's open promises. */
  commitments: readonly Commitment[];
  /** Next steps booked for the day. */
  nextSteps: readonly BookedNextStep[];
  calls: readonly BookedCall[];
}

const blank = {
  accountId: null,
  commitmentId: null,
  nextStepId: null,
  callId: null,
  due: null,
  target: null,
  time: null,
  fixed: false,
  momentum: null,
} as const;

function isSnoozed(c: Commitment, date: IsoDate): boolean {
  return c.snoozedUntil !== null && c.snoozedUntil > date;
}

/** A promise due today or late cannot wait (a snooze may not pass the due date): it is kept,
 * or a new date is agreed with the customer. One with no date asks for one. */
function deliverActions(c: Commitment, date: IsoDate): AgendaAction[] {
  if (c.due === null) return ['done', 'date', 'snooze', 'touch'];
  if (c.due <= date) return ['done', 'renegotiate', 'touch'];
  return ['done', 'snooze', 'touch'];
}

/** Our promise is on today's list once its target has come (or when it has no date yet).
 * Once due (or late) it is fixed; before, delivering it is early and flexible. */
export function deliverCandidate(
  c: Commitment,
  deal: DealRef | undefined,
  date: IsoDate,
): Candidate | null {
  if (c.side !== 'ours' || c.state !== 'open' || isSnoozed(c, date)) return null;
  if (c.due !== null && (c.target ?? c.due) > date) return null;
  const fixed = c.due !== null && c.due <= date;
  return {
    kind: 'deliver',
    key: c.dealId,
    fixed,
    rank: rankOf('deliver', c.due ?? NO_DATE, c.target ?? NO_DATE, c.id),
    latest: c.due !== null && c.due > date ? c.due : null,
    item: () => ({
      ...blank,
      kind: 'deliver',
      dealId: c.dealId,
      accountId: deal?.accountId ?? null,
      commitmentId: c.id,
      title: c.text,
      dealTitle: deal?.title ?? null,
      reason: deliverReason(c, date),
      due: c.due,
      target: c.target,
      fixed,
      actions: deliverActions(c, date),
    }),
  };
}

export function chaseCandidate(
  c: Commitment,
  deal: DealRef | undefined,
  day: DayView,
  calendar: Pick<BusinessCalendar, 'addBusinessDays'>,
): Candidate | null {
  if (c.side !== 'theirs' || c.state !== 'open' || isSnoozed(c, day.date)) return null;
  if (c.due === null || c.due >= day.date) return null;
  const chasedOn = c.lastChasedAt ? day.dayOf(c.lastChasedAt) : null;
  const due = c.due;
  if (
    chasedOn !== null &&
    chasedOn >= due &&
    calendar.addBusinessDays(chasedOn, CHASE_AGAIN_AFTER_BUSINESS_DAYS) > day.date
  )
    return null;
  return {
    kind: 'chase',
    key: c.dealId,
    fixed: false,
    rank: rankOf('chase', due, c.id),
    latest: null,
    item: () => ({
      ...blank,
      kind: 'chase',
      dealId: c.dealId,
      accountId: deal?.accountId ?? null,
      commitmentId: c.id,
      title: c.text,
      dealTitle: deal?.title ?? null,
      reason: chaseReason({ due }, chasedOn, day.date),
      due,
      target: c.target,
      // Past due: a chase, or a new date they agree; never a snooze past the due date.
      actions: ['touch', 'done', 'renegotiate'],
    }),
  };
}

/** Our promise whose target is still ahead, offered early because the day is under the floor. */
/**
 * A promise of ours offered early because the day is under the floor. Keyed by its deal when it
 * is to become a listed deal's action (a revival: one item); otherwise by itself, so each open
 * promise is its own item and is listed once.
 */
export function earlyCandidate(
  c: Commitment,
  deal: DealRef | undefined,
  date: IsoDate,
  key: 'deal' | 'promise' = 'deal',
): Candidate {
  return {
    kind: 'deliver',
    key: key === 'deal' ? c.dealId : `early:${c.id}`,
    dealId: c.dealId,
    fixed: false,
    // After every promise whose target has come; the soonest target first.
    rank: rankOf('deliver', EARLY, c.target ?? c.due ?? NO_DATE, c.due ?? NO_DATE, c.id),
    latest: null,
    item: () => ({
      ...blank,
      kind: 'deliver',
      dealId: c.dealId,
      accountId: deal?.accountId ?? null,
      commitmentId: c.id,
      title: c.text,
      dealTitle: deal?.title ?? null,
      reason: `${deliverReason(c, date)} — deliver early: the day is under your floor`,
      due: c.due,
      target: c.target,
      actions: ['done', 'snooze', 'touch'],
    }),
  };
}

export function nextStepCandidate(
  step: BookedNextStep,
  deal: DealRef | undefined,
  today: IsoDate,
): Candidate {
  return {
    kind: 'meet',
    key: `meet:${step.id}`,
    dealId: step.dealId,
    fixed: true,
    rank: rankOf('meet', step.dueTime ?? '99:99', step.id),
    latest: null,
    item: () => ({
      ...blank,
      kind: 'meet',
      dealId: step.dealId,
      accountId: deal?.accountId ?? null,
      nextStepId: step.id,
      title: step.text,
      dealTitle: deal?.title ?? null,
      reason: meetReason('next step', step.due, step.dueTime, today),
      due: step.due,
      time: step.dueTime,
      fixed: true,
      actions: ['touch'],
    }),
  };
}

export function callCandidate(
  call: BookedCall,
  deal: DealRef | undefined,
  day: DayView,
): Candidate {
  const { date: on, time } = localDateTimeOf(call.startedAt, day.timeZone);
  return {
    kind: 'meet',
    key: `meet:${call.id}`,
    dealId: call.dealId,
    fixed: true,
    rank: rankOf('meet', time, call.id),
    latest: null,
    item: () => ({
      ...blank,
      kind: 'meet',
      dealId: call.dealId,
      accountId: deal?.accountId ?? null,
      callId: call.id,
      title: deal ? `Call: ${deal.title}` : 'Call',
      dealTitle: deal?.title ?? null,
      reason: meetReason('call', on, time, day.date),
      due: on,
      time,
      fixed: true,
      actions: ['touch'],
    }),
  };
}

export function reviveCandidate(r: Revival, day: DayView): Candidate {
  const d = r.deal;
  return {
    kind: 'revive',
    key: d.id,
    fixed: false,
    rank: rankOf('revive', r.momentum, d.lastTouchAt ?? d.createdAt, d.id),
    latest: null,
    item: () => ({
      ...blank,
      kind: 'revive',
      dealId: d.id,
      accountId: d.accountId,
      title: d.title,
      dealTitle: d.title,
      reason: reviveReason(
        r.neglect.reasons,
        {
          lastTouchOn: d.lastTouchAt ? day.dayOf(d.lastTouchAt) : null,
          createdOn: day.dayOf(d.createdAt),
          stageName: d.stageName,
          neglectDays: d.neglectDays,
          momentum: r.momentum,
        },
        day.date,
      ),
      momentum: r.momentum,
      actions: ['touch'],
    }),
  };
}

/** The day's deliveries, chases and meetings (revivals are added by the caller, who picks the
 * weakest of what may be thousands). */
export function buildCandidates(src: CandidateSources): Candidate[] {
  const { day } = src;
  const out: Candidate[] = [];
  for (const c of src.commitments) {
    const deal = src.deals.get(c.dealId);
    const candidate =
      deliverCandidate(c, deal, day.date) ?? chaseCandidate(c, deal, day, src.calendar);
    if (candidate) out.push(candidate);
  }
  for (const step of src.nextSteps) {
    if (step.due === day.date)
      out.push(nextStepCandidate(step, src.deals.get(step.dealId), day.date));
  }
  for (const call of src.calls) {
    if (day.dayOf(call.startedAt) === day.date)
      out.push(callCandidate(call, src.deals.get(call.dealId), day));
  }
  return out;
}

export function prospectCandidates(
  reEngage: readonly ReEngageDeal[],
  accounts: readonly ProspectAccount[],
  date: IsoDate,
): Candidate[] {
  return [
    ...reEngage.map((d): Candidate => ({
      kind: 'prospect',
      key: d.id,
      fixed: false,
      rank: rankOf('prospect', 0, d.reEngageOn, d.id),
      latest: null,
      item: () => ({
        ...blank,
        kind: 'prospect',
        dealId: d.id,
        accountId: d.accountId,
        title: d.title,
        dealTitle: d.title,
        reason: reEngageReason(d, date),
        actions: ['touch'],
      }),
    })),
    ...accounts.map((a): Candidate => ({
      kind: 'prospect',
      key: `account:${a.id}`,
      fixed: false,
      rank: rankOf('prospect', 1, a.name.toLowerCase(), a.id),
      latest: null,
      item: () => ({
        ...blank,
        kind: 'prospect',
        dealId: null,
        accountId: a.id,
        title: a.name,
        dealTitle: null,
        reason: prospectReason(a.name),
        actions: ['touch'],
      }),
    })),
  ];
}
