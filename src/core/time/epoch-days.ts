import { invalid } from '../kernel/errors.ts';
import type { IsoDate } from './dates.ts';

/**
 * Calendar dates as whole days since 1970-01-01 (proleptic Gregorian). A business calendar walks
 * day by day, and doing that with Temporal objects allocates several objects per step; integers
 * make the walk cheap. Only plain dates are handled here: time zones stay with Temporal.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  year: number;
  month: number;
  day: number;
}

/** The y-m-d of a day number (Howard Hinnant's civil_from_days). */
export function civil(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO day of week: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoOf(days: number): IsoDate {
  const { year, month, day } = civil(days);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Reads a YYYY-MM-DD date, refusing impossible ones with a validation error. */
export function parseIsoDay(value: string, field = 'date'): number {
  const m = ISO_RE.exec(value);
  if (!m) throw invalid(`${field} must be a date like 2026-11-27, got "${value}".`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(`${field} "${value}" is not a real calendar date.`);
  }
  return epochDay(year, month, day);
}
