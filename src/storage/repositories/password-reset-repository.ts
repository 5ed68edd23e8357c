import type { PasswordReset, PasswordResetRepository } from '../../core/auth/ports.ts';
import { kyselyOf } from '../executor.ts';

export const passwordResetRepository: PasswordResetRepository = {
  async insert(ex, r, tokenHash) {
    await kyselyOf(ex)
      .insertInto('password_resets')
      .values({
        id: r.id,
        user_id: r.userId,
        token_hash: tokenHash,
        created_at: r.createdAt,
        expires_at: r.expiresAt,
        used_at: r.usedAt,
      })
      .execute();
  },
  async findByHash(ex, tokenHash) {
    const row = await kyselyOf(ex)
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const reset: PasswordReset = {
      id: row.id,
      userId: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    };
    return reset;
  },
  async markUsed(ex, id, at) {
    const result = await kyselyOf(ex)
      .updateTable('password_resets')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async endUnusedForUser(ex, userId, at) {
    const result = await kyselyOf(ex)
      .updateTable('password_resets')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
