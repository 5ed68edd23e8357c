import type { CallOutcome, HabitCheck, PoorOutcomeReason } from '../../core/calls/types.ts';
import type { Classification } from '../../core/commitments/types.ts';
import type { DealOutcomeKind } from '../../core/deals/types.ts';
import type { InsightRepository } from '../../core/insights/ports.ts';
import type { LessonRow } from '../../core/insights/types.ts';
import { kyselyOf } from '../executor.ts';
import { readNeglectHistory } from '../queries/insights-neglect.ts';

const ids = (memberIds: readonly string[]) => [...memberIds];

function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Insights read only the scope's members' deals, inside an instant range; nothing else. */
export const insightRepository: InsightRepository = {
  async keptPromises(ex, scope, range) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('commitments')
      .select(['owner_id', 'done_at', 'classification'])
      .where('workspace_id', '=', scope.workspaceId)
      .where('owner_id', 'in', ids(scope.memberIds))
      .where('side', '=', 'ours')
      .where('state', '=', 'done')
      .where('classification', 'is not', null)
      .where('done_at', '>=', range.from)
      .where('done_at', '<', range.to)
      .execute();
    return rows.map((r) => ({
      ownerId: r.owner_id,
      doneAt: r.done_at!,
      classification: r.classification as Classification,
    }));
  },

  async touches(ex, scope, range) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('touches')
      .select(['member_id', 'at'])
      .where('workspace_id', '=', scope.workspaceId)
      .where('member_id', 'in', ids(scope.memberIds))
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .execute();
    return rows.map((r) => ({ memberId: r.member_id, at: r.at }));
  },

  async callChecks(ex, scope, range) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('call_habits')
      .innerJoin('calls', 'calls.id', 'call_habits.call_id')
      .innerJoin('deals', 'deals.id', 'calls.deal_id')
      .select(['call_habits.call_id', 'calls.deal_id', 'call_habits.habit_id', 'call_habits.state'])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('calls.started_at', '>=', range.from)
      .where('calls.started_at', '<', range.to)
      .execute();
    return rows.map((r) => ({
      callId: r.call_id,
      dealId: r.deal_id,
      habitId: r.habit_id,
      state: r.state as HabitCheck,
    }));
  },

  async callOutcomes(ex, scope, range) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('calls')
      .innerJoin('deals', 'deals.id', 'calls.deal_id')
      .select((eb) => ['calls.outcome', 'calls.reason', eb.fn.countAll().as('count')])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('calls.started_at', '>=', range.from)
      .where('calls.started_at', '<', range.to)
      .groupBy(['calls.outcome', 'calls.reason'])
      .execute();
    return rows.map((r) => ({
      outcome: r.outcome as CallOutcome | null,
      reason: r.reason as PoorOutcomeReason | null,
      count: Number(r.count),
    }));
  },

  async closedDeals(ex, scope, range) {
    if (scope.memberIds.length === 0) return { deals: [], checks: [] };
    const db = kyselyOf(ex);
    const closed = db
      .selectFrom('deals')
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('deals.status', 'in', ['won', 'lost'])
      .where('deals.closed_at', '>=', range.from)
      .where('deals.closed_at', '<', range.to);
    const deals = await closed.select(['deals.id', 'deals.status']).execute();
    const checks = await db
      .selectFrom('call_habits')
      .innerJoin('calls', 'calls.id', 'call_habits.call_id')
      .select(['call_habits.call_id', 'calls.deal_id', 'call_habits.habit_id', 'call_habits.state'])
      .where('calls.deal_id', 'in', closed.select('deals.id'))
      .execute();
    return {
      deals: deals.map((d) => ({ dealId: d.id, status: d.status as 'won' | 'lost' })),
      checks: checks.map((r) => ({
        callId: r.call_id,
        dealId: r.deal_id,
        habitId: r.habit_id,
        state: r.state as HabitCheck,
      })),
    };
  },

  async dealOutcomes(ex, scope, range) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('deal_outcomes')
      .innerJoin('deals', 'deals.id', 'deal_outcomes.deal_id')
      .select((eb) => [
        'deal_outcomes.outcome',
        'deal_outcomes.reason',
        eb.fn.countAll().as('count'),
      ])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('deal_outcomes.decided_at', '>=', range.from)
      .where('deal_outcomes.decided_at', '<', range.to)
      .groupBy(['deal_outcomes.outcome', 'deal_outcomes.reason'])
      .execute();
    return rows.map((r) => ({
      outcome: r.outcome as DealOutcomeKind,
      reason: r.reason as PoorOutcomeReason | null,
      count: Number(r.count),
    }));
  },

  async lessons(ex, scope, range, limit) {
    if (scope.memberIds.length === 0) return [];
    const db = kyselyOf(ex);
    const fromCalls = await db
      .selectFrom('calls')
      .innerJoin('deals', 'deals.id', 'calls.deal_id')
      .select([
        'calls.id',
        'calls.started_at',
        'calls.deal_id',
        'deals.title',
        'calls.logged_by',
        'calls.lesson',
        'calls.lesson_habits',
      ])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('calls.lesson', 'is not', null)
      .where('calls.started_at', '>=', range.from)
      .where('calls.started_at', '<', range.to)
      .orderBy('calls.started_at', 'desc')
      .limit(limit)
      .execute();
    const fromOutcomes = await db
      .selectFrom('deal_outcomes')
      .innerJoin('deals', 'deals.id', 'deal_outcomes.deal_id')
      .select([
        'deal_outcomes.outcome',
        'deal_outcomes.decided_at',
        'deal_outcomes.deal_id',
        'deals.title',
        'deal_outcomes.decided_by',
        'deal_outcomes.lesson',
        'deal_outcomes.lesson_habits',
      ])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('deal_outcomes.lesson', 'is not', null)
      .where('deal_outcomes.decided_at', '>=', range.from)
      .where('deal_outcomes.decided_at', '<', range.to)
      .orderBy('deal_outcomes.decided_at', 'desc')
      .limit(limit)
      .execute();
    const lessons: LessonRow[] = [
      ...fromCalls.map((c) => ({
        source: 'call' as const,
        at: c.started_at,
        dealId: c.deal_id,
        dealTitle: c.title,
        memberId: c.logged_by,
        callId: c.id,
        text: c.lesson!,
        habitIds: parseIds(c.lesson_habits),
      })),
      ...fromOutcomes.map((o) => ({
        source: o.outcome as DealOutcomeKind,
        at: o.decided_at,
        dealId: o.deal_id,
        dealTitle: o.title,
        memberId: o.decided_by,
        callId: null,
        text: o.lesson!,
        habitIds: parseIds(o.lesson_habits),
      })),
    ];
    return lessons.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  },

  neglectHistory: readNeglectHistory,

  async momentumScores(ex, scope, from, to) {
    if (scope.memberIds.length === 0) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('momentum_snapshots')
      .innerJoin('deals', 'deals.id', 'momentum_snapshots.deal_id')
      .select(['momentum_snapshots.deal_id', 'momentum_snapshots.day', 'momentum_snapshots.score'])
      .where('deals.workspace_id', '=', scope.workspaceId)
      .where('deals.owner_id', 'in', ids(scope.memberIds))
      .where('momentum_snapshots.day', '>=', from)
      .where('momentum_snapshots.day', '<=', to)
      .execute();
    return rows.map((r) => ({ dealId: r.deal_id, day: r.day, score: r.score }));
  },
};
