import * as chrono from 'chrono-node';
import { holidayNames } from '../calendar/index.ts';
import { daysInMonth } from '../time/epoch-days.ts';
import type { BusinessCalendar } from '../calendar/index.ts';
import { Day } from '../time/day.ts';
import { MONTHS, NUMBER_WORDS, ORDINAL_WORDS, WEEKDAY_NUMBERS } from './lexicon.ts';

/**
 * Date expressions in call notes, resolved against the call's local date and time.
 *
 * The rules below are our own rather than chrono-node's because the product needs readings
 * chrono does not offer ("end of next week" is the last *business* day of that week, "Q1" is the
 * end of the next quarter that is not past, "before Christmas", "early next week", day-first
 * numeric dates by region) and because resolving in the caller's wall-clock date, not the
 * process's zone, must be exact. chrono is kept as a fallback for the long tail of phrasings.
 */

export interface DateContext {
  /** The call's local date. */
  today: Day;
  /** The call's local time, minutes after midnight. */
  minutes: number;
  calendar: BusinessCalendar;
  /** Whether 4/12 means 4 December (GB, DE, FR, IN, AU…) rather than April 12 (US). */
  dayFirst: boolean;
  /** Holiday region, for named holidays ("before Memorial Day"); null for none. */
  region: string | null;
}

const namesByContext = new WeakMap<DateContext, Map<number, ReadonlyMap<string, string>>>();

function namesFor(ctx: DateContext, year: number): ReadonlyMap<string, string> {
  let byYear = namesByContext.get(ctx);
  if (!byYear) {
    byYear = new Map();
    namesByContext.set(ctx, byYear);
  }
  let names = byYear.get(year);
  if (!names) {
    names = holidayNames(ctx.region!, year);
    byYear.set(year, names);
  }
  return names;
}

/** How the sentence ties the expression to the promise. */
export type Anchor = 'by' | 'before' | 'on' | 'none' | 'after' | 'ref';

export type HitKind = 'day' | 'period' | 'holiday' | 'time' | 'hour' | 'eod' | 'past';

export interface DateHit {
  start: number;
  end: number;
  date: Day | null;
  time: string | null;
  kind: HitKind;
  anchor: Anchor;
}

interface Made {
  date?: Day | null;
  time?: string | null;
  kind: HitKind;
  anchor?: Anchor;
  /** A shorter span than the whole match, when the rule matched more words than it used. */
  length?: number;
}

/**
 * A rule: a cheap test that must pass before its full pattern is tried (most sentences hold no
 * date at all, and the full patterns are long), the pattern, and how to resolve a match.
 */
type Rule = {
  gate: RegExp | ((text: string, ctx: DateContext) => boolean) | null;
  re: RegExp;
  make: (m: RegExpExecArray, ctx: DateContext) => Made | null;
};

const WD =
  '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)';
const MON =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const NUM =
  '(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|a couple(?: of)?|couple(?: of)?|a few|few|several)';
const ORDINAL_WORD =
  '(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second|twenty-third|twenty-fourth|twenty-fifth|twenty-sixth|twenty-seventh|twenty-eighth|twenty-ninth|thirtieth|thirty-first)';
const POSITION =
  '(end|close|beginning|start|early|earlier|mid|middle|late|later|latter part|back half|first half|second half|rest)';
const TZ_ABBR =
  '(?:\\s*(?:et|est|edt|pt|pst|pdt|ct|cst|cdt|mt|mst|mdt|gmt|bst|cet|cest|ist|aest|aedt|jst|utc|uk time|local time|my time|their time))?';

const rx = (source: string) => new RegExp(source, 'g');
const MONTH_GATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;
const WEEKDAY_GATE = /\b(?:mon|tue|wed|thu|fri|sat|sun)/;

// --- calendar arithmetic -------------------------------------------------------------------

function plain(year: number, month: number, day: number): Day | null {
  return Day.of(year, month, day);
}

function fromIso(iso: string): Day {
  return Day.fromIso(iso);
}

const cmp = Day.compare;

function endOfMonth(year: number, month: number): Day {
  return Day.of(year, month, daysInMonth(year, month))!;
}

/** A month and day without a year: this year's if it is not past, otherwise next year's. */
function upcoming(month: number, day: number, ctx: DateContext): Day | null {
  for (let y = ctx.today.year; y <= ctx.today.year + 4; y++) {
    const d = plain(y, month, day);
    if (d && cmp(d, ctx.today) >= 0) return d;
  }
  return null;
}

