import type { CallOutcome } from '../calls/types.ts';
import { POOR_OUTCOME_REASONS } from '../calls/types.ts';
import type { DealOutcomeKind } from '../deals/types.ts';
import { bandOf } from '../march/bands.ts';
import { localDayReader } from '../time/local-days.ts';
import type { Habit } from '../playbook/ports.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Member } from '../workspaces/types.ts';
import type {
  ClosedDealRow,
  CountRow,
  HabitCheckRow,
  HabitInsight,
  KeptPromiseRow,
  MarchDay,
  MarchSummary,
  MomentumRow,
  MomentumWeek,
  OutcomeInsight,
  PromiseKeepingWeek,
  TouchRow,
  WinRecord,
} from './types.ts';
import { datesOf, isoWeekOf, share } from './weeks.ts';

type Period = { from: IsoDate; to: IsoDate };

/** Early / on-time / late counts and shares per member and ISO week of the day it was kept. */
export function promiseKeeping(
  rows: readonly KeptPromiseRow[],
  zoneOf: (memberId: string) => string,
  period: Period,
): PromiseKeepingWeek[] {
  const readers = new Map<string, (instant: string) => IsoDate>();
  const cells = new Map<string, PromiseKeepingWeek>();
  for (const r of rows) {
    const zone = zoneOf(r.ownerId);
    let read = readers.get(zone);
    if (!read) readers.set(zone, (read = localDayReader(zone)));
    const day = read(r.doneAt);
    if (day < period.from || day > period.to) continue;
    const week = isoWeekOf(day);
    const key = `${r.ownerId}|${week}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        memberId: r.ownerId,
        week,
        early: 0,
        onTime: 0,
        late: 0,
        total: 0,
        earlyShare: 0,
        onTimeShare: 0,
        lateShare: 0,
      };
      cells.set(key, cell);
    }
    if (r.classification === 'early') cell.early += 1;
    else if (r.classification === 'on-time') cell.onTime += 1;
    else cell.late += 1;
    cell.total += 1;
  }
  return [...cells.values()]
    .map((c) => ({
      ...c,
      earlyShare: share(c.early, c.total),
      onTimeShare: share(c.onTime, c.total),
      lateShare: share(c.late, c.total),
    }))
    .sort((a, b) => a.memberId.localeCompare(b.memberId) || a.week.localeCompare(b.week));
}

/**
 * Each member's touches per local day of the period against their floor and ceiling. Days off
 * (weekends, holidays, personal days) are listed with their touches but no band. The member's
 * own today is not over: under the floor it is `open`, not a stall, and it is not counted yet.
 */
export function marchDays(
  rows: readonly TouchRow[],
  members: readonly Member[],
  isBusinessDay: (member: Member, date: IsoDate) => boolean,
  period: Period,
  now: string,
): { days: MarchDay[]; summary: MarchSummary[] } {
  const days: MarchDay[] = [];
  const summary: MarchSummary[] = [];
  const dates = datesOf(period.from, period.to);
  for (const m of members) {
    const read = localDayReader(m.timeZone);
    const counts = new Map<IsoDate, number>();
    for (const r of rows) {
      if (r.memberId !== m.id) continue;
      const day = read(r.at);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const s: MarchSummary = {
      memberId: m.id,
      businessDays: 0,
      on: 0,
      stall: 0,
      rush: 0,
      touches: 0,
    };
    // A member's march starts the day they joined.
    const joined = read(m.createdAt);
    const today = read(now);
    for (const date of dates) {
      if (date < joined) continue;
      const touches = counts.get(date) ?? 0;
      const business = isBusinessDay(m, date);
      const reached = business ? bandOf(touches, m.marchFloor, m.marchCeiling) : null;
      const band = reached === 'stall' && date === today ? 'open' : reached;
      days.push({
        memberId: m.id,
        date,
        touches,
        floor: m.marchFloor,
        ceiling: m.marchCeiling,
        businessDay: business,
        band,
      });
      s.touches += touches;
      if (band && band !== 'open') {
        s.businessDays += 1;
        s[band] += 1;
      }
    }
    summary.push(s);
  }
  return { days, summary };
}

function winRecord(won: number, lost: number): WinRecord {
  return { won, lost, winRate: won + lost === 0 ? null : share(won, won + lost) };
}

/**
 * Per habit: how it went on the period's calls, and how deals closed in the period did with
 * and without it. Only deals with at least one checklist count either way: a deal nobody
 * checked says nothing about any habit.
 */
export function habitInsights(
  habits: readonly Habit[],
  callChecks: readonly HabitCheckRow[],
  closed: { deals: readonly ClosedDealRow[]; checks: readonly HabitCheckRow[] },
): HabitInsight[] {
  const checkedDeals = new Set(closed.checks.map((c) => c.dealId));
  const practisedOn = new Map<string, Set<string>>();
  for (const c of closed.checks) {
    if (c.state === 'no') continue;
    let deals = practisedOn.get(c.habitId);
    if (!deals) practisedOn.set(c.habitId, (deals = new Set()));
    deals.add(c.dealId);
  }
  return habits.map((h) => {
    const calls = { done: 0, partly: 0, no: 0 };
    for (const c of callChecks) if (c.habitId === h.id) calls[c.state] += 1;
    const withHabit = practisedOn.get(h.id) ?? new Set<string>();
    const tally = { practiced: { won: 0, lost: 0 }, notPracticed: { won: 0, lost: 0 } };
    for (const d of closed.deals) {
      if (!checkedDeals.has(d.dealId)) continue;
      tally[withHabit.has(d.dealId) ? 'practiced' : 'notPracticed'][d.status] += 1;
    }
    return {
      habitId: h.id,
      position: h.position,
      key: h.key,
      name: h.name,
      calls,
      practiced: winRecord(tally.practiced.won, tally.practiced.lost),
      notPracticed: winRecord(tally.notPracticed.won, tally.notPracticed.lost),
    };
  });
}

const reasonCounts = () =>
  Object.fromEntries(POOR_OUTCOME_REASONS.map((r) => [r, 0])) as Record<
    (typeof POOR_OUTCOME_REASONS)[number],
    number
  >;

export function outcomeInsight(
  calls: readonly CountRow<CallOutcome>[],
  deals: readonly CountRow<DealOutcomeKind>[],
): OutcomeInsight {
  const out: OutcomeInsight = {
    calls: { advanced: 0, 'no-change': 0, setback: 0, unrecorded: 0 },
    callReasons: reasonCounts(),
    deals: { won: 0, lost: 0, paused: 0 },
    lossReasons: { ...reasonCounts(), unspecified: 0 },
    pauseReasons: { ...reasonCounts(), unspecified: 0 },
  };
  for (const r of calls) {
    out.calls[r.outcome ?? 'unrecorded'] += r.count;
    if (r.reason) out.callReasons[r.reason] += r.count;
  }
  for (const r of deals) {
    if (!r.outcome) continue;
    out.deals[r.outcome] += r.count;
    if (r.outcome === 'lost') out.lossReasons[r.reason ?? 'unspecified'] += r.count;
    if (r.outcome === 'paused') out.pauseReasons[r.reason ?? 'unspecified'] += r.count;
  }
  return out;
}

/** The mean recorded score per ISO week, over the deals that have one that week. */
export function momentumByWeek(rows: readonly MomentumRow[]): MomentumWeek[] {
  const weeks = new Map<string, { sum: number; n: number; deals: Set<string> }>();
  for (const r of rows) {
    const week = isoWeekOf(r.day);
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { sum: 0, n: 0, deals: new Set() }));
    w.sum += r.score;
    w.n += 1;
    w.deals.add(r.dealId);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => ({
      week,
      average: Math.round((w.sum / w.n) * 10) / 10,
      deals: w.deals.size,
    }));
}
