import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiToken } from '../../core/auth/api-tokens.ts';
import { DomainError } from '../../core/shared/errors.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import type { AppContext } from '../../app/context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const BEARER_RE = /^Bearer\s+(\S+)$/i;

/** Resolves who is calling for every request under /api/v1; routes then ask `requireActor`. */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = BEARER_RE.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'Authorization must be "Bearer <token>".');
    request.actor = await authenticateApiToken(ctx, match[1]!);
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new DomainError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    );
  }
  return request.actor;
}
