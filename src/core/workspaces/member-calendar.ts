import { createBusinessCalendar, type BusinessCalendar } from '../calendar/index.ts';
import type { Member } from './types.ts';

/** The business-day calendar a member works to: their weekend, region and days off. */
export function calendarOf(
  member: Pick<Member, 'weekend' | 'region' | 'daysOff'>,
): BusinessCalendar {
  return createBusinessCalendar({
    weekend: member.weekend,
    region: member.region,
    daysOff: member.daysOff,
  });
}
