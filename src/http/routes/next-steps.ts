import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getNextStep, setNextStep } from '../../core/next-steps/flows/set-next-step.ts';
import { requireActor } from '../auth/authenticate.ts';
import { NextStepView, presentNextStep } from '../../contract/next-steps/next-step.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export function nextStepRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/deals/:id/next-step',
    {
      schema: {
        tags: ['next steps'],
        summary: 'The deal’s open next step, or null',
        params: IdParams,
        response: withProblems({ 200: Type.Union([NextStepView, Type.Null()]) }),
      },
    },
    async (request) => {
      const step = await getNextStep(ctx, requireActor(request), request.params.id);
      return step ? presentNextStep(step) : null;
    },
  );

  app.post(
    '/api/v1/deals/:id/next-step',
    {
      schema: {
        tags: ['next steps'],
        summary: 'Book the deal’s next step; it replaces the open one',
        description:
          '`at` is a date (2026-12-03) or a date and time (2026-12-03T14:00) in the deal owner’s zone, today or later.',
        params: IdParams,
        body: Type.Object(
          {
            at: Type.String({ minLength: 10, maxLength: 16 }),
            text: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: NextStepView }),
      },
    },
    async (request, reply) => {
      const step = await setNextStep(ctx, requireActor(request), request.params.id, request.body);
      return reply.code(201).send(presentNextStep(step));
    },
  );
}
