import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';
import type { Weekday } from '../time/weekdays.ts';
import { civil, dayOfWeek, epochDay, isoOf, parseIsoDay } from '../time/epoch-days.ts';
import { normalizeRegion, publicHolidays } from './regions.ts';
import { DEFAULT_WEEKEND, isoDayOf, parseWeekend } from '../time/weekdays.ts';

/** A calendar date given either as stored text or as a Temporal value. */
export type DateLike = IsoDate | Temporal.PlainDate;

export interface BusinessCalendarOptions {
  /** Weekend days; "sat,sun" by default. */
  weekend?: readonly Weekday[] | string;
  /** Region code whose public holidays are days off ("US", "DE-BY", "GB-ENG"); none if empty. */
  region?: string | null;
  /** Personal days off. */
  daysOff?: readonly IsoDate[];
}

export interface CalendarWeek {
  start: IsoDate;
  end: IsoDate;
}

/** One member's working days: weekends, the region's public holidays and personal days off. */
export interface BusinessCalendar {
  readonly weekend: readonly Weekday[];
  readonly region: string | null;
  readonly daysOff: readonly IsoDate[];
  isBusinessDay(date: DateLike): boolean;
  isWeekend(date: DateLike): boolean;
  /** The English name of the public holiday on that date, or null. */
  holidayName(date: DateLike): string | null;
  /** Why a day is not a business day ("weekend", "Thanksgiving Day", "day off"), or null. */
  nonBusinessReason(date: DateLike): string | null;
  /** Moves n business days forward (n > 0) or back (n < 0); n = 0 returns the date unchanged. */
  addBusinessDays(date: DateLike, n: number): IsoDate;
  nextBusinessDayOnOrAfter(date: DateLike): IsoDate;
  previousBusinessDayOnOrBefore(date: DateLike): IsoDate;
  /**
   * The seven-day week containing the date. It starts on the day after the weekend (Monday for a
   * sat,sun weekend, Sunday for fri,sat), so "end of the week" means the same thing to the member.
   */
  weekOf(date: DateLike): CalendarWeek;
  firstBusinessDayOfWeek(date: DateLike): IsoDate;
  lastBusinessDayOfWeek(date: DateLike): IsoDate;
}

/** No real calendar has a year without a business day; this guards a misconfigured one. */
const MAX_SCAN_DAYS = 3660;

export function toPlainDate(date: DateLike, field = 'date'): Temporal.PlainDate {
  if (typeof date !== 'string') return date;
  const { year, month, day } = civil(parseIsoDay(date, field));
  return Temporal.PlainDate.from({ year, month, day });
}

/** A date as a day number; Temporal values are read field by field, text is validated. */
export function toEpochDay(date: DateLike, field = 'date'): number {
  return typeof date === 'string'
    ? parseIsoDay(date, field)
    : epochDay(date.year, date.month, date.day);
}

function weekStartDay(weekend: ReadonlySet<number>): number {
  if (weekend.size === 0) return 1;
  let fallback = 0;
  for (const day of [...weekend].sort((a, b) => a - b)) {
    const next = (day % 7) + 1;
    if (weekend.has(next)) continue;
    if (next === 1) return 1;
    if (fallback === 0) fallback = next;
  }
  return fallback === 0 ? 1 : fallback;
}

export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const weekend =
    options.weekend === undefined ? [...DEFAULT_WEEKEND] : parseWeekend(options.weekend);
  const weekendDays = new Set(weekend.map(isoDayOf));
  const region =
    options.region === undefined || options.region === null || options.region.trim() === ''
      ? null
      : normalizeRegion(options.region);
  const offDays = new Set((options.daysOff ?? []).map((d) => parseIsoDay(d, 'day off')));
  const daysOff = [...offDays].sort((a, b) => a - b).map(isoOf);
  const startDay = weekStartDay(weekendDays);

  // The region's holidays by day number, per year, looked up once per calendar and year.
  const holidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();
  const holidayOf = (days: number): string | null => {
    if (region === null) return null;
    const { year } = civil(days);
    let map = holidaysByYear.get(year);
    if (!map) {
      map = publicHolidays(region, year);
      holidaysByYear.set(year, map);
    }
    return map.size === 0 ? null : (map.get(isoOf(days)) ?? null);
  };

  const businessDay = (days: number): boolean =>
    !weekendDays.has(dayOfWeek(days)) && !offDays.has(days) && holidayOf(days) === null;

  const scan = (from: number, step: 1 | -1): number => {
    let d = from;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (businessDay(d)) return d;
      d += step;
    }
    throw invalid(
      'This calendar has no business day within ten years; check its weekend and days off.',
    );
  };

  const weekStartOf = (days: number) => days - ((dayOfWeek(days) - startDay + 7) % 7);

  return {
    weekend,
    region,
    daysOff,
    isBusinessDay: (date) => businessDay(toEpochDay(date)),
    isWeekend: (date) => weekendDays.has(dayOfWeek(toEpochDay(date))),
    holidayName: (date) => holidayOf(toEpochDay(date)),
    nonBusinessReason(date) {
      const d = toEpochDay(date);
      const holiday = holidayOf(d);
      if (holiday !== null) return holiday;
      if (offDays.has(d)) return 'day off';
      if (weekendDays.has(dayOfWeek(d))) return 'weekend';
      return null;
    },
    addBusinessDays(date, n) {
      if (!Number.isInteger(n)) throw invalid(`Business days must be a whole number, got ${n}.`);
      let d = toEpochDay(date);
      const step = n < 0 ? -1 : 1;
      for (let left = Math.abs(n); left > 0; left--) d = scan(d + step, step);
      return isoOf(d);
    },
    nextBusinessDayOnOrAfter: (date) => isoOf(scan(toEpochDay(date), 1)),
    previousBusinessDayOnOrBefore: (date) => isoOf(scan(toEpochDay(date), -1)),
    weekOf(date) {
      const start = weekStartOf(toEpochDay(date));
      return { start: isoOf(start), end: isoOf(start + 6) };
    },
    firstBusinessDayOfWeek(date) {
      const start = weekStartOf(toEpochDay(date));
      const d = scan(start, 1);
      // A week made entirely of holidays and days off has no business day of its own.
      return isoOf(d <= start + 6 ? d : start);
    },
    lastBusinessDayOfWeek(date) {
      const start = weekStartOf(toEpochDay(date));
      const d = scan(start + 6, -1);
      return isoOf(d >= start ? d : start + 6);
    },
  };
}
