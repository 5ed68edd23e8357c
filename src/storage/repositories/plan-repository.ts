import type { Selectable } from 'kysely';
import { parsePlanDocument } from '../../core/plans/document.ts';
import type { PlanRepository, PlanRevision } from '../../core/plans/ports.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import { kyselyOf } from '../executor.ts';
import type { PlanRevisionsTable } from '../schema.ts';

function toRevision(r: Selectable<PlanRevisionsTable>): PlanRevision {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    dealId: r.deal_id,
    number: r.number,
    // Documents were validated when saved; reading them through the same parser fills any
    // field a later version of the schema added.
    document: parsePlanDocument(JSON.parse(r.document)),
    authorId: r.author_id,
    callId: r.call_id,
    summary: r.summary,
    createdAt: r.created_at,
  };
}

export const planRepository: PlanRepository = {
  async insert(ex, rev) {
    momentumInputsChanged(ex, [rev.dealId]);
    const result = await kyselyOf(ex)
      .insertInto('plan_revisions')
      .values({
        id: rev.id,
        workspace_id: rev.workspaceId,
        deal_id: rev.dealId,
        number: rev.number,
        document: JSON.stringify(rev.document),
        author_id: rev.authorId,
        call_id: rev.callId,
        summary: rev.summary,
        created_at: rev.createdAt,
      })
      // Two saves on the same base race for the same number; the loser inserts nothing and
      // is told so, instead of failing the transaction on PostgreSQL.
      .onConflict((oc) => oc.columns(['deal_id', 'number']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  async latest(ex, dealId) {
    const row = await kyselyOf(ex)
      .selectFrom('plan_revisions')
      .selectAll()
      .where('deal_id', '=', dealId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRevision(row) : null;
  },
  async find(ex, dealId, number) {
    const row = await kyselyOf(ex)
      .selectFrom('plan_revisions')
      .selectAll()
      .where('deal_id', '=', dealId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toRevision(row) : null;
  },
  async list(ex, dealId) {
    const rows = await kyselyOf(ex)
      .selectFrom('plan_revisions')
      .selectAll()
      .where('deal_id', '=', dealId)
      .orderBy('number')
      .execute();
    return rows.map(toRevision);
  },
};
