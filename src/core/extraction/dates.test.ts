import { describe, expect, it } from 'vitest';
import { extractCommitments } from './index.ts';
import type { ExtractionContext } from './index.ts';

/*
 * Date expressions, read through the public API: "I'll send it <expression>." said at a known
 * local date-time must be due on the expected day (and time).
 */

const base: ExtractionContext = {
  // Tuesday 24 November 2026, 10:00 in New York; Thursday 26 is Thanksgiving.
  at: '2026-11-24T10:00',
  timeZone: 'America/New_York',
  region: 'US',
  lead: 1,
  weekend: 'sat,sun',
  ours: ['Alice'],
  theirs: ['Sarah'],
};

function dueOf(expression: string, context: Partial<ExtractionContext> = {}) {
  const result = extractCommitments(`I'll send it ${expression}.`, { ...base, ...context });
  expect(result.commitments, expression).toHaveLength(1);
  const c = result.commitments[0]!;
  return c.dueTime ? `${c.due} ${c.dueTime}` : c.due;
}

describe('date expressions said on Tue 2026-11-24 10:00 in New York', () => {
  it.each([
    // weekdays: the next one after the call day; "this" may be today; "next" is next week's
    ['by Friday', '2026-11-27'],
    ['on Monday', '2026-11-30'],
    ['Tuesday', '2026-12-01'],
    ['this Thursday', '2026-11-26'],
    ['this Tuesday', '2026-11-24'],
    ['next Tuesday', '2026-12-01'],
    ['next Friday', '2026-12-04'],
    ['Friday next week', '2026-12-04'],
    ['next week on Wednesday', '2026-12-02'],
    ['the Monday after next', '2026-12-07'],
    ['a week from Friday', '2026-12-04'],
    ['before Friday', '2026-11-26'],
    ['by Fri', '2026-11-27'],
    ['by firday', '2026-11-27'],
    ['by thurs', '2026-11-26'],
    ['on Thursday the 3rd', '2026-12-03'],
    // relative days
    ['today', '2026-11-24'],
    ['tonight', '2026-11-24'],
    ['asap', '2026-11-24'],
    ['tomorrow', '2026-11-25'],
    ['tmrw', '2026-11-25'],
    ['first thing tomorrow', '2026-11-25'],
    ['the day after tomorrow', '2026-11-26'],
    // the end of the working day keeps its time (issue 12)
    ['EOD', '2026-11-24 17:00'],
    ['by COB', '2026-11-24 17:00'],
    ['tomorrow EOD', '2026-11-25 17:00'],
    ['EOD Friday', '2026-11-27 17:00'],
    ['by end of day tomorrow', '2026-11-25 17:00'],
    // weeks: the last business day of the week unless said otherwise
    ['by the end of the week', '2026-11-27'],
    ['EOW', '2026-11-27'],
    ['this week', '2026-11-27'],
    ['later this week', '2026-11-27'],
    ['next week', '2026-12-04'],
    ['early next week', '2026-11-30'],
    ['mid next week', '2026-12-02'],
    ['mid-next week', '2026-12-02'],
    ['late next week', '2026-12-04'],
    ['by the end of next week', '2026-12-04'],
    ['the week after next', '2026-12-11'],
    ['by the weekend', '2026-11-27'],
    ['over the weekend', '2026-11-29'],
    // months, quarters, years: the last day of the period
    ['by the end of the month', '2026-11-30'],
    ['by end of month', '2026-11-30'],
    ['EOM', '2026-11-30'],
    ['next month', '2026-12-31'],
    ['by the end of next month', '2026-12-31'],
    ['early next month', '2026-12-07'],
    ['in January', '2027-01-31'],
    ['by mid-December', '2026-12-15'],
    ['before January', '2026-12-31'],
    ['in Q1', '2027-03-31'],
    ['by end of Q1', '2027-03-31'],
    ['by Q4', '2026-12-31'],
    ['in Q3', '2027-09-30'],
    ['Q2 2027', '2027-06-30'],
    ['this quarter', '2026-12-31'],
    ['next quarter', '2027-03-31'],
    ['by the end of the year', '2026-12-31'],
    // days of the month and explicit dates (US order)
    ['by the 15th', '2026-12-15'],
    ['by the 1st', '2026-12-01'],
    ['by the 30th', '2026-11-30'],
    ['on the 24th', '2026-11-24'],
    ['by Dec 4th', '2026-12-04'],
    ['by December 4', '2026-12-04'],
    ['on 4 December', '2026-12-04'],
    ['by December third', '2026-12-03'],
    ['by 12/4', '2026-12-04'],
    ['by 12/4/2026', '2026-12-04'],
    ['on 2026-12-04', '2026-12-04'],
    ['by Jan 8', '2027-01-08'],
    ['by Thursday, Dec 3', '2026-12-03'],
    // spans from the call day
    ['in 3 days', '2026-11-27'],
    ['in two weeks', '2026-12-08'],
    ['in a week', '2026-12-01'],
    ['within 10 days', '2026-12-04'],
    ['in a couple of days', '2026-11-26'],
    ['in a few days', '2026-11-27'],
    ['in a month', '2026-12-24'],
    ['within 3 business days', '2026-11-30'],
    ['in 5 business days', '2026-12-02'],
    ['within 48 hours', '2026-11-26'],
    ['within 24 hours', '2026-11-25'],
    ['two weeks from today', '2026-12-08'],
    // holidays
    ['before Thanksgiving', '2026-11-25'],
    ['by Thanksgiving', '2026-11-25'],
    ['before Christmas', '2026-12-24'],
    ['by Christmas Eve', '2026-12-24'],
    ['before the holidays', '2026-12-23'],
    ["before New Year's", '2026-12-31'],
    ['before Memorial Day', '2027-05-30'],
    // times are kept
    ['by 5pm Thursday', '2026-11-26 17:00'],
    ['Thursday at 5pm', '2026-11-26 17:00'],
    ['by 3pm', '2026-11-24 15:00'],
    ['by 9am', '2026-11-25 09:00'],
    ['by noon', '2026-11-24 12:00'],
    ['on Monday at 10:30', '2026-11-30 10:30'],
    ['Tuesday at 3', '2026-12-01 15:00'],
    ['by 17:00 Friday', '2026-11-27 17:00'],
    // no date
    ['soon', null],
    ['after the holidays', null],
    // after a one-day holiday: the first business day after it, past a Thursday's bridge day
    ['after Thanksgiving', '2026-11-30'],
    ['after Christmas', '2026-12-28'],
  ])('%s → %s', (expression, due) => {
    expect(dueOf(expression)).toBe(due);
  });
});

