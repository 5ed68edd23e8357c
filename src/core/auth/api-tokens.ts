import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../shared/deps.ts';
import { toStoredInstant } from '../shared/dates.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import type { Actor } from '../workspaces/types.ts';
import { requireName } from '../workspaces/validation.ts';
import type { ApiToken, ApiTokenRepository, SecretGenerator } from './ports.ts';

type TokenDeps = WriteDeps & { apiTokens: ApiTokenRepository; secrets: SecretGenerator };

/** Creates a token for the acting member; the secret is returned once and only its hash kept. */
export async function createApiToken(
  deps: TokenDeps,
  actor: Actor,
  input: { name?: string },
): Promise<{ token: ApiToken; secret: string }> {
  const name = requireName(input.name ?? 'API token', 'Token name', 100);
  const secret = deps.secrets.newToken('mtm');
  const token: ApiToken = {
    id: deps.ids('token'),
    workspaceId: actor.workspaceId,
    memberId: actor.memberId,
    name,
    createdAt: toStoredInstant(deps.clock.now()),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.runner.transaction(async (tx) => {
    await deps.apiTokens.insert(tx, token, deps.secrets.hashToken(secret));
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.memberId,
      action: 'token.create',
      entity: 'api_token',
      entityId: token.id,
      after: { id: token.id, name },
    });
  });
  return { token, secret };
}

export function listApiTokens(
  deps: ReadDeps & { apiTokens: ApiTokenRepository },
  actor: Actor,
): Promise<ApiToken[]> {
  return deps.apiTokens.listByMember(deps.runner.executor, actor.memberId);
}

export async function revokeApiToken(deps: TokenDeps, actor: Actor, id: string): Promise<void> {
  await deps.runner.transaction(async (tx) => {
    const revoked = await deps.apiTokens.revoke(
      tx,
      actor.memberId,
      id,
      toStoredInstant(deps.clock.now()),
    );
    if (!revoked) throw notFound('API token', id);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.memberId,
      action: 'token.revoke',
      entity: 'api_token',
      entityId: id,
    });
  });
}

/** "Last used" is advisory: writing it once a minute per token is plenty, and keeps every
 * authenticated request a single read. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves a bearer token to the member it acts as; unknown, revoked or removed → 401. */
export async function authenticateApiToken(
  deps: ReadDeps & { apiTokens: ApiTokenRepository },
  tokenHash: string,
): Promise<Actor> {
  return (await resolveApiToken(deps, tokenHash)).actor;
}

/** As authenticateApiToken, and when "last used" was last written (epoch ms), so that a caller
 * remembering the token knows when it must come back to write it again. */
export async function resolveApiToken(
  deps: ReadDeps & { apiTokens: ApiTokenRepository },
  tokenHash: string,
): Promise<{ actor: Actor; lastUsedMs: number }> {
  const ex = deps.runner.executor;
  const found = await deps.apiTokens.findActorByHash(ex, tokenHash);
  if (!found) {
    throw new DomainError(
      'unauthenticated',
      'The API token is unknown or revoked. Create one with `momentum token create`.',
    );
  }
  const { token, role } = found;
  const now = deps.clock.now();
  let lastUsedMs = token.lastUsedAt
    ? Temporal.Instant.from(token.lastUsedAt).epochMilliseconds
    : null;
  if (lastUsedMs === null || now.epochMilliseconds - lastUsedMs >= LAST_USED_RESOLUTION_MS) {
    // Bookkeeping: a full disk must not turn every authenticated read into an error.
    await deps.apiTokens.touch(ex, token.id, toStoredInstant(now)).catch(() => {});
    lastUsedMs = now.epochMilliseconds;
  }
  return { actor: { memberId: token.memberId, workspaceId: token.workspaceId, role }, lastUsedMs };
}
