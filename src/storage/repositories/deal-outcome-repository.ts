import type { PoorOutcomeReason } from '../../core/calls/types.ts';
import type { DealOutcomeRepository } from '../../core/deals/ports.ts';
import type { DealOutcomeKind } from '../../core/deals/types.ts';
import { kyselyOf } from '../executor.ts';

export const dealOutcomeRepository: DealOutcomeRepository = {
  async insert(ex, o) {
    await kyselyOf(ex)
      .insertInto('deal_outcomes')
      .values({
        id: o.id,
        workspace_id: o.workspaceId,
        deal_id: o.dealId,
        outcome: o.outcome,
        reason: o.reason,
        lesson: o.lesson,
        lesson_habits: JSON.stringify(o.lessonHabits),
        re_engage_on: o.reEngageOn,
        decided_by: o.decidedBy,
        decided_at: o.decidedAt,
      })
      .execute();
  },
  async listForDeal(ex, dealId) {
    const rows = await kyselyOf(ex)
      .selectFrom('deal_outcomes')
      .selectAll()
      .where('deal_id', '=', dealId)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      dealId: r.deal_id,
      outcome: r.outcome as DealOutcomeKind,
      reason: r.reason as PoorOutcomeReason | null,
      lesson: r.lesson,
      lessonHabits: JSON.parse(r.lesson_habits) as string[],
      reEngageOn: r.re_engage_on,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }));
  },
};
