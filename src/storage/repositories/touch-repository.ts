import type { Selectable } from 'kysely';
import type { TouchRepository } from '../../core/touches/ports.ts';
import type { Touch, TouchKind } from '../../core/touches/types.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';
import type { TouchesTable } from '../schema.ts';

function toRow(t: Touch) {
  return {
    id: t.id,
    workspace_id: t.workspaceId,
    deal_id: t.dealId,
    member_id: t.memberId,
    kind: t.kind,
    at: t.at,
    text: t.text,
    commitment_id: t.commitmentId,
    call_id: t.callId,
    created_at: t.createdAt,
  };
}

function toTouch(r: Selectable<TouchesTable>): Touch {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    dealId: r.deal_id,
    memberId: r.member_id,
    kind: r.kind as TouchKind,
    at: r.at,
    text: r.text,
    commitmentId: r.commitment_id,
    callId: r.call_id,
    createdAt: r.created_at,
  };
}

export const touchRepository: TouchRepository = {
  async insert(ex, t) {
    momentumInputsChanged(ex, [t.dealId]);
    await kyselyOf(ex).insertInto('touches').values(toRow(t)).execute();
  },
  async insertMany(ex, touches) {
    if (touches.length === 0) return;
    momentumInputsChanged(ex, [...new Set(touches.map((t) => t.dealId))]);
    for (const batch of chunksFor(ex, touches, { perItem: 10 }))
      await kyselyOf(ex).insertInto('touches').values(batch.map(toRow)).execute();
  },
  async advanceDealLastTouch(ex, dealId, at) {
    momentumInputsChanged(ex, [dealId]);
    // Not a change to the deal anyone edits: the version stays, so a touch never makes
    // someone's open edit of the deal stale.
    await kyselyOf(ex)
      .updateTable('deals')
      .set({ last_touch_at: at })
      .where('id', '=', dealId)
      .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', at)]))
      .execute();
  },
  async listForDeal(ex, dealId, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('touches')
      .selectAll()
      .where('deal_id', '=', dealId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toTouch);
  },
  async lastTouchBefore(ex, dealId, before) {
    const row = await kyselyOf(ex)
      .selectFrom('touches')
      .select('at')
      .where('deal_id', '=', dealId)
      .where('at', '<', before)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.at ?? null;
  },
  async instantsForMember(ex, memberId, from, to) {
    const rows = await kyselyOf(ex)
      .selectFrom('touches')
      .select('at')
      .where('member_id', '=', memberId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  },
  async countForMember(ex, memberId, from, to) {
    const row = await kyselyOf(ex)
      .selectFrom('touches')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('member_id', '=', memberId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
