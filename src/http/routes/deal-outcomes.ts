import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { POOR_OUTCOME_REASONS } from '../../core/calls/types.ts';
import {
  closeDeal,
  listDealOutcomes,
  pauseDeal,
  type ClosedDeal,
} from '../../core/deals/flows/close-deal.ts';
import { DomainError, isDomainError } from '../../core/kernel/errors.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  ClosedDealView,
  DealOutcomeView,
  presentClosedDeal,
  presentDealOutcome,
} from '../../contract/deals/deal-outcome.ts';
import { IfMatchHeaders, etagOf, requireIfMatch } from '../security/preconditions.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Reason = Type.Union(POOR_OUTCOME_REASONS.map((r) => Type.Literal(r)));
const Choice = (description: string) =>
  Type.Union([Type.Literal('keep'), Type.Literal('drop')], { description });
/** What to do with the deal's open work; required when it has any (409 lists it otherwise). */
const openWorkFields = {
  promises: Type.Optional(
    Choice('The deal’s open promises: keep them (they stay on Today) or drop them'),
  ),
  nextStep: Type.Optional(Choice('The deal’s open next step: keep it or drop it')),
  dropReason: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: 'Why, when anything is dropped' }),
  ),
};
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
  app.get(
    '/api/v1/deals/:id/outcomes',
    {
      schema: {
        tags: ['deals'],
        summary: 'How a deal ended each time it was won, lost or paused, oldest first',
        params: IdParams,
        response: withProblems({ 200: Type.Array(DealOutcomeView) }),
      },
    },
    async (request) =>
      (await listDealOutcomes(ctx, requireActor(request), request.params.id)).map(
        presentDealOutcome,
      ),
  );

  app.post(
    '/api/v1/deals/:id/close',
    {
      schema: {
        tags: ['deals'],
        summary:
          'Close a deal as won or lost, with the reason and the lesson, saying what to do with its open promises and next step',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            result: Type.Union([Type.Literal('won'), Type.Literal('lost')]),
            reason: Type.Optional(Reason),
            reEngageOn: Type.Optional(IsoDateString),
            ...lessonFields,
            ...openWorkFields,
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
        summary:
          'Pause an open deal until a date (not now), saying what to do with its open promises and next step; Today brings it back then',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            until: IsoDateString,
            reason: Type.Optional(Reason),
            ...lessonFields,
            ...openWorkFields,
          },
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
