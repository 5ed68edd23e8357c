import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { TOKEN_SCOPES, type Actor, type TokenScope } from '../../workspaces/types.ts';
import { requireName } from '../../workspaces/validation.ts';
import type { ApiToken, ApiTokenRepository, SecretGenerator } from '../ports.ts';

type TokenDeps = WriteDeps & { apiTokens: ApiTokenRepository; secrets: SecretGenerator };

/** What a token may do when its maker does not say: read and write, not mint more tokens. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

/** Reads scopes as given ("read,write", ["read"]); `write` and `tokens` include `read`. */
export function parseTokenScopes(given: readonly string[] | string): TokenScope[] {
  const words = (typeof given === 'string' ? given.split(/[\s,]+/) : [...given])
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const unknown = words.find((w) => !(TOKEN_SCOPES as readonly string[]).includes(w));
  if (unknown !== undefined || !words.length) {
    throw invalid(
      `Token scopes are ${TOKEN_SCOPES.join(', ')} (e.g. "read" or "read,write")${unknown !== undefined ? `; "${unknown}" is not one` : ''}.`,
    );
  }
  return TOKEN_SCOPES.filter((scope) => scope === 'read' || words.includes(scope));
}

/** An API token acting may only do what it was made for; sessions and the CLI are not limited. */
export function requireScope(actor: Actor, scope: TokenScope, doing: string): void {
  if (actor.scopes && !actor.scopes.includes(scope)) {
    throw forbidden(
      `This API token may not ${doing}: it was made with the scopes ${actor.scopes.join(', ')}. Use one made with "${scope}", or sign in.`,
    );
  }
}

/**
 * Creates a token for the acting member; the secret is returned once and only its hash kept.
 * A token may create tokens only when it was made with the `tokens` scope, and never with
 * scopes it does not have itself (a token cannot widen its own reach).
 */
export async function createApiToken(
  deps: TokenDeps,
  actor: Actor,
  input: { name?: string; scopes?: readonly string[] | string },
): Promise<{ token: ApiToken; secret: string }> {
  requireScope(actor, 'tokens', 'create API tokens');
  const name = requireName(input.name ?? 'API token', 'Token name', 100);
  const scopes =
    input.scopes === undefined ? [...DEFAULT_TOKEN_SCOPES] : parseTokenScopes(input.scopes);
  const wider = actor.scopes && scopes.find((scope) => !actor.scopes!.includes(scope));
  if (wider) {
    throw forbidden(
      `This API token may not create a token with the "${wider}" scope, which it does not have.`,
    );
  }
  const secret = deps.secrets.newToken('mtm');
  const token: ApiToken = {
    id: deps.ids('token'),
    workspaceId: actor.workspaceId,
    memberId: actor.memberId,
    name,
    createdAt: toStoredInstant(deps.clock.now()),
    lastUsedAt: null,
    revokedAt: null,
    scopes,
  };
  await deps.runner.transaction(async (tx) => {
    await deps.apiTokens.insert(tx, token, deps.secrets.hashToken(secret));
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'token.create',
      entity: 'api_token',
      entityId: token.id,
      after: { id: token.id, name, scopes },
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
  requireScope(actor, 'tokens', 'revoke API tokens');
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
      actor,
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
  return {
    actor: {
      memberId: token.memberId,
      workspaceId: token.workspaceId,
      role,
      credentialId: token.id,
      scopes: token.scopes,
    },
    lastUsedMs,
  };
}
