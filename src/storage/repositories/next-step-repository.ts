import type { Selectable } from 'kysely';
import type { NextStepRepository } from '../../core/next-steps/ports.ts';
import type { NextStep, NextStepState } from '../../core/next-steps/types.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import { kyselyOf } from '../executor.ts';
import type { NextStepsTable } from '../schema.ts';

function toNextStep(r: Selectable<NextStepsTable>): NextStep {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    dealId: r.deal_id,
    text: r.text,
    due: r.due_date,
    dueTime: r.due_time,
    state: r.state as NextStepState,
    callId: r.call_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  };
}

export const nextStepRepository: NextStepRepository = {
  async insert(ex, s) {
    momentumInputsChanged(ex, [s.dealId]);
    await kyselyOf(ex)
      .insertInto('next_steps')
      .values({
        id: s.id,
        workspace_id: s.workspaceId,
        deal_id: s.dealId,
        text: s.text,
        due_date: s.due,
        due_time: s.dueTime,
        state: s.state,
        call_id: s.callId,
        created_by: s.createdBy,
        created_at: s.createdAt,
        version: s.version,
      })
      .execute();
  },
  async findOpenForDeal(ex, dealId) {
    const row = await kyselyOf(ex)
      .selectFrom('next_steps')
      .selectAll()
      .where('deal_id', '=', dealId)
      .where('state', '=', 'open')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toNextStep(row) : null;
  },
  async latestCreatedBefore(ex, dealId, before) {
    const row = await kyselyOf(ex)
      .selectFrom('next_steps')
      .selectAll()
      .where('deal_id', '=', dealId)
      .where('created_at', '<', before)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toNextStep(row) : null;
  },
  async closeOpen(ex, dealId, state) {
    momentumInputsChanged(ex, [dealId]);
    const result = await kyselyOf(ex)
      .updateTable('next_steps')
      .set((eb) => ({ state, version: eb('version', '+', 1) }))
      .where('deal_id', '=', dealId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  async dropOpen(ex, dealId, reason) {
    const result = await kyselyOf(ex)
      .updateTable('next_steps')
      .set((eb) => ({ state: 'dropped', dropped_reason: reason, version: eb('version', '+', 1) }))
      .where('deal_id', '=', dealId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  async completeDueOn(ex, dealId, day) {
    momentumInputsChanged(ex, [dealId]);
    const result = await kyselyOf(ex)
      .updateTable('next_steps')
      .set((eb) => ({ state: 'done', version: eb('version', '+', 1) }))
      .where('deal_id', '=', dealId)
      .where('state', '=', 'open')
      .where('due_date', '=', day)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
