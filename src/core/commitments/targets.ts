import { earlyTarget, type BusinessCalendar } from '../calendar/index.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Commitment } from './types.ts';

/** The early target of a promise, or null when it has no due date (the agenda asks for one). */
export function targetFor(
  due: IsoDate | null,
  madeOn: IsoDate,
  lead: number,
  calendar: BusinessCalendar,
): IsoDate | null {
  return due ? earlyTarget({ due, madeOn, lead, calendar }) : null;
}

/** Targets of open promises follow the owner's calendar: when it changes, they move. Returns
 * only the commitments whose target actually changes. */
export function retargetOpen(
  commitments: readonly Commitment[],
  defaultLead: number,
  calendar: BusinessCalendar,
): { commitment: Commitment; target: IsoDate | null }[] {
  const changes: { commitment: Commitment; target: IsoDate | null }[] = [];
  for (const c of commitments) {
    if (c.state !== 'open') continue;
    const target = targetFor(c.due, c.dueAgreedOn ?? c.madeOn, c.leadDays ?? defaultLead, calendar);
    if (target !== c.target) changes.push({ commitment: c, target });
  }
  return changes;
}
