import { DEFAULT_NEGLECT_DAYS } from '../deals/types.ts';
import { daysBetween, type DayView } from '../time/local-days.ts';
import { formatDay } from '../time/format.ts';
import {
  isOverdueOurs,
  isUnchased,
  type DealNeglectFacts,
  type NeglectReason,
} from './assess-neglect.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Each neglect reason as a sentence, with dates in the member's zone. */
export function neglectDetails(
  reasons: readonly NeglectReason[],
  facts: DealNeglectFacts & { stageName: string },
  day: DayView,
): string[] {
  const oldest = (dues: (string | null)[]) =>
    formatDay(dues.filter((d): d is string => d !== null).sort()[0] ?? day.date, day.date);
  return reasons.map((reason) => {
    switch (reason) {
      case 'no-touch': {
        if (facts.lastTouchAt === null)
          return `No touch since the deal was opened on ${formatDay(day.dayOf(facts.createdAt), day.date)}.`;
        const since = daysBetween(day.dayOf(facts.lastTouchAt), day.date);
        return `No touch for ${plural(since, 'day')}; ${facts.stageName} allows ${plural(facts.neglectDays ?? DEFAULT_NEGLECT_DAYS, 'day')}.`;
      }
      case 'no-next-step':
        return facts.nextStepDue
          ? `The next step was on ${formatDay(facts.nextStepDue, day.date)}; nothing is booked since.`
          : 'No next step is booked.';
      case 'overdue-ours': {
        const overdue = facts.openPromises.filter((p) => isOverdueOurs(p, day));
        return `${plural(overdue.length, 'promise')} of ours past due (the oldest was due ${oldest(overdue.map((p) => p.due))}).`;
      }
      case 'unchased-theirs': {
        const unchased = facts.openPromises.filter((p) => isUnchased(p, day));
        return `${plural(unchased.length, 'promise')} of theirs past due and not chased since (the oldest was due ${oldest(unchased.map((p) => p.due))}).`;
      }
    }
  });
}
