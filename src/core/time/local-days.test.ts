import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createDayView,
  daysBetween,
  epochDay,
  localDayReader,
  startOfLocalDay,
} from './local-days.ts';

describe('local days', () => {
  it.each([
    { date: '2026-11-24', days: 1, expected: '2026-11-25' },
    { date: '2026-12-31', days: 1, expected: '2027-01-01' },
    { date: '2028-03-01', days: -1, expected: '2028-02-29' },
    { date: '2026-03-08', days: 30, expected: '2026-04-07' },
  ])('$date + $days days = $expected', ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('numbers days from 1970-01-01', () => {
    expect(epochDay('1970-01-02')).toBe(1);
  });

  it.each([
    // Late at night in Los Angeles is already tomorrow in UTC.
    { zone: 'America/Los_Angeles', instant: '2026-11-25T06:30:00.000Z', date: '2026-11-24' },
    { zone: 'Asia/Kathmandu', instant: '2026-11-24T18:14:00.000Z', date: '2026-11-24' },
    { zone: 'Asia/Kathmandu', instant: '2026-11-24T18:15:00.000Z', date: '2026-11-25' },
    // Across the US spring-forward night.
    { zone: 'America/New_York', instant: '2026-03-08T04:59:59.000Z', date: '2026-03-07' },
    { zone: 'America/New_York', instant: '2026-03-08T05:00:00.000Z', date: '2026-03-08' },
  ])('$instant is $date in $zone', ({ zone, instant, date }) => {
    expect(localDayReader(zone)(instant)).toBe(date);
    expect(Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString()).toBe(
      date,
    );
  });

  it('finds where a local day starts, across a DST change', () => {
    expect(startOfLocalDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('a day view places the neglect cutoff at the start of the day n days back', () => {
    const view = createDayView('2026-11-25', 'Europe/Berlin');
    expect(view.start).toBe('2026-11-24T23:00:00.000Z');
    expect(view.end).toBe('2026-11-25T23:00:00.000Z');
    expect(view.touchCutoff(7)).toBe('2026-11-17T23:00:00.000Z');
  });
});