function withYear(year: number | undefined, month: number, day: number, ctx: DateContext) {
  return year === undefined ? upcoming(month, day, ctx) : plain(year, month, day);
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

function weekStart(d: Day, ctx: DateContext): Day {
  return fromIso(ctx.calendar.weekOf(d.toString()).start);
}

function lastBusinessDayOfWeekStarting(start: Day, ctx: DateContext) {
  return fromIso(ctx.calendar.lastBusinessDayOfWeek(start.toString()));
}

function firstBusinessDayOfWeekStarting(start: Day, ctx: DateContext) {
  return fromIso(ctx.calendar.firstBusinessDayOfWeek(start.toString()));
}

function midWeek(start: Day, ctx: DateContext) {
  const mid = start.add({ days: 2 });
  const d = fromIso(ctx.calendar.nextBusinessDayOnOrAfter(mid.toString()));
  return cmp(d, start.add({ days: 6 })) <= 0 ? d : mid;
}

/** A position ("early", "mid", "end"…) within the week that starts on `start`. */
function inWeek(start: Day, position: string | undefined, ctx: DateContext) {
  switch (position) {
    case 'beginning':
    case 'start':
    case 'early':
    case 'earlier':
    case 'first thing':
      return firstBusinessDayOfWeekStarting(start, ctx);
    case 'mid':
    case 'middle':
    case 'first half':
      return midWeek(start, ctx);
    default:
      return lastBusinessDayOfWeekStarting(start, ctx);
  }
}

/** A position within a month; a promise "early next month" is due in its first week. */
function inMonth(year: number, month: number, position: string | undefined) {
  switch (position) {
    case 'beginning':
    case 'start':
      return Day.of(year, month, 1)!;
    case 'early':
    case 'earlier':
      return Day.of(year, month, 7)!;
    case 'mid':
    case 'middle':
    case 'first half':
      return Day.of(year, month, 15)!;
    default:
      return endOfMonth(year, month);
  }
}

function quarterEnd(year: number, q: number) {
  return endOfMonth(year, q * 3);
}

function inQuarter(year: number, q: number, position: string | undefined) {
  switch (position) {
    case 'beginning':
    case 'start':
    case 'early':
      return endOfMonth(year, q * 3 - 2);
    case 'mid':
    case 'middle':
    case 'first half':
      return Day.of(year, q * 3 - 1, 15)!;
    default:
      return quarterEnd(year, q);
  }
}

function thanksgiving(year: number) {
  const first = Day.of(year, 11, 1)!;
  return first.add({ days: ((4 - first.dayOfWeek + 7) % 7) + 21 });
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Day.of(year, month, day)!;
}

const SINGLE_DAY_HOLIDAY_RE = /^(?:christmas|thanksgiving|new year'?s(?: day)?|new year|easter)$/;

/** The first business day after a holiday; after a Thursday holiday the Friday is a bridge day
 * most offices take, so it is the Monday. */
function dayAfterHoliday(name: string, ctx: DateContext): Day {
  const holiday = nextHoliday(name, ctx);
  let next = fromIso(ctx.calendar.nextBusinessDayOnOrAfter(holiday.add({ days: 1 }).toString()));
  if (holiday.dayOfWeek === 4 && cmp(next, holiday.add({ days: 1 })) === 0)
    next = fromIso(ctx.calendar.nextBusinessDayOnOrAfter(next.add({ days: 1 }).toString()));
  return next;
}

/** The next occurrence of a holiday strictly after the call day. */
function nextHoliday(name: string, ctx: DateContext): Day {
  const on = (year: number): Day => {
    if (name.startsWith('thanksgiving')) return thanksgiving(year);
    if (name.startsWith('easter')) return easter(year);
    if (name.includes('eve') && name.startsWith('new')) return plain(year, 12, 31)!;
    if (name.startsWith('new')) return plain(year + 1, 1, 1)!;
    if (name === 'christmas eve' || name.includes('holiday') || name.includes('break')) {
      // "The holidays" start when offices empty out, on Christmas Eve.
      return plain(year, 12, 24)!;
    }
    return plain(year, 12, 25)!;
  };
  const thisYear = on(ctx.today.year);
  return cmp(thisYear, ctx.today) > 0 ? thisYear : on(ctx.today.year + 1);
}

const firstWordsByContext = new WeakMap<DateContext, ReadonlySet<string>>();

/** First words of the region's holiday names this year and next, to rule most phrases out fast. */
function holidayFirstWords(ctx: DateContext): ReadonlySet<string> {
  let words = firstWordsByContext.get(ctx);
  if (!words) {
    const set = new Set<string>();
    for (const year of [ctx.today.year, ctx.today.year + 1]) {
      for (const name of namesFor(ctx, year).keys()) set.add(name.split(' ')[0]!);
    }
    words = set;
    firstWordsByContext.set(ctx, words);
  }
  return words;
}

const holidayWordsByContext = new WeakMap<DateContext, RegExp>();

/** Whether a sentence mentions any first word of the region's holiday names at all. */
function holidayWordsRe(ctx: DateContext): RegExp {
  let re = holidayWordsByContext.get(ctx);
  if (!re) {
    const words = [...holidayFirstWords(ctx)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = words.length === 0 ? /$^/ : new RegExp(`\\b(?:${words.join('|')})\\b`);
    holidayWordsByContext.set(ctx, re);
  }
  return re;
}

/** The next date of a holiday the region names, strictly after the call day. */
function namedHoliday(name: string, ctx: DateContext): Day | null {
  if (name.length < 5) return null;
  for (const year of [ctx.today.year, ctx.today.year + 1]) {
    const iso = namesFor(ctx, year).get(name);
    if (iso === undefined) continue;
    const day = fromIso(iso);
    if (cmp(day, ctx.today) > 0) return day;
  }
  return null;
}

function weekdayNumber(word: string): number {
  return WEEKDAY_NUMBERS.get(word.replace(/\.$/, '')) ?? 0;
}

function countOf(word: string): number {
  const n = Number(word);
  if (Number.isFinite(n)) return n;
  return NUMBER_WORDS.get(word) ?? 0;
}

/** The weekday `t` in the week that starts `weeksAhead` weeks after the call's week. */
function weekdayInWeek(t: number, weeksAhead: number, ctx: DateContext) {
  const start = weekStart(ctx.today, ctx).add({ days: 7 * weeksAhead });
  return start.add({ days: (t - start.dayOfWeek + 7) % 7 });
}

/** "Friday" is the next Friday after the call day; "this Friday" may be the call day itself. */
function upcomingWeekday(t: number, ctx: DateContext, allowToday: boolean) {
  const delta = (t - ctx.today.dayOfWeek + 7) % 7;
  return ctx.today.add({ days: delta === 0 && !allowToday ? 7 : delta });
}

function hhmm(hour: number, minute: number): string | null {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function periodOfWeek(
  which: string | undefined,
  position: string | undefined,
  ctx: DateContext,
): Made {
  if (which === 'last' || which === 'past' || which === 'previous') return { kind: 'past' };
  if (which === 'this' && (position === 'earlier' || position === 'early')) {
    const d = inWeek(weekStart(ctx.today, ctx), position, ctx);
    if (cmp(d, ctx.today) < 0) return { kind: 'past' };
  }
  const ahead =
    which === undefined || which === 'this' || which === 'current' || which === 'the' ? 0 : 1;
  let start = weekStart(ctx.today, ctx).add({ days: 7 * ahead });
  let date = inWeek(start, position, ctx);
  // "End of the week" said on Saturday means the coming one.
  if (ahead === 0 && cmp(date, ctx.today) < 0) {
    start = start.add({ days: 7 });
    date = inWeek(start, position, ctx);
  }
  return { date, kind: 'period' };
}

// --- the rules, in priority order ------------------------------------------------------------

const RULES: Rule[] = [
  {
    gate: /\d{4}-\d/,
    // 2026-12-04
    re: rx('\\b(20\\d{2})-(\\d{1,2})-(\\d{1,2})\\b'),
    make: (m) => ({ date: plain(Number(m[1]), Number(m[2]), Number(m[3])), kind: 'day' }),
  },
  {
    gate: MONTH_GATE,
    // 4 Dec, the 4th of December 2026, Thursday 3 December
    re: rx(
      `\\b(?:${WD}\\.?,?\\s+(?:the\\s+)?)?(?:(\\d{1,2})(?:st|nd|rd|th)?|${ORDINAL_WORD})\\s+(?:of\\s+)?${MON}\\b\\.?(?:,?\\s+(20\\d{2})\\b)?`,
    ),
    make: (m, ctx) => ({
      date: withYear(
        parseYear(m[5]),
        MONTHS.get(m[4]!)!,
        m[2] !== undefined ? Number(m[2]) : ORDINAL_WORDS.get(m[3]!)!,
        ctx,
      ),
      kind: 'day',
    }),
  },
  {
    gate: MONTH_GATE,
    // Dec 4th, December 4, 2026, Thu Dec 3
    re: rx(
      `\\b(?:${WD}\\.?,?\\s+(?:the\\s+)?)?${MON}\\.?\\s+(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?|${ORDINAL_WORD})\\b(?![:.]\\d|\\s*(?:%|k\\b|seats|users|people|licen|reps|percent))(?:,?\\s+(20\\d{2})\\b)?`,
    ),
    make: (m, ctx) => ({
      date: withYear(
        parseYear(m[5]),
        MONTHS.get(m[2]!)!,
        m[3] !== undefined ? Number(m[3]) : ORDINAL_WORDS.get(m[4]!)!,
        ctx,
      ),
      kind: 'day',
    }),
  },
  {
    gate: WEEKDAY_GATE,
    // Thursday the 3rd: the next 3rd that falls on a Thursday, else the next 3rd
    re: rx(`\\b${WD}\\.?,?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b`),
    make: (m, ctx) => {
      const t = weekdayNumber(m[1]!);
      const day = Number(m[2]);
      let first: Day | null = null;
      for (let i = 0; i < 14; i++) {
        const base = ctx.today.add({ months: i });
        const d = plain(base.year, base.month, day);
        if (!d || cmp(d, ctx.today) < 0) continue;
        first ??= d;
        if (d.dayOfWeek === t) return { date: d, kind: 'day' };
      }
      return first ? { date: first, kind: 'day' } : null;
    },
  },
  {
    gate: /\bmonth\b/,
    // the 3rd of next month
    re: rx(
      `\\b(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)|${ORDINAL_WORD})(?:\\s+day)?\\s+of\\s+(?:the\\s+)?(this|next|the following|following|coming) month\\b`,
    ),
    make: (m, ctx) => {
      const day = m[1] !== undefined ? Number(m[1]) : ORDINAL_WORDS.get(m[2]!)!;
      const base = m[3] === 'this' ? ctx.today : ctx.today.add({ months: 1 });
      return { date: plain(base.year, base.month, day), kind: 'day' };
    },
  },
  {
    gate: /\d\/\d/,
    // 12/4, 4/12/2026 (order by region); 24/7 is a support promise, not a date
    re: /(?<![\d/.$£€])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/%])/g,
    make: (m, ctx) => {
      if (m[0] === '24/7') return null;
      const a = Number(m[1]);
      const b = Number(m[2]);
      const year = parseYear(m[3]);
      const [month, day] = ctx.dayFirst ? [b, a] : [a, b];
      const date = withYear(year, month, day, ctx) ?? withYear(year, day, month, ctx);
      return date ? { date, kind: 'day' } : null;
    },
  },
  {
    gate: /\d\.\d/,
    // 4.12. or 4.12.2026, written day-first where dates are written so
    re: /(?<![\d.$£€,])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})\b)?/g,
    make: (m, ctx) => {
      if (!ctx.dayFirst) return null;
      const date = withYear(parseYear(m[3]), Number(m[2]), Number(m[1]), ctx);
      return date ? { date, kind: 'day' } : null;
    },
  },
  {
    gate: /christmas|xmas|x-mas|thanksgiving|holiday|new year|easter|break|season|shutdown/,
    // before Christmas, by Thanksgiving, ahead of the holidays, after New Year
    re: rx(
      "\\b(before|by|ahead of|prior to|until|till|in time for|on|for|after|post|over|during|from)\\s+(?:the\\s+)?(christmas eve|christmas|xmas|x-mas|thanksgiving|(?:christmas |xmas |holiday |winter )(?:holidays|break|season|shutdown)|holidays|holiday season|new year'?s eve|new year'?s(?: day)?|new year|easter)\\b",
    ),
    make: (m, ctx) => {
      const prep = m[1]!;
      const name = m[2]!.replace('xmas', 'christmas').replace('x-mas', 'christmas');
      if (prep === 'after' || prep === 'post') {
        // "After Thanksgiving" is the first business day after it (past the bridge day after a
        // Thursday holiday); a season ("after the holidays") has no day to count from.
        const day = SINGLE_DAY_HOLIDAY_RE.test(name) ? dayAfterHoliday(name, ctx) : undefined;
        return day
          ? { date: day, kind: 'holiday', anchor: 'on' }
          : { kind: 'holiday', anchor: 'after' };
      }
      if (['over', 'during', 'from'].includes(prep)) {
        return { kind: 'holiday', anchor: 'after' };
      }
      const day = nextHoliday(name, ctx);
      if (prep === 'on' || prep === 'for') return { date: day, kind: 'holiday', anchor: 'on' };
      // By or before a holiday both mean the day before it; an eve is a working day, so "by
      // Christmas Eve" includes it.
      const inclusive =
        name.endsWith(' eve') && (prep === 'by' || prep === 'until' || prep === 'till');
      return { date: inclusive ? day : day.subtract({ days: 1 }), kind: 'holiday', anchor: 'by' };
    },
  },
  {
    gate: /break/,
    // "before the break": in the last weeks of the year everyone means the holiday break
    re: /\b(before|by|ahead of|prior to)\s+the\s+break\b/g,
    make: (_m, ctx) =>
      ctx.today.month >= 11
        ? {
            date: nextHoliday('holidays', ctx).subtract({ days: 1 }),
            kind: 'holiday',
            anchor: 'by',
          }
        : null,
  },
  {
    gate: (text, ctx) => ctx.region !== null && holidayWordsRe(ctx).test(text),
    // before Memorial Day, by Bastille Day, after Labour Day: any holiday the region names
    re: /\b(before|by|ahead of|prior to|until|till|in time for|on|for|after|post|over|during)\s+(?:the\s+)?([a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,3})/g,
    make: (m, ctx) => {
      if (ctx.region === null) return null;
      const prep = m[1]!;
      // Words with their ends in the phrase, trailing punctuation left out ("Memorial Day.").
      const words: { word: string; end: number }[] = [];
      for (const w of m[2]!.matchAll(/\S+/g)) {
        const bare = w[0].replace(/[.,;:!?'"]+$/, '');
        words.push({ word: bare === 'labor' ? 'labour' : bare, end: w.index + bare.length });
        if (bare.length < w[0].length) break;
      }
      if (!holidayFirstWords(ctx).has(words[0]?.word ?? '')) return null;
      const lead = m[0].length - m[2]!.length;
      for (let n = words.length; n >= 1; n--) {
        const day = namedHoliday(
          words
            .slice(0, n)
            .map((w) => w.word)
            .join(' '),
          ctx,
        );
        if (!day) continue;
        const length = lead + words[n - 1]!.end;
        if (['after', 'post', 'over', 'during'].includes(prep)) {
          return { kind: 'holiday', anchor: 'after', length };
        }
        if (prep === 'on' || prep === 'for') {
          return { date: day, kind: 'holiday', anchor: 'on', length };
        }
        return { date: day.subtract({ days: 1 }), kind: 'holiday', anchor: 'by', length };
      }
      return null;
    },
  },
  {
    gate: /q[1-4]|quarter/,
    // Q1, end of Q1, Q3 2027, early Q2, the third quarter
    re: rx(
      `\\b(?:${POSITION}(?:[- ]of)?(?:[- ]the)?[- ])?(?:the\\s+)?(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?:\\s+(?:of\\s+)?(20\\d{2})\\b|\\s*'(\\d{2})\\b|\\s*fy\\s*'?(\\d{2}|20\\d{2})\\b)?`,
    ),
    make: (m, ctx) => {
      const q =
        m[2] !== undefined
          ? Number(m[2])
          : { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 }[
              m[3]!
            ]!;
      const year = parseYear(m[4] ?? m[5] ?? m[6]);
      if (year !== undefined) return { date: inQuarter(year, q, m[1]), kind: 'period' };
      let y = ctx.today.year;
      if (cmp(quarterEnd(y, q), ctx.today) < 0) y++;
      return { date: inQuarter(y, q, m[1]), kind: 'period' };
    },
  },
  {
    gate: /quarter/,
    // end of quarter, next quarter, this quarter, quarter-end
    re: rx(
      `\\b(?:${POSITION}(?:[- ]of)?(?:[- ]the)?[- ])?(this|next|the|current|following|coming|last|previous) quarter\\b|\\b(?:end|close) of quarter\\b|\\bquarter[- ]end\\b`,
    ),
    make: (m, ctx) => {
      const which = m[2];
      if (which === 'last' || which === 'previous') return { kind: 'past' };
      const currentQ = Math.ceil(ctx.today.month / 3);
      let q = currentQ;
      let y = ctx.today.year;
      if (which === 'next' || which === 'following' || which === 'coming') {
        q = currentQ === 4 ? 1 : currentQ + 1;
        if (currentQ === 4) y++;
      }
      return { date: inQuarter(y, q, m[1]), kind: 'period' };
    },
  },
  {
    gate: /\byear\b/,
    // end of the year, year-end, EOY, this year
    re: rx(
      '\\b(?:(?:the\\s+)?(?:end|close) of (?:the |this )?(?:calendar |fiscal )?year|end of year|year[- ]end|end-of-year|(?:by|in|within) this year)\\b',
    ),
    make: (_m, ctx) => ({ date: plain(ctx.today.year, 12, 31), kind: 'period' }),
  },
  {
    gate: /\bmonth\b/,
    // end of next month, early next month, this month, month-end
    re: rx(
      `\\b(?:${POSITION}(?:[- ]of)?(?:[- ]the)?[- ])?(this|next|the following|following|coming|current|last|previous|past) month\\b|\\b(?:the\\s+)?(?:end|close) of (?:the\\s+)?month\\b|\\bmonth[- ]end\\b|\\bend-of-month\\b|\\bthe last day of (?:the|this) month\\b`,
    ),
    make: (m, ctx) => {
      const which = m[2];
      if (which === 'last' || which === 'previous' || which === 'past') return { kind: 'past' };
      const base =
        which === 'next' || which === 'following' || which === 'coming' || which === 'the following'
          ? ctx.today.add({ months: 1 })
          : ctx.today;
      const date = inMonth(base.year, base.month, m[1]);
      return {
        date: cmp(date, ctx.today) < 0 ? endOfMonth(base.year, base.month) : date,
        kind: 'period',
      };
    },
  },
  {
    gate: MONTH_GATE,
    // by March, early January, end of December, before May
    re: rx(
      `\\b(?:(by|in|before|during|until|till|through|for|early|mid|late|end of|the end of|beginning of|the beginning of|start of|the start of|middle of|the middle of|early in|late in)\\s+|(early|mid|late)-)${MON}\\b(?!\\.?\\s*\\d)(?:\\s+(20\\d{2})\\b)?`,
    ),
    make: (m, ctx) => {
      const month = MONTHS.get(m[3]!)!;
      const lead = (m[1] ?? m[2] ?? '').replace(/^the /, '').replace(/ (?:of|in)$/, '');
      const explicitYear = parseYear(m[4]);
      let year = explicitYear ?? ctx.today.year;
      if (explicitYear === undefined && cmp(endOfMonth(year, month), ctx.today) < 0) year++;
      if (lead === 'before') {
        return {
          date: Day.of(year, month, 1)!.subtract({ days: 1 }),
          kind: 'period',
          anchor: 'by',
        };
      }
      return { date: inMonth(year, month, lead), kind: 'period' };
    },
  },
  {
    gate: /\d(?:st|nd|rd|th)/,
    // by the 15th, on the 1st, the 3rd
    re: /\b(?:(by|on|before|until|till|due|for)\s+(?:the\s+)?|the\s+)(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:party|parties|time|round|quarter|floor|option|version|call|meeting|demo|one|attempt|vendor|person|year|week|month|draft|iteration|tier|level|line))/g,
    make: (m, ctx) => {
      const day = Number(m[2]);
      const prep = m[1];
      const anchor: Anchor | undefined =
        prep === undefined
          ? undefined
          : prep === 'before'
            ? 'before'
            : prep === 'on' || prep === 'for'
              ? 'on'
              : 'by';
      for (let i = 0; i < 12; i++) {
        const base = ctx.today.add({ months: i });
        const d = plain(base.year, base.month, day);
        if (d && cmp(d, ctx.today) >= 0)
          return { date: d, kind: 'day', ...(anchor ? { anchor } : {}) };
      }
      return null;
    },
  },
  {
    gate: /\b(?:days?|weeks?|months?|hours?|hrs?|fortnights?)\b/,
    // in two weeks, within 3 business days, in a couple of days, in 48 hours
    re: rx(
      `\\b(?:in|within|inside(?: of)?|over the next|in the next|during the next|give (?:it|us|them|me|him|her))\\s+(?:about |around |roughly |approximately |another |the next |less than |under )?${NUM}\\s+(?:more\\s+)?(business |working |calendar )?(days?|weeks?|months?|hours?|hrs?|fortnights?)\\b(?:'?\\s*time)?|\\b${NUM}\\s+(business |working )?(days?|weeks?|months?)\\s+from\\s+(?:now|today|the call|this call)\\b|\\b(\\d{1,2}|two|three|four|five|ten)\\s+(business|working)\\s+days\\b|\\bin a fortnight\\b`,
    ),
    make: (m, ctx) => {
      if (m[0] === 'in a fortnight') return { date: ctx.today.add({ days: 14 }), kind: 'period' };
      const count = countOf(m[1] ?? m[4] ?? m[7] ?? '');
      const business = (m[2] ?? m[5] ?? m[8] ?? '').trim();
      const unit = (m[3] ?? m[6] ?? 'days').replace(/s$/, '');
      if (count <= 0) return null;
      switch (unit) {
        case 'day':
          return {
            date:
              business === 'business' || business === 'working'
                ? fromIso(ctx.calendar.addBusinessDays(ctx.today.toString(), count))
                : ctx.today.add({ days: count }),
            kind: 'period',
          };
        case 'week':
          return { date: ctx.today.add({ weeks: count }), kind: 'period' };
        case 'fortnight':
          return { date: ctx.today.add({ weeks: 2 * count }), kind: 'period' };
        case 'month':
          return { date: ctx.today.add({ months: count }), kind: 'period' };
        default:
          return {
            date: ctx.today.add({ days: Math.floor((ctx.minutes + count * 60) / 1440) }),
            kind: 'period',
          };
      }
    },
  },
  {
    gate: /weeks? from/,
    // a week from Friday, two weeks from today
    re: rx(`\\b(a|one|two|three) weeks? from (today|now|tomorrow|(?:this |next )?${WD})\\b`),
    make: (m, ctx) => {
      const weeks = countOf(m[1]!);
      const from = m[2]!;
      let base: Day;
      if (from === 'today' || from === 'now') base = ctx.today;
      else if (from === 'tomorrow') base = ctx.today.add({ days: 1 });
      else if (from.startsWith('next ')) base = weekdayInWeek(weekdayNumber(m[3]!), 1, ctx);
      else base = upcomingWeekday(weekdayNumber(m[3]!), ctx, from.startsWith('this '));
      return { date: base.add({ weeks }), kind: 'day' };
    },
  },
  {
    gate: /next week/,
    // next week Tuesday, next week on Friday
    re: rx(`\\bnext week(?:\\s+on)?,?\\s+${WD}\\b`),
    make: (m, ctx) => ({ date: weekdayInWeek(weekdayNumber(m[1]!), 1, ctx), kind: 'day' }),
  },
  {
    gate: WEEKDAY_GATE,
    // Friday, this Friday, next Tuesday, Friday next week, Friday after next, last Monday
    re: rx(
      `\\b(?:(this coming|this|coming|next|the following|following|last|past|previous|early|late|first thing|end of|the)\\s+)?${WD}\\b\\.?(?:\\s+(?:morning|afternoon|evening|night|first thing))?(?:\\s+(next week|this week|of next week|of this week|after next|week)\\b)?('s)?`,
    ),
    make: (m, ctx) => {
      const mod = m[1];
      const word = m[2]!;
      const suffix = m[3];
      const t = weekdayNumber(word);
      // "sat" and "sun" are words too; read them as days only when something says so.
      if (
        (word === 'sat' || word === 'sun') &&
        mod === undefined &&
        anchorBefore(m.input, m.index) === 'none'
      ) {
        return null;
      }
      if (m[4] !== undefined)
        return { date: upcomingWeekday(t, ctx, false), kind: 'day', anchor: 'ref' };
      if (mod === 'last' || mod === 'past' || mod === 'previous') return { kind: 'past' };
      if (suffix === 'this week' || suffix === 'of this week') {
        const d = weekdayInWeek(t, 0, ctx);
        return cmp(d, ctx.today) < 0 ? { kind: 'past' } : { date: d, kind: 'day' };
      }
      if (
        suffix === 'next week' ||
        suffix === 'of next week' ||
        mod === 'next' ||
        mod === 'the following' ||
        mod === 'following'
      ) {
        const d = weekdayInWeek(t, 1, ctx);
        return { date: suffix === 'after next' ? d.add({ days: 7 }) : d, kind: 'day' };
      }
      if (suffix === 'after next') return { date: weekdayInWeek(t, 2, ctx), kind: 'day' };
      let d = upcomingWeekday(t, ctx, mod === 'this');
      if (suffix === 'week') d = d.add({ days: 7 });
      return { date: d, kind: 'day' };
    },
  },
  {
    gate: /week after/,
    // the week after next
    re: /\b(?:the\s+)?week after next\b/g,
    make: (_m, ctx) => ({
      date: inWeek(weekStart(ctx.today, ctx).add({ days: 14 }), undefined, ctx),
      kind: 'period',
    }),
  },
  {
    gate: /\bweek\b/,
    // end of next week, early next week, mid-next week, later this week, next week
    re: rx(
      `\\b(?:(?:the\\s+)?(end|close|beginning|start|early|earlier|mid|middle|late|later|latter part|back half|first half|second half|rest|first thing)(?:[- ]of)?(?:[- ]the)?[- ])?(this|next|the following|following|coming|current|last|past|previous) week\\b`,
    ),
    make: (m, ctx) => periodOfWeek(m[2], m[1], ctx),
  },
  {
    gate: /\bweek\b/,
    // end of the week, EOW, end of the working week
    re: /\b(?:the\s+)?(?:end|close) of (?:the\s+)?(?:work(?:ing)?\s+|business\s+)?week\b|\bweek'?s end\b|\bend-of-week\b/g,
    make: (_m, ctx) => periodOfWeek('this', 'end', ctx),
  },
  {
    gate: /mid-?week/,
    // midweek
    re: /\bmid-?week\b/g,
    make: (_m, ctx) => periodOfWeek('this', 'mid', ctx),
  },
  {
    gate: /weekend/,
    // over the weekend, by the weekend, next weekend
    re: /\b(over the|this|by the|before the|next|the) weekend\b/g,
    make: (m, ctx) => {
      const which = m[1]!;
      if (which === 'by the' || which === 'before the')
        return { ...periodOfWeek('this', 'end', ctx), anchor: 'by' };
      const ahead = which === 'next' ? 1 : 0;
      const start = weekStart(ctx.today, ctx).add({ days: 7 * ahead });
      return { date: start.add({ days: 6 }), kind: 'period' };
    },
  },
  {
    gate: /tomorrow/,
    re: /\b(?:the\s+)?day after tomorrow\b/g,
    make: (_m, ctx) => ({ date: ctx.today.add({ days: 2 }), kind: 'day' }),
  },
  {
    gate: /tomorrow/,
    re: /\b(?:first thing\s+)?tomorrow(?:\s+(?:morning|afternoon|evening|night|am|pm))?\b/g,
    make: (_m, ctx) => ({ date: ctx.today.add({ days: 1 }), kind: 'day' }),
  },
  {
    gate: /to(?:day|night)|this (?:mor|aft|eve)|asap|a\.s\.a|soon as|right a|straight a|immediately/,
    re: /\b(?:today|tonight|this (?:morning|afternoon|evening)|later today|end of today|asap|a\.s\.a\.p\.?|as soon as possible|right away|right after (?:the|this) call|straight after (?:the|this) call|immediately)\b/g,
    make: (_m, ctx) => ({ date: ctx.today, kind: 'day' }),
  },
  {
    gate: /yesterday|last night|earlier|other day|ago\b|previously|this past/,
    re: /\b(?:yesterday|last night|earlier today|the other day|ago|earlier this (?:week|month)|previously|this past (?:week|month|monday|tuesday|wednesday|thursday|friday))\b/g,
    make: () => ({ kind: 'past' }),
  },
  {
    gate: /eod|e\.o\.d|cob|c\.o\.b|eob|end of|close of|eop/,
    re: /\b(?:eod|e\.o\.d\.?|cob|c\.o\.b\.?|eob|end of (?:the )?(?:business |work(?:ing)? )?day|close of (?:business|play)|end of (?:business|play)|eop)(?![a-z])/g,
    make: () => ({ kind: 'eod' }),
  },
  {
    gate: /\d\s*[ap]\.?m/,
    // 5pm, 10:30 am, 3 p.m. PT
    re: rx(`\\b(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.?|p\\.m\\.?)(?![a-z])${TZ_ABBR}`),
    make: (m) => {
      let hour = Number(m[1]);
      if (hour > 12 || hour === 0) return null;
      const pm = m[3]!.startsWith('p');
      if (pm && hour !== 12) hour += 12;
      if (!pm && hour === 12) hour = 0;
      const time = hhmm(hour, Number(m[2] ?? 0));
      return time ? { time, kind: 'time' } : null;
    },
  },
  {
    gate: /\d[:h]\d/,
    // 14:00, 9:30, 17h00
    re: rx(`(?<![\\d$£€.:])([01]?\\d|2[0-3])[:h]([0-5]\\d)\\b${TZ_ABBR}`),
    make: (m) => {
      const time = hhmm(Number(m[1]), Number(m[2]));
      return time ? { time, kind: 'time' } : null;
    },
  },
  {
    gate: /noon|midday|lunchtime/,
    re: /\b(?:noon|midday|lunchtime)\b/g,
    make: () => ({ time: '12:00', kind: 'time' }),
  },
  {
    gate: /(?:at|@|around)\s+\d/,
    // "at 3": only a time when it sits next to a day; office hours decide am or pm
    re: /\b(?:at|@|around)\s+(\d{1,2})\b(?![:.]\d|\d|%)(?!\s*(?:seats|users|people|licen|reps|percent|of\b|k\b))/g,
    make: (m) => {
      const h = Number(m[1]);
      if (h < 1 || h > 12) return null;
      const time = hhmm(h <= 7 ? h + 12 : h === 12 ? 12 : h, 0);
      return time ? { time, kind: 'hour' } : null;
    },
  },
];

