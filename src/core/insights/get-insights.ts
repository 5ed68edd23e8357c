import { localDateOf } from '../calendar/index.ts';
import { addDays, createDayView, daysBetween, startOfLocalDay } from '../time/local-days.ts';
import { assessNeglect, NEGLECT_REASONS } from '../neglect/assess-neglect.ts';
import type { HabitRepository } from '../playbook/ports.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import type { Executor } from '../kernel/transactions.ts';
import { calendarOf } from '../workspaces/member-calendar.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import { seesWholeWorkspace, type Actor, type Member } from '../workspaces/types.ts';
import {
  habitInsights,
  marchDays,
  momentumByWeek,
  outcomeInsight,
  promiseKeeping,
} from './aggregate.ts';
import type { InsightRepository } from './ports.ts';
import type { InsightScope, Insights, Lesson, NeglectWeek } from './types.ts';
import { replayNeglect } from './neglect-history.ts';
import { weeksOf } from './weeks.ts';

export type InsightDeps = ReadDeps & {
  insights: InsightRepository;
  members: Pick<MemberRepository, 'findById' | 'listByWorkspace'>;
  habits: Pick<HabitRepository, 'list'>;
};

export interface InsightQuery {
  from?: string;
  to?: string;
  /** A member's e-mail or id; by default yourself (a rep) or the whole team (a manager). */
  member?: string;
}

/** Twelve weeks by default, a year at most. */
export const DEFAULT_INSIGHT_DAYS = 84;
export const MAX_INSIGHT_DAYS = 366;
export const MAX_LESSONS = 100;

async function resolveScope(
  deps: InsightDeps,
  ex: Executor,
  actor: Actor,
  ref: string | undefined,
): Promise<Member[]> {
  const all = await deps.members.listByWorkspace(ex, actor.workspaceId);
  if (ref?.trim()) {
    const key = ref.trim().toLowerCase();
    const member = all.find((m) => m.id === ref.trim() || m.email === key);
    // A rep sees only their own figures; anyone else answers as if unknown.
    if (!member || (!seesWholeWorkspace(actor) && member.id !== actor.memberId))
      throw notFound('member', ref.trim());
    return [member];
  }
  if (!seesWholeWorkspace(actor)) {
    const self = all.find((m) => m.id === actor.memberId);
    if (!self) throw notFound('member', actor.memberId);
    return [self];
  }
  return all;
}

function groupByZone(members: readonly Member[]): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const m of members) zones.set(m.timeZone, [...(zones.get(m.timeZone) ?? []), m.id]);
  return zones;
}

function resolvePeriod(query: InsightQuery, today: IsoDate): { from: IsoDate; to: IsoDate } {
  const to = query.to ? parseIsoDate(query.to, 'to').toString() : today;
  const from = query.from
    ? parseIsoDate(query.from, 'from').toString()
    : addDays(to, -(DEFAULT_INSIGHT_DAYS - 1));
  if (from > to) throw invalid(`The period starts (${from}) after it ends (${to}).`);
  if (daysBetween(from, to) + 1 > MAX_INSIGHT_DAYS)
    throw invalid(`A period is at most ${MAX_INSIGHT_DAYS} days; ${from} to ${to} is longer.`);
  return { from, to };
}

/**
 * Neglected deals per ISO week, each counted as of the week's last day (or the period's end, or
 * today, whichever is first), with the state of every deal as it was then: its last touch, its
 * next step, its promises. Members are grouped by zone, since a day ends at a different instant
 * in each.
 */
async function neglectByWeek(
  deps: InsightDeps,
  ex: Executor,
  workspaceId: string,
  members: readonly Member[],
  period: { from: IsoDate; to: IsoDate },
): Promise<NeglectWeek[]> {
  const zones = groupByZone(members);
  const weeks = weeksOf(period.from, period.to).map((span) => ({
    span,
    count: {
      week: span.week,
      asOf: span.end,
      open: 0,
      neglected: 0,
      reasons: Object.fromEntries(NEGLECT_REASONS.map((r) => [r, 0])) as NeglectWeek['reasons'],
    } satisfies NeglectWeek,
  }));
  for (const [zone, memberIds] of zones) {
    const moments = weeks.map((w) => startOfLocalDay(addDays(w.span.end, 1), zone));
    const history = await deps.insights.neglectHistory(
      ex,
      { workspaceId, memberIds },
      { from: moments[0]!, to: moments[moments.length - 1]! },
    );
    const at = replayNeglect(history);
    for (const [i, w] of weeks.entries()) {
      const day = createDayView(w.span.end, zone);
      for (const deal of at(moments[i]!, w.span.end)) {
        const neglect = assessNeglect(deal, day);
        w.count.open += 1;
        if (!neglect.neglected) continue;
        w.count.neglected += 1;
        for (const r of neglect.reasons) w.count.reasons[r] += 1;
      }
    }
  }
  return weeks.map((w) => w.count);
}

