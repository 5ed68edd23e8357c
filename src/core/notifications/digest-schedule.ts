import { localDateTimeOf } from '../calendar/index.ts';
import type { IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';
import { calendarOf } from '../workspaces/member-calendar.ts';
import type { Member } from '../workspaces/types.ts';
import type { Temporal } from 'temporal-polyfill';

/** Without a choice, the digest goes at 08:00 in the member's zone. */
export const DEFAULT_DIGEST_TIME = '08:00';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "8:00", "08:00" → "08:00"; anything else is refused with the expected form. */
export function parseDigestTime(value: string): string {
  const text = value.trim();
  const padded = /^\d:\d\d$/.test(text) ? `0${text}` : text;
  if (!HHMM.test(padded)) {
    throw invalid(
      `Digest time "${value}" is not valid. Use HH:MM on a 24-hour clock, e.g. 08:00.`,
      {
        time: value,
      },
    );
  }
  return padded;
}

/**
 * The local date whose digest is due for a member at an instant, or null. It is due once the
 * wall clock in the member's own zone reads the chosen time or later, on one of their business
 * days (their weekend, their region's public holidays and their days off are not). A time that
 * a DST jump skips (02:30 on a spring-forward night) is due as soon as the clock passes it.
 */
export function digestDueDate(
  member: Pick<Member, 'timeZone' | 'weekend' | 'region' | 'daysOff'>,
  preferences: { enabled: boolean; sendAt: string },
  now: Temporal.Instant,
): IsoDate | null {
  if (!preferences.enabled) return null;
  const local = localDateTimeOf(now, member.timeZone);
  if (local.time < preferences.sendAt) return null;
  return calendarOf(member).isBusinessDay(local.date) ? local.date : null;
}
