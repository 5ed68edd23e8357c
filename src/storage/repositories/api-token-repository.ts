import type { Selectable } from 'kysely';
import type { ApiToken, ApiTokenRepository } from '../../core/auth/ports.ts';
import { TOKEN_SCOPES, type Role, type TokenScope } from '../../core/workspaces/types.ts';
import { kyselyOf } from '../executor.ts';
import type { ApiTokensTable } from '../schema.ts';

const parseStoredScopes = (text: string): TokenScope[] =>
  TOKEN_SCOPES.filter((scope) => text.split(' ').includes(scope));

function toToken(r: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    memberId: r.member_id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    scopes: parseStoredScopes(r.scopes),
  };
}

export const apiTokenRepository: ApiTokenRepository = {
  async insert(ex, t, tokenHash) {
    await kyselyOf(ex)
      .insertInto('api_tokens')
      .values({
        id: t.id,
        workspace_id: t.workspaceId,
        member_id: t.memberId,
        name: t.name,
        token_hash: tokenHash,
        created_at: t.createdAt,
        last_used_at: null,
        revoked_at: null,
        scopes: t.scopes.join(' '),
      })
      .execute();
  },
  async findActorByHash(ex, tokenHash) {
    const row = await kyselyOf(ex)
      .selectFrom('api_tokens')
      .innerJoin('members', 'members.id', 'api_tokens.member_id')
      .selectAll('api_tokens')
      .select('members.role')
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('members.removed_at', 'is', null)
      .executeTakeFirst();
    return row ? { token: toToken(row), role: row.role as Role } : null;
  },
  async listByMember(ex, memberId) {
    const rows = await kyselyOf(ex)
      .selectFrom('api_tokens')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('created_at')
      .execute();
    return rows.map(toToken);
  },
  async revoke(ex, memberId, id, at) {
    const r = await kyselyOf(ex)
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async revokeAllForMember(ex, memberId, at) {
    const r = await kyselyOf(ex)
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  async touch(ex, id, at) {
    await kyselyOf(ex)
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .execute();
  },
};
