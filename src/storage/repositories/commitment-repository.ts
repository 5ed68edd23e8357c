import type { Selectable } from 'kysely';
import type { CommitmentPatch, CommitmentRepository } from '../../core/commitments/ports.ts';
import type {
  Classification,
  Commitment,
  CommitmentSide,
  CommitmentState,
} from '../../core/commitments/types.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import { kyselyOf } from '../executor.ts';
import type { CommitmentsTable } from '../schema.ts';
import { visibleTo } from './deal-repository.ts';

export function toCommitment(r: Selectable<CommitmentsTable>): Commitment {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    dealId: r.deal_id,
    ownerId: r.owner_id,
    side: r.side as CommitmentSide,
    text: r.text,
    due: r.due_date,
    dueTime: r.due_time,
    madeOn: r.made_on,
    dueAgreedOn: r.due_agreed_on,
    leadDays: r.lead_days,
    target: r.target_date,
    state: r.state as CommitmentState,
    doneAt: r.done_at,
    classification: r.classification as Classification | null,
    droppedReason: r.dropped_reason,
    snoozedUntil: r.snoozed_until,
    snoozeReason: r.snooze_reason,
    lastChasedAt: r.last_chased_at,
    sourceSentence: r.source_sentence,
    callId: r.call_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const COLUMN_OF: Record<keyof CommitmentPatch, keyof CommitmentsTable> = {
  text: 'text',
  due: 'due_date',
  dueTime: 'due_time',
  dueAgreedOn: 'due_agreed_on',
  leadDays: 'lead_days',
  target: 'target_date',
  state: 'state',
  doneAt: 'done_at',
  classification: 'classification',
  droppedReason: 'dropped_reason',
  snoozedUntil: 'snoozed_until',
  snoozeReason: 'snooze_reason',
  lastChasedAt: 'last_chased_at',
  updatedAt: 'updated_at',
};

export const commitmentRepository: CommitmentRepository = {
  async insert(ex, c) {
    momentumInputsChanged(ex, [c.dealId]);
    await kyselyOf(ex)
      .insertInto('commitments')
      .values({
        id: c.id,
        workspace_id: c.workspaceId,
        deal_id: c.dealId,
        owner_id: c.ownerId,
        side: c.side,
        text: c.text,
        due_date: c.due,
        due_time: c.dueTime,
        made_on: c.madeOn,
        due_agreed_on: c.dueAgreedOn,
        lead_days: c.leadDays,
        target_date: c.target,
        state: c.state,
        done_at: c.doneAt,
        classification: c.classification,
        dropped_reason: c.droppedReason,
        snoozed_until: c.snoozedUntil,
        snooze_reason: c.snoozeReason,
        last_chased_at: c.lastChasedAt,
        source_sentence: c.sourceSentence,
        call_id: c.callId,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        version: c.version,
      })
      .execute();
  },
  async findVisible(ex, actor, id) {
    const row = await kyselyOf(ex)
      .selectFrom('commitments')
      .innerJoin('deals', 'deals.id', 'commitments.deal_id')
      .selectAll('commitments')
      .where('commitments.id', '=', id)
      .where(visibleTo(actor))
      .executeTakeFirst();
    return row ? toCommitment(row) : null;
  },
  async listVisible(ex, actor, filter) {
    let q = kyselyOf(ex)
      .selectFrom('commitments')
      .innerJoin('deals', 'deals.id', 'commitments.deal_id')
      .selectAll('commitments')
      .where(visibleTo(actor));
    if (filter.dealId) q = q.where('commitments.deal_id', '=', filter.dealId);
    if (filter.state) q = q.where('commitments.state', '=', filter.state);
    if (filter.side) q = q.where('commitments.side', '=', filter.side);
    if (filter.ownerId) q = q.where('commitments.owner_id', '=', filter.ownerId);
    const rows = await q
      .orderBy('commitments.target_date')
      .orderBy('commitments.created_at')
      .orderBy('commitments.id')
      .limit(filter.limit ?? 5_000)
      .execute();
    return rows.map(toCommitment);
  },
  async listOpenForOwner(ex, ownerId, until) {
    const rows = await kyselyOf(ex)
      .selectFrom('commitments')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('state', '=', 'open')
      .where((eb) => eb.or([eb('target_date', '<=', until), eb('target_date', 'is', null)]))
      .orderBy('target_date')
      .orderBy('id')
      .execute();
    return rows.map(toCommitment);
  },
  async nextOursForOwner(ex, ownerId, after, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('commitments')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('state', '=', 'open')
      .where('target_date', '>', after)
      .where('side', '=', 'ours')
      // A promise snoozed past the day is out of sight until then, early offers included.
      .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', after)]))
      .orderBy('target_date')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toCommitment);
  },
  async listAllOpenForOwner(ex, ownerId) {
    const rows = await kyselyOf(ex)
      .selectFrom('commitments')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('state', '=', 'open')
      .orderBy('target_date')
      .orderBy('id')
      .execute();
    return rows.map(toCommitment);
  },
  async update(ex, id, expectedVersion, patch) {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) values[COLUMN_OF[key as keyof CommitmentPatch]] = value;
    }
    const result = await kyselyOf(ex)
      .updateTable('commitments')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const row = await kyselyOf(ex)
      .selectFrom('commitments')
      .select('deal_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    momentumInputsChanged(ex, [row.deal_id]);
    return true;
  },
};
