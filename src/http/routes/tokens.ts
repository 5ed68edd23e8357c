import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../core/auth/api-tokens.ts';
import type { ApiToken } from '../../core/auth/ports.ts';
import { requireActor } from '../auth/authenticate.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const TokenView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    createdAt: Type.String(),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ApiToken' },
);

const present = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

export function tokenRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens (never their secrets)',
        response: withProblems({ 200: Type.Array(TokenView) }),
      },
    },
    async (request) => (await listApiTokens(ctx, requireActor(request))).map(present),
  );
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is shown once',
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: withProblems({
          201: Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() }),
        }),
      },
    },
    async (request, reply) => {
      const { token, secret } = await createApiToken(
        ctx,
        requireActor(request),
        request.body ?? {},
      );
      return reply.code(201).send({ id: token.id, name: token.name, token: secret });
    },
  );
  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
