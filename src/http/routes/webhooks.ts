import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  addWebhook,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  replayDelivery,
} from '../../core/webhooks/flows/manage-webhooks.ts';
import { WEBHOOK_EVENTS } from '../../core/webhooks/types.ts';
import {
  DeliveryView,
  EventType,
  presentDelivery,
  presentWebhook,
  WebhookView,
} from '../../contract/webhooks/webhook.ts';
import { requireActor } from '../auth/authenticate.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export function webhookRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The workspace’s webhooks (owners and managers; never their secrets)',
        response: withProblems({ 200: Type.Array(WebhookView) }, 403),
      },
    },
    async (request) => (await listWebhooks(ctx, requireActor(request))).map(presentWebhook),
  );
  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook; its signing secret (whsec_…) is returned once',
        description:
          'Deliveries are signed as Standard Webhooks specify (webhook-id, webhook-timestamp, webhook-signature). Loopback, private and link-local targets are refused unless allowPrivate is set and the server runs with MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1.',
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2000 }),
            events: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
            allowPrivate: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: withProblems(
          { 201: Type.Object({ webhook: WebhookView, secret: Type.String() }) },
          403,
        ),
      },
    },
    async (request, reply) => {
      const { webhook, secret } = await addWebhook(ctx, requireActor(request), request.body);
      return reply.code(201).send({ webhook: presentWebhook(webhook), secret });
    },
  );
  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Remove a webhook and its delivery log',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }, 403),
      },
    },
    async (request, reply) => {
      await removeWebhook(ctx, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'A webhook’s delivery log, newest first',
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(DeliveryView) }, 403),
      },
    },
    async (request) =>
      (
        await listDeliveries(
          ctx,
          requireActor(request),
          request.params.id,
          request.query.limit ?? 100,
        )
      ).map(presentDelivery),
  );
  app.post(
    '/api/v1/webhook-deliveries/:id/replay',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again, with the same webhook-id',
        params: IdParams,
        response: withProblems({ 202: DeliveryView }, 403),
      },
    },
    async (request, reply) => {
      const delivery = await replayDelivery(ctx, requireActor(request), request.params.id);
      return reply.code(202).send(presentDelivery(delivery));
    },
  );
}
