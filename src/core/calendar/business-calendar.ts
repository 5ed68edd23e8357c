import { Temporal } from 'temporal-polyfill';
import { parseIsoDate } from '../shared/dates.ts';
import type { IsoDate } from '../shared/dates.ts';
import { invalid } from '../shared/errors.ts';
import type { Weekday } from '../workspaces/types.ts';
import { normalizeRegion, publicHolidays } from './regions.ts';
import { DEFAULT_WEEKEND, isoDayOf, parseWeekend } from './weekend.ts';

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
  return typeof date === 'string' ? parseIsoDate(date, field) : date;
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
  const daysOff = [
    ...new Set((options.daysOff ?? []).map((d) => parseIsoDate(d, 'day off').toString())),
  ].sort();
  const daysOffSet = new Set(daysOff);
  const startDay = weekStartDay(weekendDays);

  const holidayOf = (d: Temporal.PlainDate): string | null =>
    region === null ? null : (publicHolidays(region, d.year).get(d.toString()) ?? null);

  const businessDay = (d: Temporal.PlainDate): boolean =>
    !weekendDays.has(d.dayOfWeek) && !daysOffSet.has(d.toString()) && holidayOf(d) === null;

  const scan = (from: Temporal.PlainDate, step: 1 | -1): Temporal.PlainDate => {
    let d = from;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (businessDay(d)) return d;
      d = d.add({ days: step });
    }
    throw invalid(
      'This calendar has no business day within ten years; check its weekend and days off.',
    );
  };

  const weekOfPlain = (d: Temporal.PlainDate) => {
    const start = d.subtract({ days: (d.dayOfWeek - startDay + 7) % 7 });
    return { start, end: start.add({ days: 6 }) };
  };

  return {
    weekend,
    region,
    daysOff,
    isBusinessDay: (date) => businessDay(toPlainDate(date)),
    isWeekend: (date) => weekendDays.has(toPlainDate(date).dayOfWeek),
    holidayName: (date) => holidayOf(toPlainDate(date)),
    nonBusinessReason(date) {
      const d = toPlainDate(date);
      const holiday = holidayOf(d);
      if (holiday !== null) return holiday;
      if (daysOffSet.has(d.toString())) return 'day off';
      if (weekendDays.has(d.dayOfWeek)) return 'weekend';
      return null;
    },
    addBusinessDays(date, n) {
      if (!Number.isInteger(n)) throw invalid(`Business days must be a whole number, got ${n}.`);
      let d = toPlainDate(date);
      const step = n < 0 ? -1 : 1;
      for (let left = Math.abs(n); left > 0; left--) d = scan(d.add({ days: step }), step);
      return d.toString();
    },
    nextBusinessDayOnOrAfter: (date) => scan(toPlainDate(date), 1).toString(),
    previousBusinessDayOnOrBefore: (date) => scan(toPlainDate(date), -1).toString(),
    weekOf(date) {
      const { start, end } = weekOfPlain(toPlainDate(date));
      return { start: start.toString(), end: end.toString() };
    },
    firstBusinessDayOfWeek(date) {
      const { start, end } = weekOfPlain(toPlainDate(date));
      const d = scan(start, 1);
      // A week made entirely of holidays and days off has no business day of its own.
      return Temporal.PlainDate.compare(d, end) <= 0 ? d.toString() : start.toString();
    },
    lastBusinessDayOfWeek(date) {
      const { start, end } = weekOfPlain(toPlainDate(date));
      const d = scan(end, -1);
      return Temporal.PlainDate.compare(d, start) >= 0 ? d.toString() : end.toString();
    },
  };
}