const ANCHOR_RE =
  /(?:^|[\s,(])(no later than|not later than|at the latest by|latest by|by|before|until|till|til|due|ahead of|prior to|on|for|at|around|after|from|since|starting|beginning|post)\s+(?:the\s+)?$/;

function anchorBefore(text: string, start: number): Anchor {
  const m = ANCHOR_RE.exec(text.slice(Math.max(0, start - 24), start));
  if (!m) return 'none';
  switch (m[1]) {
    case 'before':
    case 'ahead of':
    case 'prior to':
      return 'before';
    case 'on':
    case 'for':
    case 'at':
    case 'around':
      return 'on';
    case 'after':
    case 'from':
    case 'since':
    case 'starting':
    case 'beginning':
    case 'post':
      return 'after';
    default:
      return 'by';
  }
}

const JOIN_RE = /^[\s,]*(?:(?:on|at|@|by|before|the|-|–)[\s,]*)*$/;

function adjacent(text: string, a: DateHit, b: DateHit): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  if (second.start < first.end) return false;
  const gap = text.slice(first.end, second.start);
  return gap.length <= 12 && JOIN_RE.test(gap);
}

/** Finds and resolves every date and time expression in a lower-cased clause. */
export function findDates(text: string, ctx: DateContext): DateHit[] {
  const hits: DateHit[] = [];
  const taken = (start: number, end: number) => hits.some((h) => start < h.end && end > h.start);
  for (const rule of RULES) {
    const gate = rule.gate;
    if (gate !== null && !(typeof gate === 'function' ? gate(text, ctx) : gate.test(text)))
      continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (taken(start, end)) continue;
      const made = rule.make(m, ctx);
      if (!made) continue;
      if (made.length !== undefined && taken(start, start + made.length)) continue;
      hits.push({
        start,
        end: made.length === undefined ? end : start + made.length,
        date: made.date ?? null,
        time: made.time ?? null,
        kind: made.kind,
        anchor: made.anchor ?? 'none',
      });
    }
  }
  if (hits.length === 0) return hits;
  hits.sort((a, b) => a.start - b.start);
  return settle(text, hits, ctx);
}

