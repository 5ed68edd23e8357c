import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DealPatch, DealRepository, StageRepository } from '../../core/deals/ports.ts';
import type { Deal, DealStatus, Stage } from '../../core/deals/types.ts';
import { seesWholeWorkspace, type Actor } from '../../core/workspaces/types.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import { kyselyOf } from '../executor.ts';
import type { Database, DealsTable, StagesTable } from '../schema.ts';

function toStage(r: Selectable<StagesTable>): Stage {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    position: r.position,
    neglectDays: r.neglect_days,
    version: r.version,
  };
}

export const stageRepository: StageRepository = {
  async insert(ex, s) {
    await kyselyOf(ex)
      .insertInto('stages')
      .values({
        id: s.id,
        workspace_id: s.workspaceId,
        name: s.name,
        name_key: s.name.trim().toLowerCase(),
        position: s.position,
        neglect_days: s.neglectDays,
        version: s.version,
      })
      .execute();
  },
  async listByWorkspace(ex, workspaceId) {
    const rows = await kyselyOf(ex)
      .selectFrom('stages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('position')
      .execute();
    return rows.map(toStage);
  },
  async findByName(ex, workspaceId, name) {
    const row = await kyselyOf(ex)
      .selectFrom('stages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name_key', '=', name.trim().toLowerCase())
      .executeTakeFirst();
    return row ? toStage(row) : null;
  },
  async findById(ex, workspaceId, id) {
    const row = await kyselyOf(ex)
      .selectFrom('stages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toStage(row) : null;
  },
  async update(ex, workspaceId, id, expectedVersion, patch) {
    const result = await kyselyOf(ex)
      .updateTable('stages')
      .set((eb) => ({
        ...(patch.name !== undefined && {
          name: patch.name,
          name_key: patch.name.trim().toLowerCase(),
        }),
        ...(patch.neglectDays !== undefined && { neglect_days: patch.neglectDays }),
        ...(patch.position !== undefined && { position: patch.position }),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    // The stage's threshold is an input of the momentum of every open deal in it.
    if (patch.neglectDays !== undefined) {
      const deals = await kyselyOf(ex)
        .selectFrom('deals')
        .select('id')
        .where('stage_id', '=', id)
        .where('status', '=', 'open')
        .execute();
      momentumInputsChanged(
        ex,
        deals.map((d) => d.id),
      );
    }
    return true;
  },
};

export function toDeal(r: Selectable<DealsTable>): Deal {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    accountId: r.account_id,
    ownerId: r.owner_id,
    title: r.title,
    stageId: r.stage_id,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    expectedClose: r.expected_close,
    status: r.status as DealStatus,
    reEngageOn: r.re_engage_on,
    closeReason: r.close_reason,
    closedAt: r.closed_at,
    lastTouchAt: r.last_touch_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The visibility rule (docs/rules.md#visibility) as a query condition: managers and owners see the whole
 * workspace; a rep sees deals they own or that are shared with them. */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'deals'>) => {
    const inWorkspace = eb('deals.workspace_id', '=', actor.workspaceId);
    if (seesWholeWorkspace(actor)) return inWorkspace;
    return eb.and([
      inWorkspace,
      eb.or([
        eb('deals.owner_id', '=', actor.memberId),
        eb.exists(
          eb
            .selectFrom('deal_shares')
            .select('deal_shares.deal_id')
            .whereRef('deal_shares.deal_id', '=', 'deals.id')
            .where('deal_shares.member_id', '=', actor.memberId),
        ),
      ]),
    ]);
  };
}

export const dealRepository: DealRepository = {
  async insert(ex, d) {
    momentumInputsChanged(ex, [d.id]);
    await kyselyOf(ex)
      .insertInto('deals')
      .values({
        id: d.id,
        workspace_id: d.workspaceId,
        account_id: d.accountId,
        owner_id: d.ownerId,
        title: d.title,
        stage_id: d.stageId,
        amount_minor: d.amountMinor,
        currency: d.currency,
        expected_close: d.expectedClose,
        status: d.status,
        re_engage_on: d.reEngageOn,
        close_reason: d.closeReason,
        closed_at: d.closedAt,
        stage_changed_at: d.createdAt,
        last_touch_at: d.lastTouchAt,
        external_ref: null,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
        version: d.version,
      })
      .execute();
  },
  async findVisible(ex, actor, id) {
    const row = await kyselyOf(ex)
      .selectFrom('deals')
      .selectAll()
      .where('deals.id', '=', id)
      .where(visibleTo(actor))
      .executeTakeFirst();
    return row ? toDeal(row) : null;
  },
  async listVisible(ex, actor, filter) {
    let q = kyselyOf(ex).selectFrom('deals').selectAll().where(visibleTo(actor));
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.ownerId) q = q.where('owner_id', '=', filter.ownerId);
    if (filter.stageId) q = q.where('stage_id', '=', filter.stageId);
    if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
    const rows = await q
      .orderBy('created_at')
      .orderBy('id')
      .limit(filter.limit ?? 10_000)
      .execute();
    return rows.map(toDeal);
  },
  async update(ex, id, expectedVersion, patch: DealPatch) {
    momentumInputsChanged(ex, [id]);
    const result = await kyselyOf(ex)
      .updateTable('deals')
      .set((eb) => ({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.stageId !== undefined && { stage_id: patch.stageId }),
        ...(patch.stageChangedAt !== undefined && { stage_changed_at: patch.stageChangedAt }),
        ...(patch.amountMinor !== undefined && { amount_minor: patch.amountMinor }),
        ...(patch.currency !== undefined && { currency: patch.currency }),
        ...(patch.expectedClose !== undefined && { expected_close: patch.expectedClose }),
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.reEngageOn !== undefined && { re_engage_on: patch.reEngageOn }),
        ...(patch.closeReason !== undefined && { close_reason: patch.closeReason }),
        ...(patch.closedAt !== undefined && { closed_at: patch.closedAt }),
        ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
        ...(patch.updatedAt !== undefined && { updated_at: patch.updatedAt }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async share(ex, dealId, memberId) {
    await kyselyOf(ex)
      .insertInto('deal_shares')
      .values({ deal_id: dealId, member_id: memberId })
      .onConflict((oc) => oc.columns(['deal_id', 'member_id']).doNothing())
      .execute();
  },
};
