import type { IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';
import { toEpochDay } from './business-calendar.ts';
import { isoOf } from '../time/epoch-days.ts';
import type { BusinessCalendar, DateLike } from './business-calendar.ts';

export const DEFAULT_LEAD_DAYS = 1;
/** Beyond a working month ahead a "lead" is a typo, not a habit. */
export const MAX_LEAD_DAYS = 30;

export function assertLead(lead: number): number {
  if (!Number.isInteger(lead) || lead < 0 || lead > MAX_LEAD_DAYS) {
    throw invalid(
      `Lead must be a whole number of business days from 0 to ${MAX_LEAD_DAYS}, got ${lead}.`,
    );
  }
  return lead;
}

export interface EarlyTargetInput {
  /** The promised date. */
  due: DateLike;
  /** The day the promise was made, in the owner's zone. */
  madeOn: DateLike;
  /** Business days to deliver ahead of the due date. */
  lead: number;
  calendar: BusinessCalendar;
}

/**
 * The early target (docs/rules.md#early-target): the business day `lead` business days before the due date; if that is
 * before the day the promise was made, the first business day on or after that day; and never
 * after the due date.
 */
export function earlyTarget({ due, madeOn, lead, calendar }: EarlyTargetInput): IsoDate {
  assertLead(lead);
  const dueDay = toEpochDay(due, 'due');
  const madeDay = toEpochDay(madeOn, 'made on');
  const dueIso = isoOf(dueDay);
  // With no lead the target is the due day itself, or the business day before it if it is off.
  let target =
    lead === 0
      ? calendar.previousBusinessDayOnOrBefore(dueIso)
      : calendar.addBusinessDays(dueIso, -lead);
  if (target < isoOf(madeDay)) target = calendar.nextBusinessDayOnOrAfter(isoOf(madeDay));
  // YYYY-MM-DD strings order like the dates they name.
  if (target > dueIso) target = dueIso;
  return target;
}

export type CompletionClass = 'early' | 'on-time' | 'late';

/** Delivered before the due date is early, on it on-time, after it late (dates in the owner's zone). */
export function classifyCompletion(doneLocalDate: DateLike, due: DateLike): CompletionClass {
  const c = toEpochDay(doneLocalDate, 'done') - toEpochDay(due, 'due');
  return c < 0 ? 'early' : c === 0 ? 'on-time' : 'late';
}
