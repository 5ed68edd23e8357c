import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { addDeal, getDeal, listDeals } from '../../core/deals/flows/manage-deals.ts';
import { parseDealStatus } from '../../core/deals/rules.ts';
import { updateDeal } from '../../core/deals/flows/update-deal.ts';
import { dealsHealth } from '../../core/today/deal-list-health.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  DealListItemView,
  DealView,
  presentDeal,
  presentDealListItem,
} from '../../contract/deals/deal.ts';
import { IfMatchHeaders, ifMatchUpdate, PRECONDITION_PROBLEMS } from '../security/preconditions.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

export function dealRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'List the deals you can see, with today’s momentum and neglect for open ones',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([
                Type.Literal('open'),
                Type.Literal('won'),
                Type.Literal('lost'),
                Type.Literal('paused'),
              ]),
            ),
            account: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'Only this account’s (id)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(DealListItemView) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      const status = request.query.status ? parseDealStatus(request.query.status) : undefined;
      const deals = await listDeals(ctx, actor, {
        ...(status && { status }),
        ...(request.query.account && { accountId: request.query.account }),
      });
      const health = await dealsHealth(ctx, actor, deals);
      return deals.map((d) => presentDealListItem(d, health.get(d.id)));
    },
  );

  app.post(
    '/api/v1/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'Add a deal on an account',
        body: Type.Object(
          {
            account: Type.String({
              minLength: 1,
              maxLength: 200,
              description: 'Account id or name',
            }),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            stage: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            amount: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
            currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
            expectedClose: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: DealView }),
      },
    },
    async (request, reply) => {
      const deal = await addDeal(ctx, requireActor(request), request.body);
      return reply.code(201).header('etag', `"${deal.version}"`).send(presentDeal(deal));
    },
  );

  app.get(
    '/api/v1/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'One deal',
        params: IdParams,
        response: withProblems({ 200: DealView }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      const deal = await getDeal(ctx, actor, request.params.id);
      return reply.header('etag', `"${deal.version}"`).send(presentDeal(deal));
    },
  );

  app.patch(
    '/api/v1/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'Edit a deal at the version you read (If-Match: "<version>")',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            stage: Type.Optional(
              Type.String({ minLength: 1, maxLength: 100, description: 'Stage id or name' }),
            ),
            amount: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
            currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
            expectedClose: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withProblems({ 200: DealView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const deal = await ifMatchUpdate(request, reply, (expectedVersion) =>
        updateDeal(ctx, actor, request.params.id, request.body, expectedVersion),
      );
      return presentDeal(deal);
    },
  );
}
