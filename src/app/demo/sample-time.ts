import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../core/kernel/clock.ts';

/**
 * The sample workspace is written as a story told in business days around today ("three
 * business days ago at 10:00"). This turns those offsets into instants and dates in the owner's
 * zone, never later than now: an event "today at 16:00" loaded at 09:00 happens a little
 * before now instead, so that no use case sees a future touch or delivery.
 */
export interface SampleTime {
  /** Today's date in the owner's zone. */
  today: Temporal.PlainDate;
  /** The business day `offset` business days from today (Mon–Fri; negative is past). */
  day(offset: number): Temporal.PlainDate;
  /** YYYY-MM-DD of `day(offset)`. */
  date(offset: number): string;
  /** The instant at HH:MM on `day(offset)` in the owner's zone, capped at just before now. */
  at(offset: number, time: string): Temporal.Instant;
  /** The same as an ISO instant string, which every use case accepts as `at`. */
  iso(offset: number, time: string): string;
  /** A clock stopped at that moment, to run a use case "back then". */
  clock(offset: number, time: string): Clock;
}

function isWeekend(d: Temporal.PlainDate): boolean {
  return d.dayOfWeek === 6 || d.dayOfWeek === 7;
}

export function sampleTime(now: Temporal.Instant, timeZone: string): SampleTime {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  // The story asks for the same few dozen days and moments hundreds of times: each is worked
  // out once (Temporal's arithmetic is most of the sample's own cost otherwise).
  const days = new Map<number, Temporal.PlainDate>();
  const moments = new Map<string, Temporal.Instant>();
  const day = (offset: number): Temporal.PlainDate => {
    const known = days.get(offset);
    if (known) return known;
    const found = walk(offset);
    days.set(offset, found);
    return found;
  };
  const walk = (offset: number): Temporal.PlainDate => {
    let d = today;
    const step = offset < 0 ? -1 : 1;
    for (let left = Math.abs(offset); left > 0;) {
      d = d.add({ days: step });
      if (!isWeekend(d)) left -= 1;
    }
    // "Today" on a weekend still reads as today; any other offset lands on a business day.
    return d;
  };
  // Events of the same day keep their order when capped: each is pushed back by its distance
  // from the end of the day.
  const at = (offset: number, time: string): Temporal.Instant => {
    const key = `${offset} ${time}`;
    let instant = moments.get(key);
    if (!instant) moments.set(key, (instant = momentOf(offset, time)));
    return instant;
  };
  const momentOf = (offset: number, time: string): Temporal.Instant => {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const instant = day(offset)
      .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from({ hour: h, minute: m }) })
      .toInstant();
    if (Temporal.Instant.compare(instant, now) < 0) return instant;
    const minutesToMidnight = (24 - h) * 60 - m;
    return now.subtract({ minutes: 1 + Math.round(minutesToMidnight / 10) });
  };
  return {
    today,
    day,
    date: (offset) => day(offset).toString(),
    at,
    iso: (offset, time) => at(offset, time).toString({ smallestUnit: 'millisecond' }),
    clock: (offset, time) => {
      const then = at(offset, time);
      return { now: () => then };
    },
  };
}
