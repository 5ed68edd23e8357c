import { Type, type Static } from 'typebox';
import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery } from '../../core/webhooks/types.ts';
import { LiteralUnion, Nullable } from '../shared.ts';

export const EventType = LiteralUnion(WEBHOOK_EVENTS, { description: 'What happened' });

export const WebhookView = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(EventType),
    allowPrivate: Type.Boolean(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    consecutiveFailures: Type.Integer(),
    disabledAt: Nullable(Type.String()),
    disabledReason: Nullable(Type.String()),
  },
  { $id: 'Webhook' },
);

export const DeliveryView = Type.Object(
  {
    id: Type.String({ description: 'The webhook-id header: the same on every retry and replay' }),
    webhookId: Type.String(),
    eventType: EventType,
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
    ]),
    attempts: Type.Integer(),
    responseCode: Nullable(Type.Integer()),
    durationMs: Nullable(Type.Integer()),
    lastError: Nullable(Type.String()),
    nextAttemptAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'WebhookDelivery' },
);

export const presentWebhook = (w: Webhook): Static<typeof WebhookView> => ({
  id: w.id,
  url: w.url,
  events: w.events,
  allowPrivate: w.allowPrivate,
  createdBy: w.createdBy,
  createdAt: w.createdAt,
  consecutiveFailures: w.consecutiveFailures,
  disabledAt: w.disabledAt,
  disabledReason: w.disabledReason,
});

export const presentDelivery = (d: WebhookDelivery): Static<typeof DeliveryView> => ({
  id: d.id,
  webhookId: d.webhookId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  responseCode: d.responseCode,
  durationMs: d.durationMs,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
