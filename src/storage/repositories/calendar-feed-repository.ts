import type { Selectable } from 'kysely';
import type { CalendarFeedRepository } from '../../core/calendar-feeds/ports.ts';
import type { CalendarFeed } from '../../core/calendar-feeds/types.ts';
import type { Role } from '../../core/workspaces/types.ts';
import { kyselyOf } from '../executor.ts';
import type { CalendarFeedsTable } from '../schema.ts';

const toFeed = (r: Selectable<CalendarFeedsTable>): CalendarFeed => ({
  id: r.id,
  workspaceId: r.workspace_id,
  memberId: r.member_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export const calendarFeedRepository: CalendarFeedRepository = {
  async insert(ex, f, tokenHash) {
    await kyselyOf(ex)
      .insertInto('calendar_feeds')
      .values({
        id: f.id,
        workspace_id: f.workspaceId,
        member_id: f.memberId,
        token_hash: tokenHash,
        created_at: f.createdAt,
        revoked_at: null,
      })
      .execute();
  },
  async findLive(ex, memberId) {
    const row = await kyselyOf(ex)
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? toFeed(row) : null;
  },
  async findLiveByHash(ex, tokenHash) {
    const row = await kyselyOf(ex)
      .selectFrom('calendar_feeds')
      .innerJoin('members', 'members.id', 'calendar_feeds.member_id')
      .selectAll('calendar_feeds')
      .select('members.role')
      .where('calendar_feeds.token_hash', '=', tokenHash)
      .where('calendar_feeds.revoked_at', 'is', null)
      .where('members.removed_at', 'is', null)
      .executeTakeFirst();
    return row ? { feed: toFeed(row), role: row.role as Role } : null;
  },
  async revokeForMember(ex, memberId, at) {
    const r = await kyselyOf(ex)
      .updateTable('calendar_feeds')
      .set({ revoked_at: at })
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
