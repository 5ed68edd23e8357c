import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../core/auth/flows/api-tokens.ts';
import { ApiTokenView, presentApiToken, Scope } from '../../contract/auth/api-token.ts';
import { requireActor } from '../auth/authenticate.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export function tokenRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens (never their secrets)',
        response: withProblems({ 200: Type.Array(ApiTokenView) }),
      },
    },
    async (request) => (await listApiTokens(ctx, requireActor(request))).map(presentApiToken),
  );
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is shown once',
        description:
          'Scopes default to read and write. A token may create tokens only if it was made with the tokens scope, and only with scopes it has.',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            scopes: Type.Optional(Type.Array(Scope, { minItems: 1, maxItems: 3 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems(
          {
            201: Type.Object({
              id: Type.String(),
              name: Type.String(),
              scopes: Type.Array(Scope),
              token: Type.String(),
            }),
          },
          403,
        ),
      },
    },
    async (request, reply) => {
      const { token, secret } = await createApiToken(
        ctx,
        requireActor(request),
        request.body ?? {},
      );
      return reply
        .code(201)
        .send({ id: token.id, name: token.name, scopes: token.scopes, token: secret });
    },
  );
  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }, 403),
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
