import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  comparePlanRevisions,
  editPlan,
  getPlan,
  listPlanRevisions,
} from '../../core/plans/flows/revise-plan.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  PlanComparisonView,
  PlanRevisionSummaryView,
  PlanRevisionView,
  SavedPlanView,
  presentComparison,
  presentRevision,
  presentRevisionSummary,
  presentSavedPlan,
} from '../../contract/plans/plan.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Revision = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export function planRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/deals/:id/plan',
    {
      schema: {
        tags: ['plans'],
        summary: 'The deal’s plan: the latest revision, or `rev`',
        params: IdParams,
        querystring: Type.Object({ rev: Type.Optional(Revision) }, { additionalProperties: false }),
        response: withProblems({ 200: PlanRevisionView }),
      },
    },
    async (request) =>
      presentRevision(
        await getPlan(ctx, requireActor(request), request.params.id, request.query.rev),
      ),
  );

  app.put(
    '/api/v1/deals/:id/plan',
    {
      schema: {
        tags: ['plans'],
        summary: 'Save a new revision of the deal’s plan',
        description:
          '`base` is the revision you edited (0 when the deal had no plan). If someone saved since, the answer is 409 and nothing is saved. A plan equal to the latest revision saves nothing (`unchanged`).',
        params: IdParams,
        body: Type.Object(
          {
            document: Type.Unknown({
              description:
                '{ objective, decisionProcess, people: [{name, role, side}], milestones: [{id, title, side, date, state}], risks: [text] }',
            }),
            base: Type.Integer({ minimum: 0 }),
            callId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: SavedPlanView, 201: SavedPlanView }, 409),
      },
    },
    async (request, reply) => {
      const saved = await editPlan(ctx, requireActor(request), request.params.id, request.body);
      return reply.code(saved.unchanged ? 200 : 201).send(presentSavedPlan(saved));
    },
  );

  app.get(
    '/api/v1/deals/:id/plan/revisions',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plan’s revisions, oldest first, each with the call that caused it',
        params: IdParams,
        response: withProblems({ 200: Type.Array(PlanRevisionSummaryView) }),
      },
    },
    async (request) =>
      (await listPlanRevisions(ctx, requireActor(request), request.params.id)).map(
        presentRevisionSummary,
      ),
  );

  app.get(
    '/api/v1/deals/:id/plan/diff',
    {
      schema: {
        tags: ['plans'],
        summary: 'What changed between two revisions (default: the latest and the one before)',
        params: IdParams,
        querystring: Type.Object(
          { from: Type.Optional(Revision), to: Type.Optional(Revision) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: PlanComparisonView }),
      },
    },
    async (request) =>
      presentComparison(
        await comparePlanRevisions(ctx, requireActor(request), request.params.id, {
          ...(request.query.from !== undefined && { from: request.query.from }),
          ...(request.query.to !== undefined && { to: request.query.to }),
        }),
      ),
  );
}
