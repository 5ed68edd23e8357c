import { afterEach, describe, expect, it } from 'vitest';
import { readIcs } from '../../src/app/calendar/read-ics.ts';

/*
 * Floating times (no TZID, no Z) are the wall-clock time of whoever reads the calendar
 * (RFC 5545 §3.3.5): the file's X-WR-TIMEZONE when it names one (Google and Apple write it),
 * else the importing member's zone; never the server's own zone.
 */
const NOW = new Date('2026-11-24T00:00:00Z');
const calendar = (lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const meeting = (lines: string[]) => [
  'BEGIN:VEVENT',
  'UID:m1@test',
  'SUMMARY:Pricing review',
  ...lines,
  'END:VEVENT',
];
const starts = async (body: string, zone: string) =>
  (await readIcs(body, NOW, 90, zone)).occurrences.map((o) => [o.startsAt, o.endsAt]);

describe('reading floating times', () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it('reads them in the member’s zone, whatever the server’s zone', async () => {
    const body = calendar(meeting(['DTSTART:20261201T100000', 'DTEND:20261201T110000']));
    for (const server of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      process.env.TZ = server;
      expect(await starts(body, 'America/New_York')).toEqual([
        ['2026-12-01T15:00:00.000Z', '2026-12-01T16:00:00.000Z'],
      ]);
      expect(await starts(body, 'Europe/Berlin')).toEqual([
        ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'],
      ]);
    }
  });

  it('prefers the file’s X-WR-TIMEZONE, and expands a floating series with its EXDATE', async () => {
    process.env.TZ = 'Asia/Tokyo';
    const body = calendar([
      'X-WR-TIMEZONE:America/Chicago',
      ...meeting([
        'DTSTART:20261201T090000',
        'DURATION:PT30M',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'EXDATE:20261208T090000',
      ]),
    ]);
    expect(await starts(body, 'Europe/Berlin')).toEqual([
      ['2026-12-01T15:00:00.000Z', '2026-12-01T15:30:00.000Z'],
      ['2026-12-15T15:00:00.000Z', '2026-12-15T15:30:00.000Z'],
    ]);
  });

  it('leaves UTC times, zoned times and all-day dates as they are', async () => {
    process.env.TZ = 'Asia/Tokyo';
    const body = calendar([
      ...meeting(['DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z']),
      'BEGIN:VEVENT',
      'UID:m2@test',
      'SUMMARY:Zoned',
      'DTSTART;TZID=America/Los_Angeles:20261202T100000',
      'DTEND;TZID=America/Los_Angeles:20261202T110000',
      'END:VEVENT',
    ]);
    expect(await starts(body, 'Europe/Berlin')).toEqual([
      ['2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z'],
      ['2026-12-02T18:00:00.000Z', '2026-12-02T19:00:00.000Z'],
    ]);
  });
});
