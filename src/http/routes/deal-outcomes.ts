import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { POOR_OUTCOME_REASONS } from '../../core/calls/types.ts';
import { closeDeal, pauseDeal, type ClosedDeal } from '../../core/deals/close-deal.ts';
import { DomainError, isDomainError } from '../../core/shared/errors.ts';
import { requireActor } from '../auth/authenticate.ts';
import { ClosedDealView, presentClosedDeal } from '../presenters/call-presenter.ts';
import { IfMatchHeaders, etagOf, requireIfMatch } from '../security/preconditions.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Reason = Type.Union(POOR_OUTCOME_REASONS.map((r) => Type.Literal(r)));
const lessonFields = {
  lesson: Type.Optional(Type.String({ maxLength: 2_000 })),
  lessonHabits: Type.Optional(
    Type.Array(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]), { maxItems: 30 }),
  ),
};

/** If-Match is optional on these actions; when sent, a stale version is refused with 412. */
async function atIfMatch(
  request: FastifyRequest,
  run: (expectedVersion: number | undefined) => Promise<ClosedDeal>,
): Promise<ClosedDeal> {
  if (request.headers['if-match'] === undefined) return run(undefined);
  try {
    return await run(requireIfMatch(request));
  } catch (error) {
    if (isDomainError(error) && error.code === 'version-conflict')
      throw new DomainError('precondition-failed', error.message, error.details);
    throw error;
  }
}

export function dealOutcomeRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/deals/:id/close',
    {
      schema: {
        tags: ['deals'],
        summary: 'Close a deal as won or lost, with the reason and the lesson',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            result: Type.Union([Type.Literal('won'), Type.Literal('lost')]),
            reason: Type.Optional(Reason),
            reEngageOn: Type.Optional(IsoDateString),
            ...lessonFields,
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: ClosedDealView }, 409, 412),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const closed = await atIfMatch(request, (expectedVersion) =>
        closeDeal(ctx, actor, request.params.id, { ...request.body, expectedVersion }),
      );
      return reply.header('etag', etagOf(closed.deal.version)).send(presentClosedDeal(closed));
    },
  );

  app.post(
    '/api/v1/deals/:id/pause',
    {
      schema: {
        tags: ['deals'],
        summary: 'Pause an open deal until a date (not now); Today brings it back then',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          { until: IsoDateString, reason: Type.Optional(Reason), ...lessonFields },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: ClosedDealView }, 409, 412),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const paused = await atIfMatch(request, (expectedVersion) =>
        pauseDeal(ctx, actor, request.params.id, { ...request.body, expectedVersion }),
      );
      return reply.header('etag', etagOf(paused.deal.version)).send(presentClosedDeal(paused));
    },
  );
}
