import type { Selectable } from 'kysely';
import type { Invitation, InvitationRepository } from '../../core/auth/ports.ts';
import type { Role } from '../../core/workspaces/types.ts';
import { kyselyOf } from '../executor.ts';
import type { InvitationsTable } from '../schema.ts';

function toInvitation(r: Selectable<InvitationsTable>): Invitation {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    email: r.email,
    role: r.role as Role,
    invitedBy: r.invited_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    revokedAt: r.revoked_at,
  };
}

export const invitationRepository: InvitationRepository = {
  async insert(ex, i, tokenHash) {
    await kyselyOf(ex)
      .insertInto('invitations')
      .values({
        id: i.id,
        workspace_id: i.workspaceId,
        email: i.email,
        role: i.role,
        token_hash: tokenHash,
        invited_by: i.invitedBy,
        created_at: i.createdAt,
        expires_at: i.expiresAt,
        accepted_at: i.acceptedAt,
        revoked_at: i.revokedAt,
      })
      .execute();
  },
  async findByHash(ex, tokenHash) {
    const row = await kyselyOf(ex)
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toInvitation(row) : null;
  },
  async listPending(ex, workspaceId, now) {
    const rows = await kyselyOf(ex)
      .selectFrom('invitations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toInvitation);
  },
  async markAccepted(ex, id, at) {
    const r = await kyselyOf(ex)
      .updateTable('invitations')
      .set({ accepted_at: at })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async revoke(ex, workspaceId, id, at) {
    const r = await kyselyOf(ex)
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async revokePendingForEmail(ex, workspaceId, email, at) {
    const r = await kyselyOf(ex)
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