describe('date expressions in other calendars', () => {
  it.each([
    // GB writes the day first; Easter 2027 makes the week short (Good Friday 26 March).
    ['gb', 'by 5/4', '2027-04-05'],
    ['gb', 'by 12/04', '2027-04-12'],
    ['gb', 'by 30/3', '2027-03-30'],
    ['gb', 'by the end of the week', '2027-03-25'],
    ['gb', 'early next week', '2027-03-30'],
    ['gb', 'before Easter', '2027-03-27'],
    ['gb', 'Friday week', '2027-04-02'],
    ['gb', 'in a fortnight', '2027-04-05'],
    ['gb', 'by 17:00 Thursday', '2027-03-25 17:00'],
    // DE writes 8.1. for 8 January.
    ['de', 'by 8.1.', '2027-01-08'],
    ['de', 'by 15.01.2027', '2027-01-15'],
    ['de', 'next week', '2026-12-24'],
    // A fri,sat weekend: the working week is Sunday to Thursday.
    ['sa', 'by the end of the week', '2026-11-26'],
    ['sa', 'next week', '2026-12-03'],
    ['sa', 'early next week', '2026-11-29'],
    ['sa', 'on Sunday', '2026-11-29'],
    ['sa', 'by 3/12', '2026-12-03'],
    // Said on a Saturday: "end of the week" is the coming one.
    ['sat', 'by the end of the week', '2026-12-04'],
    ['sat', 'Monday', '2026-11-30'],
    ['sat', 'next week', '2026-12-04'],
    // 22:30 in Los Angeles is already Wednesday in UTC; dates follow the local day.
    ['la', 'tomorrow', '2026-11-25'],
    ['la', 'tonight', '2026-11-24'],
    ['la', 'by 9am', '2026-11-25 09:00'],
    ['la', 'by 11pm', '2026-11-24 23:00'],
    // Across the DST change (US clocks go back on Sunday 1 November 2026).
    ['dst-us', 'tomorrow', '2026-11-01'],
    ['dst-us', 'on Monday', '2026-11-02'],
    // Across the EU DST change (Sunday 25 October 2026).
    ['dst-eu', 'tomorrow', '2026-10-25'],
    ['dst-eu', 'early next week', '2026-10-26'],
    // JP writes month first; Golden Week holidays shape "early next week".
    ['jp', 'by 5/15', '2026-05-15'],
    ['jp', 'early next week', '2026-05-07'],
  ] as const)('[%s] %s → %s', (where, expression, due) => {
    const contexts: Record<string, Partial<ExtractionContext>> = {
      gb: { at: '2027-03-22T14:00', timeZone: 'Europe/London', region: 'GB-ENG' },
      de: { at: '2026-12-17T09:15', timeZone: 'Europe/Berlin', region: 'DE-BY' },
      sa: { at: '2026-11-26T11:00', timeZone: 'Asia/Riyadh', region: 'SA', weekend: 'fri,sat' },
      sat: { at: '2026-11-28T11:00' },
      la: { at: '2026-11-25T06:30:00Z', timeZone: 'America/Los_Angeles', region: 'US-CA' },
      'dst-us': { at: '2026-10-31T23:30', timeZone: 'America/New_York' },
      'dst-eu': { at: '2026-10-24T23:30', timeZone: 'Europe/Berlin', region: 'DE' },
      jp: { at: '2026-04-28T10:00', timeZone: 'Asia/Tokyo', region: 'JP' },
    };
    expect(dueOf(expression, contexts[where])).toBe(due);
  });
});