/** "EOD", "end of day", "close of business": the end of the working day. */
const END_OF_DAY = '17:00';

/** Joins times and "EOD" to the day next to them, then applies "by"/"before" readings. */
function settle(text: string, hits: DateHit[], ctx: DateContext): DateHit[] {
  const days = hits.filter((h) => h.kind === 'day' || h.kind === 'holiday' || h.kind === 'period');
  const out: DateHit[] = [];
  const absorbed = new Set<DateHit>();
  for (const h of hits) {
    if (h.kind !== 'time' && h.kind !== 'hour' && h.kind !== 'eod') continue;
    const host = days.find(
      (d) => d.date !== null && adjacent(text, d, h) && (h.kind === 'eod' || d.kind === 'day'),
    );
    if (host) {
      if (host.time === null) host.time = h.kind === 'eod' ? END_OF_DAY : h.time;
      host.start = Math.min(host.start, h.start);
      host.end = Math.max(host.end, h.end);
      absorbed.add(h);
    }
  }
  for (const h of hits) {
    if (absorbed.has(h)) continue;
    if (h.kind === 'hour') continue;
    if (h.kind === 'eod') {
      h.date = ctx.today;
      h.time = END_OF_DAY;
      h.kind = 'day';
    } else if (h.kind === 'time') {
      // A bare "by 3pm" is today's 3pm, or tomorrow's once today's has gone.
      const [hh, mm] = h.time!.split(':').map(Number) as [number, number];
      h.date = hh * 60 + mm > ctx.minutes ? ctx.today : ctx.today.add({ days: 1 });
    }
    if (h.anchor === 'none') h.anchor = anchorBefore(text, h.start);
    if (h.anchor === 'before' && h.kind === 'day' && h.date !== null && h.time === null) {
      h.date = h.date.subtract({ days: 1 });
    }
    out.push(h);
  }
  return out;
}

