import { civil, dayOfWeek, daysInMonth, epochDay, isoOf } from './epoch-days.ts';

/**
 * A calendar date for resolving expressions in notes. It offers the few Temporal.PlainDate
 * operations the date rules use, on an integer day number: a note can hold dozens of date
 * expressions and the polyfill allocates several objects per Temporal operation, which made date
 * reading the largest cost of extraction.
 */
export class Day {
  readonly epoch: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  private iso: string | undefined;

  constructor(epoch: number) {
    const c = civil(epoch);
    this.epoch = epoch;
    this.year = c.year;
    this.month = c.month;
    this.day = c.day;
  }

  /** A real date, or null for 31 April and the like. */
  static of(year: number, month: number, day: number): Day | null {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return new Day(epochDay(year, month, day));
  }

  /** From the YYYY-MM-DD text the calendar returns (trusted, not validated). */
  static fromIso(iso: string): Day {
    return new Day(
      epochDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))),
    );
  }

  static compare(a: Day, b: Day): number {
    return a.epoch - b.epoch;
  }

  /** ISO day of week, Monday = 1. */
  get dayOfWeek(): number {
    return dayOfWeek(this.epoch);
  }

  /** Days, weeks, then months; a month added to 31 January gives the last day of February. */
  add(d: { days?: number; weeks?: number; months?: number }): Day {
    let epoch = this.epoch;
    if (d.months) {
      const total = this.year * 12 + (this.month - 1) + d.months;
      const year = Math.floor(total / 12);
      const month = (total % 12) + 1;
      epoch = epochDay(year, month, Math.min(this.day, daysInMonth(year, month)));
    }
    return new Day(epoch + (d.days ?? 0) + 7 * (d.weeks ?? 0));
  }

  subtract(d: { days: number }): Day {
    return new Day(this.epoch - d.days);
  }

  toString(): string {
    this.iso ??= isoOf(this.epoch);
    return this.iso;
  }
}
