/** The events a webhook may subscribe to (docs/rules.md#notifications). */
export const WEBHOOK_EVENTS = [
  'commitment.due',
  'commitment.overdue',
  'deal.neglected',
  'call.logged',
  'deal.stage_changed',
  'deal.closed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: string;
  workspaceId: string;
  url: string;
  events: WebhookEventType[];
  allowPrivate: boolean;
  createdBy: string;
  createdAt: string;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a use case announces; `key` makes it happen once (per workspace). */
export interface DomainEvent {
  workspaceId: string;
  type: WebhookEventType;
  key: string;
  data: Record<string, unknown>;
}

export interface WebhookEvent extends DomainEvent {
  id: string;
  occurredAt: string;
}
