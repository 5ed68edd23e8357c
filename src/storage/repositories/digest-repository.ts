import type { Selectable } from 'kysely';
import type {
  DigestPreferences,
  DigestRepository,
  DigestSendStatus,
} from '../../core/notifications/ports.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';
import type { DigestPreferencesTable } from '../schema.ts';
import { memberQuery, toMembers } from './workspace-repository.ts';

function toPreferences(row: Selectable<DigestPreferencesTable>): DigestPreferences {
  return {
    memberId: row.member_id,
    workspaceId: row.workspace_id,
    enabled: Boolean(row.enabled),
    sendAt: row.send_at,
    unsubscribeKey: row.unsubscribe_key,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** A send still counts as taken while it is being sent or once sent; a failed one is free. */
const TAKEN: DigestSendStatus[] = ['sending', 'sent'];

export const digestRepository: DigestRepository = {
  async findPreferences(ex, memberId) {
    const row = await kyselyOf(ex)
      .selectFrom('digest_preferences')
      .selectAll()
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return row ? toPreferences(row) : null;
  },
  async savePreferences(ex, p, expectedVersion) {
    if (expectedVersion === null) {
      // The member id is the row's id as well: one row per member, and two first uses racing
      // meet on a unique key instead of making two rows. No conflict target: PostgreSQL may
      // find the race on the member's unique index before the primary key, and a target names
      // only one of them.
      const result = await kyselyOf(ex)
        .insertInto('digest_preferences')
        .values({
          id: p.memberId,
          workspace_id: p.workspaceId,
          member_id: p.memberId,
          enabled: p.enabled ? 1 : 0,
          send_at: p.sendAt,
          unsubscribe_key: p.unsubscribeKey,
          updated_at: p.updatedAt,
          version: 1,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await kyselyOf(ex)
      .updateTable('digest_preferences')
      .set((eb) => ({
        enabled: p.enabled ? 1 : 0,
        send_at: p.sendAt,
        unsubscribe_key: p.unsubscribeKey,
        updated_at: p.updatedAt,
        version: eb('version', '+', 1),
      }))
      .where('member_id', '=', p.memberId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async listMembers(ex) {
    const rows = await memberQuery(ex)
      .where('members.removed_at', 'is', null)
      .orderBy('members.id')
      .execute();
    const members = await toMembers(ex, rows);
    const prefs = await kyselyOf(ex)
      .selectFrom('digest_preferences')
      .select(['member_id', 'enabled', 'send_at'])
      .execute();
    const byMember = new Map(prefs.map((p) => [p.member_id, p]));
    return members.map((member) => {
      const p = byMember.get(member.id);
      return {
        member,
        preferences: p ? { enabled: Boolean(p.enabled), sendAt: p.send_at } : null,
      };
    });
  },
  async claimedOn(ex, keys) {
    const taken = new Set<string>();
    const dates = [...new Set(keys.map((k) => k.localDate))];
    for (const date of dates) {
      const ids = keys.filter((k) => k.localDate === date).map((k) => k.memberId);
      // The date and the taken statuses bind a few more parameters besides the ids.
      for (const part of chunksFor(ex, ids, { reserved: 1 + TAKEN.length })) {
        const rows = await kyselyOf(ex)
          .selectFrom('digest_sends')
          .select('member_id')
          .where('local_date', '=', date)
          .where('status', 'in', TAKEN)
          .where('member_id', 'in', part)
          .execute();
        for (const r of rows) taken.add(`${r.member_id}|${date}`);
      }
    }
    return taken;
  },
  async claim(ex, s) {
    // One statement on the unique (member_id, local_date): a new key is inserted; an existing
    // one is taken back only if its last attempt failed. Two claims racing on PostgreSQL meet on
    // the index (the second waits for the first to commit, then sees its row); on SQLite the
    // write lock orders them. Either way exactly one gets a row back.
    const row = await kyselyOf(ex)
      .insertInto('digest_sends')
      .values({
        id: s.id,
        workspace_id: s.workspaceId,
        member_id: s.memberId,
        local_date: s.localDate,
        status: 'sending',
        claimed_at: s.at,
        attempts: 1,
      })
      .onConflict((oc) =>
        oc
          .columns(['member_id', 'local_date'])
          .doUpdateSet((eb) => ({
            status: 'sending',
            claimed_at: s.at,
            error: null,
            attempts: eb('digest_sends.attempts', '+', 1),
          }))
          .where('digest_sends.status', '=', 'failed'),
      )
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
  async markSent(ex, memberId, localDate, at) {
    await kyselyOf(ex)
      .updateTable('digest_sends')
      .set({ status: 'sent', sent_at: at, error: null })
      .where('member_id', '=', memberId)
      .where('local_date', '=', localDate)
      .execute();
  },
  async markFailed(ex, memberId, localDate, error) {
    await kyselyOf(ex)
      .updateTable('digest_sends')
      .set({ status: 'failed', error: error.slice(0, 500) })
      .where('member_id', '=', memberId)
      .where('local_date', '=', localDate)
      .execute();
  },
  async findSend(ex, memberId, localDate) {
    const row = await kyselyOf(ex)
      .selectFrom('digest_sends')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('local_date', '=', localDate)
      .executeTakeFirst();
    return row
      ? {
          memberId: row.member_id,
          localDate: row.local_date,
          status: row.status as DigestSendStatus,
          claimedAt: row.claimed_at,
          sentAt: row.sent_at,
          attempts: row.attempts,
        }
      : null;
  },
};
