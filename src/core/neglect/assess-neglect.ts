import type { CommitmentSide } from '../commitments/types.ts';
import { DEFAULT_NEGLECT_DAYS } from '../deals/types.ts';
import type { DayView } from '../time/local-days.ts';
import type { IsoDate } from '../time/dates.ts';

export const NEGLECT_REASONS = [
  'no-touch',
  'no-next-step',
  'overdue-ours',
  'unchased-theirs',
] as const;
export type NeglectReason = (typeof NEGLECT_REASONS)[number];

export interface Neglect {
  neglected: boolean;
  /** In the order of NEGLECT_REASONS. */
  reasons: NeglectReason[];
}

/** An open promise, as far as neglect cares. */
export interface OpenPromiseFacts {
  side: CommitmentSide;
  due: IsoDate | null;
  lastChasedAt: string | null;
}

/** What neglect needs to know about an open deal, as of a day. */
export interface DealNeglectFacts {
  lastTouchAt: string | null;
  /** A deal never touched has been waiting since it was created. */
  createdAt: string;
  /** The stage's threshold in days. */
  neglectDays: number | null;
  /** The date of the deal's open next step, if any. */
  nextStepDue: IsoDate | null;
  openPromises: readonly OpenPromiseFacts[];
}

/** True when their promise is overdue and nobody chased it on or after its due day. */
export function isUnchased(p: OpenPromiseFacts, day: DayView): boolean {
  if (p.side !== 'theirs' || p.due === null || p.due >= day.date) return false;
  return p.lastChasedAt === null || day.dayOf(p.lastChasedAt) < p.due;
}

export function isOverdueOurs(p: OpenPromiseFacts, day: DayView): boolean {
  return p.side === 'ours' && p.due !== null && p.due < day.date;
}

/**
 * Neglect (docs/rules.md#neglect), as of `day`: an open deal is neglected when it has gone longer than its
 * stage's threshold without a touch, has no next step on or after the day, has one of our
 * promises past its due date, or has one of theirs past due and not chased since it fell due.
 */
export function assessNeglect(deal: DealNeglectFacts, day: DayView): Neglect {
  const noTouch =
    (deal.lastTouchAt ?? deal.createdAt) <
    day.touchCutoff(deal.neglectDays ?? DEFAULT_NEGLECT_DAYS);
  const noNextStep = deal.nextStepDue === null || deal.nextStepDue < day.date;
  const overdue =
    deal.openPromises.length > 0 && deal.openPromises.some((p) => isOverdueOurs(p, day));
  const unchased =
    deal.openPromises.length > 0 && deal.openPromises.some((p) => isUnchased(p, day));
  // Today assesses every open deal of a member; most answers are "not neglected", shared.
  if (!noTouch && !noNextStep && !overdue && !unchased) return NOT_NEGLECTED;
  const reasons: NeglectReason[] = [];
  if (noTouch) reasons.push('no-touch');
  if (noNextStep) reasons.push('no-next-step');
  if (overdue) reasons.push('overdue-ours');
  if (unchased) reasons.push('unchased-theirs');
  return { neglected: true, reasons };
}

const NOT_NEGLECTED: Neglect = Object.freeze({ neglected: false, reasons: [] as NeglectReason[] });
