import type { CommitmentSide } from '../../core/commitments/types.ts';
import type { InsightScope, InstantRange, NeglectHistory } from '../../core/insights/types.ts';
import type { Executor } from '../../core/kernel/transactions.ts';
import { kyselyOf } from '../executor.ts';

/**
 * The raw history neglect is replayed from (see core/insights/neglect-history.ts): five reads
 * per scope, whatever the number of weeks, each bounded by the scope's deals.
 */
export async function readNeglectHistory(
  ex: Executor,
  scope: InsightScope,
  range: InstantRange,
): Promise<NeglectHistory> {
  const db = kyselyOf(ex);
  const ids = [...scope.memberIds];
  if (ids.length === 0)
    return { deals: [], lastTouchBefore: new Map(), touches: [], nextSteps: [], promises: [] };
  const scoped = db
    .selectFrom('deals')
    .select('deals.id')
    .where('deals.workspace_id', '=', scope.workspaceId)
    .where('deals.owner_id', 'in', ids)
    .where('deals.created_at', '<', range.to);

  const deals = await db
    .selectFrom('deals')
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .select((eb) => [
      'deals.id',
      'deals.created_at',
      'deals.closed_at',
      'stages.neglect_days',
      eb
        .selectFrom('deal_outcomes')
        .select((o) => o.fn.min('deal_outcomes.decided_at').as('first'))
        .whereRef('deal_outcomes.deal_id', '=', 'deals.id')
        .as('first_outcome_at'),
    ])
    .where('deals.workspace_id', '=', scope.workspaceId)
    .where('deals.owner_id', 'in', ids)
    .where('deals.created_at', '<', range.to)
    .execute();

  const before = await db
    .selectFrom('touches')
    .select((eb) => ['touches.deal_id', eb.fn.max('touches.at').as('at')])
    .where('touches.deal_id', 'in', scoped)
    .where('touches.at', '<', range.from)
    .groupBy('touches.deal_id')
    .execute();

  const touches = await db
    .selectFrom('touches')
    .select(['touches.deal_id', 'touches.at'])
    .where('touches.deal_id', 'in', scoped)
    .where('touches.at', '>=', range.from)
    .where('touches.at', '<', range.to)
    .orderBy('touches.at')
    .execute();

  const nextSteps = await db
    .selectFrom('next_steps')
    .select(['next_steps.deal_id', 'next_steps.due_date', 'next_steps.created_at'])
    .where('next_steps.deal_id', 'in', scoped)
    .where('next_steps.created_at', '<', range.to)
    .execute();

  const promises = await db
    .selectFrom('commitments')
    .select([
      'commitments.deal_id',
      'commitments.side',
      'commitments.due_date',
      'commitments.state',
      'commitments.created_at',
      'commitments.done_at',
      'commitments.updated_at',
      'commitments.last_chased_at',
    ])
    .where('commitments.deal_id', 'in', scoped)
    .where('commitments.due_date', 'is not', null)
    .where('commitments.created_at', '<', range.to)
    .execute();

  return {
    deals: deals.map((d) => ({
      dealId: d.id,
      createdAt: d.created_at,
      closedAt: d.closed_at,
      firstOutcomeAt: (d.first_outcome_at as string | null) ?? null,
      neglectDays: d.neglect_days,
    })),
    lastTouchBefore: new Map(before.map((t) => [t.deal_id, t.at as string])),
    touches: touches.map((t) => ({ dealId: t.deal_id, at: t.at })),
    nextSteps: nextSteps.map((s) => ({
      dealId: s.deal_id,
      due: s.due_date,
      createdAt: s.created_at,
    })),
    promises: promises.map((p) => ({
      dealId: p.deal_id,
      side: p.side as CommitmentSide,
      due: p.due_date!,
      state: p.state as 'open' | 'done' | 'dropped',
      createdAt: p.created_at,
      doneAt: p.done_at,
      updatedAt: p.updated_at,
      lastChasedAt: p.last_chased_at,
    })),
  };
}
