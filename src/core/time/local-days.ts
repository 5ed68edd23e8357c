import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './dates.ts';
import { toStoredInstant } from './dates.ts';

/*
 * Day arithmetic for the hot paths (Today over thousands of deals, the march over weeks of
 * touches). Temporal is exact but costs tens of microseconds per call in the polyfill, so
 * calendar dates are handled as day numbers, and instants are placed on local days through a
 * small per-zone cache. The results are the same as Temporal's.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: IsoDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY_MS
  );
}

export function dateOfEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** The instant a local day starts in a zone, as stored text: touches at or after it and before
 * the next day's start fall on that day. */
export function startOfLocalDay(date: IsoDate, timeZone: string): string {
  return toStoredInstant(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).toInstant());
}

/** Every zone offset in use is a multiple of 15 minutes, so instants in the same quarter hour
 * fall on the same local day. */
const BUCKET_MS = 15 * 60_000;

/**
 * A function that tells the local date of stored instants in one zone. It asks Intl (about ten
 * times faster than the Temporal polyfill for this one question) and remembers each quarter hour.
 */
export function localDayReader(timeZone: string): (instant: string) => IsoDate {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const cache = new Map<number, IsoDate>();
  return (instant) => {
    const bucket = Math.floor(Date.parse(instant) / BUCKET_MS);
    let date = cache.get(bucket);
    if (date === undefined) {
      let y = 0;
      let m = 0;
      let d = 0;
      for (const part of format.formatToParts(bucket * BUCKET_MS)) {
        if (part.type === 'year') y = Number(part.value);
        else if (part.type === 'month') m = Number(part.value);
        else if (part.type === 'day') d = Number(part.value);
      }
      date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      cache.set(bucket, date);
    }
    return date;
  };
}

/** One member's view of one local day: the thresholds neglect and momentum compare against,
 * computed once per request rather than once per deal. */
export interface DayView {
  readonly date: IsoDate;
  readonly timeZone: string;
  /** The local date of a stored instant. */
  dayOf(instant: string): IsoDate;
  /** The instant `days` local days before this day starts: a deal last touched before it has
   * gone more than `days` days without a touch. */
  touchCutoff(days: number): string;
  /** Where this day starts and ends (the next day's start), as stored instants. */
  readonly start: string;
  readonly end: string;
}

export function createDayView(date: IsoDate, timeZone: string): DayView {
  const dayOf = localDayReader(timeZone);
  const cutoffs = new Map<number, string>();
  return {
    date,
    timeZone,
    dayOf,
    touchCutoff(days) {
      let cutoff = cutoffs.get(days);
      if (cutoff === undefined) {
        cutoff = startOfLocalDay(addDays(date, -days), timeZone);
        cutoffs.set(days, cutoff);
      }
      return cutoff;
    },
    start: startOfLocalDay(date, timeZone),
    end: startOfLocalDay(addDays(date, 1), timeZone),
  };
}