/**
 * The figures behind the process: promises kept early, the march against its band, habits and
 * how deals did with and without them, outcomes and their reasons, lessons, neglect over time
 * and the momentum trend. Counts are shown as counted; nothing claims significance.
 */
export async function getInsights(
  deps: InsightDeps,
  actor: Actor,
  query: InsightQuery = {},
): Promise<Insights> {
  const ex = deps.runner.executor;
  const me = await deps.members.findById(ex, actor.workspaceId, actor.memberId);
  if (!me) throw notFound('member', actor.memberId);
  const today = localDateOf(deps.clock.now(), me.timeZone);
  const period = resolvePeriod(query, today);
  const members = await resolveScope(deps, ex, actor, query.member);
  const scope: InsightScope = {
    workspaceId: actor.workspaceId,
    memberIds: members.map((m) => m.id),
  };
  const zoneOf = new Map(members.map((m) => [m.id, m.timeZone]));
  const habits = await deps.habits.list(ex, actor.workspaceId);
  const habitKeys = new Map(habits.map((h) => [h.id, h.key]));
  // What has not happened yet is not counted: the march and neglect stop at today.
  const past = { from: period.from, to: period.to < today ? period.to : today };
  const hasPast = past.from <= past.to;

  // A day starts at a different instant in each zone, so each zone's members are read over
  // their own exact period.
  const byZone = [...groupByZone(members)].map(([zone, memberIds]) => ({
    scope: { workspaceId: actor.workspaceId, memberIds },
    range: {
      from: startOfLocalDay(period.from, zone),
      to: startOfLocalDay(addDays(period.to, 1), zone),
    },
  }));
  const each = <T>(read: (z: (typeof byZone)[number]) => Promise<T[]>) =>
    Promise.all(byZone.map(read)).then((parts) => parts.flat());
  const kept = await each((z) => deps.insights.keptPromises(ex, z.scope, z.range));
  const touches = hasPast ? await each((z) => deps.insights.touches(ex, z.scope, z.range)) : [];
  const callChecks = await each((z) => deps.insights.callChecks(ex, z.scope, z.range));
  const callOutcomes = await each((z) => deps.insights.callOutcomes(ex, z.scope, z.range));
  const closedParts = await Promise.all(
    byZone.map((z) => deps.insights.closedDeals(ex, z.scope, z.range)),
  );
  const closed = {
    deals: closedParts.flatMap((p) => p.deals),
    checks: closedParts.flatMap((p) => p.checks),
  };
  const dealOutcomes = await each((z) => deps.insights.dealOutcomes(ex, z.scope, z.range));
  const lessonRows = (
    await each((z) => deps.insights.lessons(ex, z.scope, z.range, MAX_LESSONS))
  ).sort((a, b) => b.at.localeCompare(a.at));
  const scores = await deps.insights.momentumScores(ex, scope, period.from, period.to);
  const calendars = new Map(members.map((m) => [m.id, calendarOf(m)]));

  const lessons: Lesson[] = lessonRows.slice(0, MAX_LESSONS).map((l) => ({
    source: l.source,
    at: l.at,
    dealId: l.dealId,
    dealTitle: l.dealTitle,
    memberId: l.memberId,
    callId: l.callId,
    text: l.text,
    habits: l.habitIds.map((id) => habitKeys.get(id) ?? id),
  }));

  return {
    from: period.from,
    to: period.to,
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email })),
    promiseKeeping: promiseKeeping(kept, (id) => zoneOf.get(id) ?? me.timeZone, period),
    march: hasPast
      ? marchDays(
          touches,
          members,
          (m, d) => calendars.get(m.id)!.isBusinessDay(d),
          past,
          deps.clock.now().toString(),
        )
      : { days: [], summary: [] },
    habits: habitInsights(habits, callChecks, closed),
    outcomes: outcomeInsight(callOutcomes, dealOutcomes),
    lessons,
    neglect: hasPast ? await neglectByWeek(deps, ex, actor.workspaceId, members, past) : [],
    momentum: momentumByWeek(scores),
  };
}
