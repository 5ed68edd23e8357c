import type { Selectable } from 'kysely';
import type { Session, SessionRepository } from '../../core/auth/ports.ts';
import { kyselyOf } from '../executor.ts';
import type { SessionsTable } from '../schema.ts';

function toSession(r: Selectable<SessionsTable>): Session {
  return {
    id: r.id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}

export const sessionRepository: SessionRepository = {
  async insert(ex, s, tokenHash) {
    await kyselyOf(ex)
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        token_hash: tokenHash,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
        revoked_at: s.revokedAt,
      })
      .execute();
  },
  async findLiveByHash(ex, tokenHash, now) {
    const row = await kyselyOf(ex)
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  },
  async touch(ex, id, at) {
    await kyselyOf(ex)
      .updateTable('sessions')
      .set({ last_seen_at: at })
      .where('id', '=', id)
      .where('last_seen_at', '<', at)
      .execute();
  },
  async revoke(ex, id, at) {
    const r = await kyselyOf(ex)
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async revokeAllForUser(ex, userId, at) {
    const r = await kyselyOf(ex)
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
