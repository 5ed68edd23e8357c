import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { DealHealthView, presentDealHealth } from '../../contract/momentum/deal-health.ts';
import { getDealHealth } from '../../core/momentum/deal-momentum.ts';
import { requireActor } from '../auth/authenticate.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/** A deal's momentum and neglect: the health the deal page shows beside the deal. */
export function dealMomentumRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/deals/:id/momentum',
    {
      schema: {
        tags: ['today'],
        summary:
          'A deal’s momentum score with its factors and trend, and its neglect, as of a day (default today)',
        params: IdParams,
        querystring: Type.Object(
          { date: Type.Optional(IsoDateString) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: DealHealthView }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      return presentDealHealth(
        await getDealHealth(ctx, actor, request.params.id, {
          ...(request.query.date && { date: request.query.date }),
        }),
      );
    },
  );
}
