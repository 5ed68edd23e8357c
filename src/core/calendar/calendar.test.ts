import { describe, expect, it } from 'vitest';
import {
  classifyCompletion,
  classifyCompletionAt,
  createBusinessCalendar,
  earlyTarget,
  instantFromLocal,
  isValidRegion,
  localDateOf,
  localDateTimeOf,
  normalizeRegion,
  parseWeekend,
  resolveMoment,
  validRegionExamples,
} from './index.ts';
import type { BusinessCalendarOptions } from './index.ts';
import { DomainError } from '../kernel/errors.ts';

interface TargetCase {
  name: string;
  calendar: BusinessCalendarOptions;
  madeOn: string;
  due: string;
  lead?: number;
  target: string;
}

const targetCases: TargetCase[] = [
  {
    name: 'docs/rules.md example, US: Thanksgiving pushes the target to Wednesday',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-27',
    target: '2026-11-25',
  },
  {
    name: 'docs/rules.md example, DE: Thursday is a working day',
    calendar: { region: 'DE' },
    madeOn: '2026-11-24',
    due: '2026-11-27',
    target: '2026-11-26',
  },
  {
    name: 'due on Thanksgiving itself',
    calendar: { region: 'US' },
    madeOn: '2026-11-20',
    due: '2026-11-26',
    target: '2026-11-25',
  },
  {
    name: 'GB 2027: Christmas and Boxing Day on the weekend, substitutes Mon 27 and Tue 28',
    calendar: { region: 'GB-ENG' },
    madeOn: '2027-12-20',
    due: '2027-12-29',
    target: '2027-12-24',
  },
  {
    name: 'GB 2027 with a two-day lead skips the substitute days and the weekend',
    calendar: { region: 'GB-ENG' },
    madeOn: '2027-12-20',
    due: '2027-12-29',
    lead: 2,
    target: '2027-12-23',
  },
  {
    name: 'US 2027: Christmas on Saturday is observed on Friday 24',
    calendar: { region: 'US' },
    madeOn: '2027-12-20',
    due: '2027-12-27',
    target: '2027-12-23',
  },
  {
    name: 'AU-NSW 2026: Boxing Day on Saturday, substitute Monday 28',
    calendar: { region: 'AU-NSW' },
    madeOn: '2026-12-21',
    due: '2026-12-29',
    target: '2026-12-24',
  },
  {
    name: 'GB Easter 2027: Good Friday and Easter Monday',
    calendar: { region: 'GB-ENG' },
    madeOn: '2027-03-22',
    due: '2027-03-30',
    target: '2027-03-25',
  },
  {
    name: 'DE Easter 2026: Karfreitag and Ostermontag',
    calendar: { region: 'DE' },
    madeOn: '2026-03-30',
    due: '2026-04-07',
    target: '2026-04-02',
  },
  {
    name: 'DE-BY Epiphany is a holiday in Bavaria only',
    calendar: { region: 'DE-BY' },
    madeOn: '2026-01-02',
    due: '2026-01-07',
    target: '2026-01-05',
  },
  {
    name: 'DE (federal) works on Epiphany',
    calendar: { region: 'DE' },
    madeOn: '2026-01-02',
    due: '2026-01-07',
    target: '2026-01-06',
  },
  {
    name: 'fri,sat weekend: due Sunday, target Thursday',
    calendar: { weekend: 'fri,sat' },
    madeOn: '2026-11-23',
    due: '2026-11-29',
    target: '2026-11-26',
  },
  {
    name: 'fri,sat weekend: due Monday, target the working Sunday',
    calendar: { weekend: 'fri,sat' },
    madeOn: '2026-11-23',
    due: '2026-11-30',
    target: '2026-11-29',
  },
  {
    name: 'promise made on a Saturday, due Monday: target is Monday, not the Friday before',
    calendar: { region: 'US' },
    madeOn: '2026-11-28',
    due: '2026-11-30',
    target: '2026-11-30',
  },
  {
    name: 'promise made on a Sunday, due Wednesday',
    calendar: { region: 'US' },
    madeOn: '2026-11-29',
    due: '2026-12-02',
    target: '2026-12-01',
  },
  {
    name: 'promise made on a Saturday with a long lead: first business day after it was made',
    calendar: { region: 'US' },
    madeOn: '2026-11-28',
    due: '2026-12-02',
    lead: 3,
    target: '2026-11-30',
  },
  {
    name: 'promise made on Saturday, due Sunday: never after the due date',
    calendar: { region: 'US' },
    madeOn: '2026-11-28',
    due: '2026-11-29',
    target: '2026-11-29',
  },
  {
    name: 'same-day promise: target is the due date',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-24',
    target: '2026-11-24',
  },
  {
    name: 'due tomorrow: target is today',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-25',
    target: '2026-11-24',
  },
  {
    name: 'due date already past when recorded: target is the due date',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-20',
    target: '2026-11-20',
  },
  {
    name: 'lead 0 keeps a business due date',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-27',
    lead: 0,
    target: '2026-11-27',
  },
  {
    name: 'lead 0 on a Saturday due date moves to the Friday',
    calendar: { region: 'US' },
    madeOn: '2026-11-24',
    due: '2026-11-28',
    lead: 0,
    target: '2026-11-27',
  },
  {
    name: 'personal day off is skipped',
    calendar: { region: 'US', daysOff: ['2026-11-25'] },
    madeOn: '2026-11-20',
    due: '2026-11-27',
    target: '2026-11-24',
  },
  {
    name: 'DST change in the EU (2026-10-25) does not shift calendar days',
    calendar: { region: 'DE' },
    madeOn: '2026-10-23',
    due: '2026-10-26',
    target: '2026-10-23',
  },
  {
    name: 'DST change in the US (2026-11-01) does not shift calendar days',
    calendar: { region: 'US' },
    madeOn: '2026-10-30',
    due: '2026-11-03',
    target: '2026-11-02',
  },
  {
    name: 'JP Golden Week',
    calendar: { region: 'JP' },
    madeOn: '2026-04-27',
    due: '2026-05-07',
    target: '2026-05-01',
  },
];

