import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getPlaybook, setPlaybook } from '../../core/playbook/flows/manage-playbook.ts';
import { requireActor } from '../auth/authenticate.ts';
import { PlaybookView, presentPlaybook } from '../../contract/playbook/habit.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export function playbookRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/playbook',
    {
      schema: {
        tags: ['playbook'],
        summary: 'The workspace’s call habits, in order',
        response: withProblems({ 200: PlaybookView }),
      },
    },
    async (request) => presentPlaybook(await getPlaybook(ctx, requireActor(request))),
  );

  app.put(
    '/api/v1/playbook',
    {
      schema: {
        tags: ['playbook'],
        summary: 'Replace the playbook (owners and managers): rename, reorder, add, remove',
        description:
          'A habit named by its id or key keeps its history on past calls; habits left out are retired. Send the `version` you read to refuse a stale write (409).',
        body: Type.Object(
          {
            habits: Type.Array(
              Type.Object(
                {
                  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
                  key: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
                  name: Type.String({ minLength: 1, maxLength: 80 }),
                  description: Type.Optional(Type.String({ maxLength: 300 })),
                  position: Type.Optional(Type.Integer()),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 30 },
            ),
            version: Type.Optional(Type.String({ maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: PlaybookView }, 403, 409),
      },
    },
    async (request) =>
      presentPlaybook(
        await setPlaybook(ctx, requireActor(request), {
          habits: request.body.habits,
          ...(request.body.version !== undefined && { version: request.body.version }),
        }),
      ),
  );
}
