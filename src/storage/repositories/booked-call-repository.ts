import type { Selectable } from 'kysely';
import type { BookedCallRepository } from '../../core/calendar-feeds/ports.ts';
import type { BookedCall } from '../../core/calendar-feeds/types.ts';
import { kyselyOf } from '../executor.ts';
import type { BookedCallsTable } from '../schema.ts';

export const toBookedCall = (r: Selectable<BookedCallsTable>): BookedCall => ({
  id: r.id,
  workspaceId: r.workspace_id,
  dealId: r.deal_id,
  memberId: r.member_id,
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  location: r.location,
  sourceUid: r.source_uid,
  occurrence: r.occurrence,
  state: r.state === 'cancelled' ? 'cancelled' : 'booked',
  sequence: r.sequence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = (c: BookedCall) => ({
  deal_id: c.dealId,
  title: c.title,
  starts_at: c.startsAt,
  ends_at: c.endsAt,
  location: c.location,
  state: c.state,
  sequence: c.sequence,
  updated_at: c.updatedAt,
});

export const bookedCallRepository: BookedCallRepository = {
  async findByOccurrence(ex, workspaceId, memberId, sourceUid, occurrence) {
    const row = await kyselyOf(ex)
      .selectFrom('booked_calls')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('member_id', '=', memberId)
      .where('source_uid', '=', sourceUid)
      .where('occurrence', '=', occurrence)
      .executeTakeFirst();
    return row ? toBookedCall(row) : null;
  },
  async insert(ex, c) {
    await kyselyOf(ex)
      .insertInto('booked_calls')
      .values({
        ...columns(c),
        id: c.id,
        workspace_id: c.workspaceId,
        member_id: c.memberId,
        source_uid: c.sourceUid,
        occurrence: c.occurrence,
        created_at: c.createdAt,
      })
      .execute();
  },
  async update(ex, c) {
    await kyselyOf(ex)
      .updateTable('booked_calls')
      .set(columns(c))
      .where('id', '=', c.id)
      .where('workspace_id', '=', c.workspaceId)
      .execute();
  },
};
