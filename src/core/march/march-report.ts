import { localDateOf } from '../calendar/index.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import type { TouchRepository } from '../touches/ports.ts';
import { calendarOf } from '../workspaces/member-calendar.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor } from '../workspaces/types.ts';
import { bandOf, consistency, streak, type Band } from './bands.ts';
import { addDays, localDayReader, startOfLocalDay } from '../time/local-days.ts';
import { viewedMember } from './viewed-member.ts';

/** The march is judged over the last 20 business days. */
export const MARCH_WINDOW = 20;
/** A streak is looked for this far back at most (about two working years). */
const MAX_STREAK_DAYS = 520;

export interface MarchDay {
  date: IsoDate;
  touches: number;
  /** `open`: today, under the floor but not over yet, so not a stall. */
  band: Band | 'open';
}

export interface MarchReport {
  date: IsoDate;
  memberId: string;
  floor: number;
  ceiling: number;
  /** Touches made on `date`. */
  done: number;
  /** Business days in a row at or above the floor, up to `date`. */
  streak: number;
  /** See `consistency` in bands.ts: 1 − coefficient of variation, clipped to 0..1. */
  consistency: number;
  /** The last 20 business days up to `date` since the member joined, oldest first. */
  days: MarchDay[];
}

export type MarchDeps = ReadDeps & {
  members: MemberRepository;
  touches: Pick<TouchRepository, 'instantsForMember'>;
};

/** Touches per local day over [first, last], from one indexed range read. */
async function countsByDay(
  deps: MarchDeps,
  memberId: string,
  timeZone: string,
  first: IsoDate,
  last: IsoDate,
): Promise<Map<IsoDate, number>> {
  const instants = await deps.touches.instantsForMember(
    deps.runner.executor,
    memberId,
    startOfLocalDay(first, timeZone),
    startOfLocalDay(addDays(last, 1), timeZone),
  );
  const dayOf = localDayReader(timeZone);
  const counts = new Map<IsoDate, number>();
  for (const at of instants) {
    const day = dayOf(at);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

/**
 * A member's daily march as of a date (default: today in their zone): the day's distance, the
 * last 20 business days against the floor–ceiling band, the streak and the consistency.
 */
export async function getMarch(
  deps: MarchDeps,
  actor: Actor,
  query: { date?: string; memberId?: string } = {},
): Promise<MarchReport> {
  const member = await viewedMember(deps, deps.runner.executor, actor, query.memberId);
  const calendar = calendarOf(member);
  const today = localDateOf(deps.clock.now(), member.timeZone);
  const date = query.date ? parseIsoDate(query.date).toString() : today;

  // Business days newest first, fetched in windows until the streak breaks.
  const businessDays: IsoDate[] = [];
  const counts = new Map<IsoDate, number>();
  let cursor = date;
  let broken = false;
  while (!broken && businessDays.length < MAX_STREAK_DAYS) {
    const window: IsoDate[] = [];
    let d = cursor;
    while (window.length < MARCH_WINDOW * 3) {
      if (calendar.isBusinessDay(d)) window.push(d);
      d = addDays(d, -1);
    }
    const fetched = await countsByDay(deps, member.id, member.timeZone, d, cursor);
    for (const [k, v] of fetched) counts.set(k, v);
    businessDays.push(...window);
    cursor = d;
    const run = streak(
      businessDays.map((b) => counts.get(b) ?? 0),
      member.marchFloor,
      date === today,
    );
    broken = run < businessDays.length - (date === today ? 1 : 0);
  }
  // The day itself counts even when it is not a business day.
  if (!counts.has(date)) {
    const own = await countsByDay(deps, member.id, member.timeZone, date, date);
    counts.set(date, own.get(date) ?? 0);
  }

  const touchesOn = (d: IsoDate) => counts.get(d) ?? 0;
  // A member's march starts the day they joined: the days before were not theirs to stall.
  const joined = localDateOf(member.createdAt, member.timeZone);
  const window = businessDays
    .filter((d) => d >= joined)
    .slice(0, MARCH_WINDOW)
    .reverse();
  const bandOn = (d: IsoDate): MarchDay['band'] => {
    const band = bandOf(touchesOn(d), member.marchFloor, member.marchCeiling);
    return band === 'stall' && d === today ? 'open' : band;
  };
  return {
    date,
    memberId: member.id,
    floor: member.marchFloor,
    ceiling: member.marchCeiling,
    done: touchesOn(date),
    streak: streak(businessDays.map(touchesOn), member.marchFloor, date === today),
    // Today is not over: its count so far is not a day's distance yet (docs/rules.md#daily-march).
    consistency: consistency(window.filter((d) => d !== today).map(touchesOn)),
    days: window.map((d) => ({ date: d, touches: touchesOn(d), band: bandOn(d) })),
  };
}
