import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getInsights } from '../../core/insights/get-insights.ts';
import { requireActor } from '../auth/authenticate.ts';
import { InsightsView, presentInsights } from '../../contract/insights/insights.ts';
import { IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

export function insightRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/insights',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Promise keeping, the march, habits and win rates, outcomes, lessons, neglect and momentum',
        description:
          'For a period (default the last 12 weeks, at most 366 days) and a member (default: yourself, or the whole team for owners and managers). Counts are shown as counted; nothing claims significance.',
        querystring: Type.Object(
          {
            from: Type.Optional(IsoDateString),
            to: Type.Optional(IsoDateString),
            member: Type.Optional(
              Type.String({ minLength: 1, maxLength: 254, description: 'E-mail or member id' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: InsightsView }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      return presentInsights(await getInsights(ctx, actor, request.query));
    },
  );
}
