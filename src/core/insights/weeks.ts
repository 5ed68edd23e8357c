import { Temporal } from 'temporal-polyfill';
import { addDays, daysBetween } from '../time/local-days.ts';
import type { IsoDate } from '../time/dates.ts';

/** The ISO week a date falls in, "2026-W48" (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeekOf(date: IsoDate): string {
  const d = Temporal.PlainDate.from(date);
  return `${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, '0')}`;
}

export interface WeekSpan {
  week: string;
  /** The first and last day of the week inside the period. */
  start: IsoDate;
  end: IsoDate;
}

/** The ISO weeks a period touches, each cut to the period. */
export function weeksOf(from: IsoDate, to: IsoDate): WeekSpan[] {
  const out: WeekSpan[] = [];
  let start = from;
  while (start <= to) {
    const dayOfWeek = Temporal.PlainDate.from(start).dayOfWeek;
    const sunday = addDays(start, 7 - dayOfWeek);
    const end = sunday < to ? sunday : to;
    out.push({ week: isoWeekOf(start), start, end });
    start = addDays(end, 1);
  }
  return out;
}

export function datesOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

/** A share of a total to two decimals; 0 of 0 is 0. */
export function share(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100) / 100;
}
