import { afterAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/core/calendar/business-calendar.ts';
import { chronoFallback, type DateContext } from '../../src/core/extraction/dates.ts';
import { Day } from '../../src/core/time/day.ts';

/*
 * The date phrasings only chrono-node reads are read in the call's own wall-clock time, whatever
 * zone the server runs in. chrono was given `new Date(y, m, d, h, min)`, a reading in the host's
 * zone (issue 16, item 2); it is now given that wall-clock time as UTC with UTC as its zone.
 * The old form did not change these answers (only chrono's certain day, month and year are
 * used), so this is a guard: each phrasing is read with the host's TZ set to zones on both
 * sides of UTC, including Pacific/Apia on 30 Dec 2011 (a day Samoa skipped) and New York's
 * spring-forward night, and must give the same answer as on a UTC host.
 */
const HOST_ZONES = [
  'UTC',
  'America/New_York',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

const context = (year: number, month: number, day: number, minutes: number): DateContext => ({
  today: Day.of(year, month, day)!,
  minutes,
  calendar: createBusinessCalendar({ region: null }),
  dayFirst: false,
  region: null,
});

const read = (text: string, ctx: DateContext) => {
  const hit = chronoFallback(text, ctx);
  return hit && { date: hit.date?.toString() ?? null, time: hit.time };
};

describe.each([
  { call: '2026-11-24 10:00', ctx: context(2026, 11, 24, 10 * 60) },
  { call: '2011-12-30 00:30 (skipped in Apia)', ctx: context(2011, 12, 30, 30) },
  { call: '2026-03-08 02:30 (skipped in New York)', ctx: context(2026, 3, 8, 2 * 60 + 30) },
  { call: '2026-12-31 23:50', ctx: context(2026, 12, 31, 23 * 60 + 50) },
])('a call on $call', ({ ctx }) => {
  it.each(['on the 3rd of Jan.', 'by the 2nd of Feb at 3pm', 'before 1/4', 'by Mar. 9th'])(
    '"%s" reads the same on every host zone',
    (text) => {
      process.env.TZ = 'UTC';
      const expected = read(text, ctx);
      expect(expected, 'chrono reads it').not.toBeNull();
      for (const zone of HOST_ZONES) {
        process.env.TZ = zone;
        expect(read(text, ctx), `host TZ ${zone}`).toEqual(expected);
      }
    },
  );
});
