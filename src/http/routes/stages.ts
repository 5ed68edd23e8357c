import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  listStages,
  MAX_NEGLECT_DAYS,
  setStageNeglectDays,
} from '../../core/deals/flows/stage-settings.ts';
import { requireActor } from '../auth/authenticate.ts';
import { presentStage, StageView } from '../../contract/deals/stage.ts';
import { IfMatchHeaders, ifMatchUpdate, PRECONDITION_PROBLEMS } from '../security/preconditions.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export function stageRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/stages',
    {
      schema: {
        tags: ['stages'],
        summary: 'The pipeline stages, in order, with their neglect thresholds',
        response: withProblems({ 200: Type.Array(StageView) }),
      },
    },
    async (request) => (await listStages(ctx, requireActor(request))).map(presentStage),
  );

  app.patch(
    '/api/v1/stages/:id',
    {
      schema: {
        tags: ['stages'],
        summary:
          'Set how many days a deal in a stage may go untouched (owners, managers); needs If-Match',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          { neglectDays: Type.Integer({ minimum: 1, maximum: MAX_NEGLECT_DAYS }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: StageView }, 403, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const stage = await ifMatchUpdate(request, reply, (expectedVersion) =>
        setStageNeglectDays(
          ctx,
          actor,
          request.params.id,
          request.body.neglectDays,
          expectedVersion,
        ),
      );
      return presentStage(stage);
    },
  );
}
