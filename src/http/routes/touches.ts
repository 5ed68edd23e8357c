import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { listTouches, logTouch, MAX_TOUCH_PAGE } from '../../core/touches/flows/log-touch.ts';
import { LOGGED_TOUCH_KINDS } from '../../core/touches/types.ts';
import { requireActor } from '../auth/authenticate.ts';
import { presentTouch, TouchView } from '../../contract/touches/touch.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export function touchRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/touches',
    {
      schema: {
        tags: ['touches'],
        summary: 'Log a forward action on a deal; it counts towards your daily march',
        description:
          'Naming one of their promises (commitmentId) records that you chased it. `at` is a local date-time in your zone or an instant with an offset; now by default.',
        body: Type.Object(
          {
            dealId: Id,
            kind: Type.Union(LOGGED_TOUCH_KINDS.map((k) => Type.Literal(k))),
            at: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
            text: Type.Optional(Type.String({ maxLength: 2_000 })),
            commitmentId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: TouchView }),
      },
    },
    async (request, reply) => {
      const touch = await logTouch(ctx, requireActor(request), request.body);
      return reply.code(201).send(presentTouch(touch));
    },
  );

  app.get(
    '/api/v1/touches',
    {
      schema: {
        tags: ['touches'],
        summary: 'A deal’s touches, newest first',
        querystring: Type.Object(
          {
            deal: Id,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOUCH_PAGE })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(TouchView) }),
      },
    },
    async (request) =>
      (
        await listTouches(ctx, requireActor(request), {
          dealId: request.query.deal,
          ...(request.query.limit && { limit: request.query.limit }),
        })
      ).map(presentTouch),
  );
}