const ANCHOR_SCORE: Record<Anchor, number> = {
  by: 3,
  before: 3,
  on: 2,
  none: 1,
  after: -1,
  ref: -1,
};

/**
 * The expression that gives the due date: a deadline ("by", "before") over a plain mention, and
 * never a past reference or a starting point ("after the holidays").
 */
export function pickDue(hits: readonly DateHit[]): DateHit | null {
  let best: DateHit | null = null;
  for (const h of hits) {
    if (h.kind === 'past' || h.date === null || ANCHOR_SCORE[h.anchor] < 0) continue;
    if (best === null || ANCHOR_SCORE[h.anchor] > ANCHOR_SCORE[best.anchor]) best = h;
  }
  return best;
}

export function hasPastReference(hits: readonly DateHit[]): boolean {
  return hits.some((h) => h.kind === 'past');
}

const EXPLICIT_RE = new RegExp(`\\d|\\b${MON}\\b|\\b${WD}\\b`);
/** chrono only earns its cost on explicit dates our rules did not read ("the 3rd of Dec."). */
const EXPLICIT_TOKEN_RE = new RegExp(
  `\\b${MON}\\b|\\b${WD}\\b|\\d{1,2}(?:st|nd|rd|th)\\b|\\d{1,2}[/.]\\d{1,2}`,
);

