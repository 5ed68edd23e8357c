import { Temporal } from 'temporal-polyfill';
import { invalid } from '../kernel/errors.ts';

/** A calendar date as the product stores and shows it: YYYY-MM-DD. */
export type IsoDate = string;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every date the product takes lies in this range. Business calendars, public holidays and
 * the planner walk days and years from a date, and far-off years (9999, year 0) overflow what
 * they and the stored instants can represent; no sales promise is due before 1900 or after 2199.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
/** The same range for a JSON Schema pattern: a year from 1900 to 2199. */
export const DATE_IN_RANGE_PATTERN = '^(19\\d{2}|2[01]\\d{2})-\\d{2}-\\d{2}$';

export function parseIsoDate(value: string, field = 'date'): Temporal.PlainDate {
  if (!DATE_RE.test(value))
    throw invalid(`${field} must be a date like 2026-11-27, got "${value}".`);
  if (value < EARLIEST_DATE || value > LATEST_DATE) {
    throw invalid(`${field} must be from ${EARLIEST_DATE} to ${LATEST_DATE}, got "${value}".`);
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw invalid(`${field} "${value}" is not a real calendar date.`);
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date an instant falls on in a zone. */
export function localDate(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

/** Instants are stored as UTC ISO-8601 text with milliseconds, so they sort the same everywhere.
 * Date writes the same text as Temporal's `toString({ smallestUnit: 'millisecond' })` (both
 * round down to the millisecond, over the same range) in a fraction of the polyfill's time, and
 * every write stores a few instants. */
export function toStoredInstant(instant: Temporal.Instant): string {
  return new Date(instant.epochMilliseconds).toISOString();
}