describe('earlyTarget', () => {
  it.each(targetCases)('$name', ({ calendar, madeOn, due, lead, target }) => {
    expect(
      earlyTarget({ due, madeOn, lead: lead ?? 1, calendar: createBusinessCalendar(calendar) }),
    ).toBe(target);
  });

  it('refuses a negative or fractional lead', () => {
    const calendar = createBusinessCalendar();
    expect(() =>
      earlyTarget({ due: '2026-11-27', madeOn: '2026-11-24', lead: -1, calendar }),
    ).toThrow(DomainError);
    expect(() =>
      earlyTarget({ due: '2026-11-27', madeOn: '2026-11-24', lead: 1.5, calendar }),
    ).toThrow(/whole number/);
  });
});

describe('business calendar', () => {
  const us = createBusinessCalendar({ region: 'US' });
  const gb = createBusinessCalendar({ region: 'GB-ENG' });

  it.each([
    ['US', '2026-11-26', false, 'Thanksgiving Day'],
    ['US', '2026-11-27', true, null],
    ['US', '2026-07-03', false, 'Independence Day (substitute day)'],
    ['GB-ENG', '2027-12-27', false, 'Christmas Day (substitute day)'],
    ['GB-ENG', '2027-12-28', false, 'Boxing Day (substitute day)'],
    ['GB-ENG', '2027-12-24', true, null],
    ['GB-ENG', '2027-03-26', false, 'Good Friday'],
    ['GB-ENG', '2027-03-29', false, 'Easter Monday'],
    ['GB-SCT', '2027-01-04', false, 'January 2nd (substitute day)'],
    ['DE', '2026-04-03', false, 'Good Friday'],
    ['DE', '2026-04-06', false, 'Easter Monday'],
    ['FR', '2026-07-14', false, 'Bastille Day'],
    ['IN', '2026-08-14', true, null],
    ['AU-NSW', '2026-12-28', false, 'Boxing Day (substitute day)'],
  ])('%s %s business=%s holiday=%s', (region, date, business, name) => {
    const cal = createBusinessCalendar({ region });
    expect(cal.isBusinessDay(date)).toBe(business);
    expect(cal.holidayName(date)).toBe(name);
  });

  it.each([
    ['2026-11-24', 1, '2026-11-25'],
    ['2026-11-25', 1, '2026-11-27'],
    ['2026-11-27', -1, '2026-11-25'],
    ['2026-11-27', 3, '2026-12-02'],
    ['2026-11-30', -2, '2026-11-25'],
    ['2026-11-28', 1, '2026-11-30'],
    ['2026-11-28', -1, '2026-11-27'],
    ['2026-11-28', 0, '2026-11-28'],
    ['2026-12-24', 1, '2026-12-28'],
  ])('US addBusinessDays(%s, %i) = %s', (date, n, expected) => {
    expect(us.addBusinessDays(date, n)).toBe(expected);
  });

  it('finds the nearest business days around a holiday weekend', () => {
    expect(gb.nextBusinessDayOnOrAfter('2027-12-25')).toBe('2027-12-29');
    expect(gb.previousBusinessDayOnOrBefore('2027-12-28')).toBe('2027-12-24');
    expect(us.nextBusinessDayOnOrAfter('2026-11-24')).toBe('2026-11-24');
  });

  it('explains why a day is off', () => {
    const cal = createBusinessCalendar({ region: 'US', daysOff: ['2026-12-01'] });
    expect(cal.nonBusinessReason('2026-11-26')).toBe('Thanksgiving Day');
    expect(cal.nonBusinessReason('2026-11-28')).toBe('weekend');
    expect(cal.nonBusinessReason('2026-12-01')).toBe('day off');
    expect(cal.nonBusinessReason('2026-12-02')).toBeNull();
  });

  it('starts the week after the weekend', () => {
    expect(us.weekOf('2026-11-24')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(us.lastBusinessDayOfWeek('2026-11-24')).toBe('2026-11-27');
    expect(us.firstBusinessDayOfWeek('2026-11-24')).toBe('2026-11-23');
    const gulf = createBusinessCalendar({ weekend: 'fri,sat' });
    expect(gulf.weekOf('2026-11-24')).toEqual({ start: '2026-11-22', end: '2026-11-28' });
    expect(gulf.lastBusinessDayOfWeek('2026-11-24')).toBe('2026-11-26');
    expect(gulf.isBusinessDay('2026-11-27')).toBe(false);
    expect(gulf.isBusinessDay('2026-11-29')).toBe(true);
  });

  it('has no holidays without a region', () => {
    const cal = createBusinessCalendar({ region: null });
    expect(cal.isBusinessDay('2026-12-25')).toBe(true);
    expect(cal.region).toBeNull();
  });

  it('rejects bad dates with a validation error', () => {
    expect(() => us.isBusinessDay('2026-02-30')).toThrow(DomainError);
    expect(() => us.isBusinessDay('27/11/2026')).toThrow(/2026-11-27/);
  });
});

describe('regions', () => {
  it.each([
    ['US', true],
    ['US-CA', true],
    ['us-ny', true],
    ['DE-BY', true],
    ['GB-ENG', true],
    ['FR', true],
    ['IN', true],
    ['JP', true],
    ['AU-NSW', true],
    ['CA-ON', true],
    ['UK', true],
    ['XX', false],
    ['US-ZZ', false],
    ['GB-XYZ', false],
    ['USA', false],
    ['', false],
    ['DE BY', false],
  ])('isValidRegion(%j) = %s', (code, valid) => {
    expect(isValidRegion(code)).toBe(valid);
  });

  it('normalises codes and explains the valid forms', () => {
    expect(normalizeRegion('gb-eng')).toBe('GB-ENG');
    expect(normalizeRegion('uk')).toBe('GB');
    expect(() => normalizeRegion('Narnia')).toThrow(/US-CA/);
    expect(validRegionExamples()).toMatch(/GB-ENG/);
    expect(() => createBusinessCalendar({ region: 'XX' })).toThrow(DomainError);
  });
});

describe('weekend', () => {
  it.each([
    ['sat,sun', ['sat', 'sun']],
    ['Fri, Sat', ['fri', 'sat']],
    ['sun,sat', ['sat', 'sun']],
    ['friday,saturday', ['fri', 'sat']],
    ['sun', ['sun']],
    ['none', []],
  ])('parseWeekend(%j)', (value, expected) => {
    expect(parseWeekend(value)).toEqual(expected);
  });

  it.each(['funday', 'sat,,xyz', 'mon,tue,wed,thu,fri,sat,sun'])('refuses %j', (value) => {
    expect(() => parseWeekend(value)).toThrow(/sat,sun/);
  });
});

describe('local time', () => {
  it.each([
    // A call late at night in Los Angeles is already tomorrow in UTC.
    ['2026-11-25T06:30:00Z', 'America/Los_Angeles', '2026-11-24', '22:30'],
    ['2026-11-25T06:30:00Z', 'UTC', '2026-11-25', '06:30'],
    // US DST ends 2026-11-01 at 02:00: 01:30 happens twice.
    ['2026-11-01T08:30:00Z', 'America/Los_Angeles', '2026-11-01', '01:30'],
    ['2026-11-01T09:30:00Z', 'America/Los_Angeles', '2026-11-01', '01:30'],
    ['2026-11-02T04:30:00Z', 'America/New_York', '2026-11-01', '23:30'],
    ['2026-10-31T04:30:00Z', 'America/New_York', '2026-10-31', '00:30'],
    // EU DST ends 2026-10-25: the same UTC time is a day apart in Berlin.
    ['2026-10-24T22:30:00Z', 'Europe/Berlin', '2026-10-25', '00:30'],
    ['2026-10-25T22:30:00Z', 'Europe/Berlin', '2026-10-25', '23:30'],
    ['2026-11-24T20:00:00Z', 'Asia/Kolkata', '2026-11-25', '01:30'],
  ])('%s in %s is %s %s', (instant, zone, date, time) => {
    expect(localDateTimeOf(instant, zone)).toEqual({ date, time });
    expect(localDateOf(instant, zone)).toBe(date);
  });

  it('gives a late-night Los Angeles promise its local day', () => {
    const at = resolveMoment('2026-11-25T06:30:00Z', 'America/Los_Angeles');
    expect(at.date).toBe('2026-11-24');
    const calendar = createBusinessCalendar({ region: 'US-CA' });
    // "by tomorrow" said at 22:30 on Tuesday is due Wednesday; the target is still Tuesday.
    expect(earlyTarget({ due: '2026-11-25', madeOn: at.date, lead: 1, calendar })).toBe(
      '2026-11-24',
    );
  });

  it('moves a wall-clock time skipped by spring-forward to after the jump', () => {
    expect(instantFromLocal('2026-03-08T02:30', 'America/Los_Angeles').toString()).toBe(
      '2026-03-08T10:30:00Z',
    );
    expect(resolveMoment('2026-03-29T02:30', 'Europe/Berlin').time).toBe('03:30');
  });

  it('refuses bad zones and date-times with the valid forms', () => {
    expect(() => resolveMoment('2026-11-24T10:00', 'Mars/Olympus')).toThrow(/America\/New_York/);
    expect(() => resolveMoment('24/11/2026 10am', 'UTC')).toThrow(/2026-11-24T10:00/);
    expect(() => resolveMoment('2026-13-01T10:00', 'UTC')).toThrow(DomainError);
  });
});

describe('classifyCompletion', () => {
  it.each([
    ['2026-11-25', '2026-11-27', 'early'],
    ['2026-11-27', '2026-11-27', 'on-time'],
    ['2026-11-30', '2026-11-27', 'late'],
  ] as const)('done %s, due %s → %s', (done, due, expected) => {
    expect(classifyCompletion(done, due)).toBe(expected);
  });

  it('classifies in the owner zone, not UTC', () => {
    // 05:00 UTC on the 28th is still the 27th in Los Angeles: on time, not late.
    expect(classifyCompletionAt('2026-11-28T05:00:00Z', '2026-11-27', 'America/Los_Angeles')).toBe(
      'on-time',
    );
    expect(classifyCompletionAt('2026-11-28T05:00:00Z', '2026-11-27', 'Europe/Berlin')).toBe(
      'late',
    );
  });
});