/**
 * chrono-node for phrasings our rules do not know. It is given the call's wall-clock reading as
 * that reading in UTC, with UTC as its zone, so its arithmetic happens in that reading whatever
 * the host's zone is (a local `new Date(y, m, d)` would move with the server's TZ).
 */
export function chronoFallback(text: string, ctx: DateContext): DateHit | null {
  if (!EXPLICIT_TOKEN_RE.test(text)) return null;
  const t = ctx.today;
  const wallClock = Date.UTC(
    t.year,
    t.month - 1,
    t.day,
    Math.floor(ctx.minutes / 60),
    ctx.minutes % 60,
  );
  const parser = ctx.dayFirst ? chrono.en.GB : chrono.casual;
  const results = parser.parse(
    text,
    { instant: new Date(wallClock), timezone: 0 },
    { forwardDate: true },
  );
  for (const r of results) {
    // Relative readings ("the week after") need an anchor we cannot see; keep explicit dates.
    if (!EXPLICIT_RE.test(r.text.toLowerCase())) continue;
    const c = r.start;
    let date: Day | null = null;
    if (c.isCertain('day') && c.isCertain('month')) {
      date = withYear(
        c.isCertain('year') ? c.get('year')! : undefined,
        c.get('month')!,
        c.get('day')!,
        ctx,
      );
    } else if (c.isCertain('weekday') && !c.isCertain('day')) {
      date = upcomingWeekday(c.get('weekday') === 0 ? 7 : c.get('weekday')!, ctx, false);
    }
    if (date === null || cmp(date, ctx.today) < 0) continue;
    const time = c.isCertain('hour') ? hhmm(c.get('hour')!, c.get('minute') ?? 0) : null;
    return {
      start: r.index,
      end: r.index + r.text.length,
      date,
      time,
      kind: 'day',
      anchor: anchorBefore(text, r.index),
    };
  }
  return null;
}
