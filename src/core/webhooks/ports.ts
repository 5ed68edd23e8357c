import type { Executor } from '../kernel/transactions.ts';
import type {
  DomainEvent,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
  WebhookEventType,
} from './types.ts';

/** Where use cases put the events they make, inside their own transaction (the outbox). */
export interface EventOutbox {
  publish(tx: Executor, event: DomainEvent): Promise<void>;
}

/** Use cases that make events take this optionally: without one (tests of the domain alone),
 * nothing is announced. */
export async function publishEvent(
  deps: { events?: EventOutbox | undefined },
  tx: Executor,
  event: DomainEvent,
): Promise<void> {
  if (deps.events) await deps.events.publish(tx, event);
}

export interface WebhookRepository {
  insert(ex: Executor, webhook: Webhook, secret: string): Promise<void>;
  listByWorkspace(ex: Executor, workspaceId: string): Promise<Webhook[]>;
  find(ex: Executor, workspaceId: string, id: string): Promise<Webhook | null>;
  /** Webhook and secret by id alone (the delivery job). */
  findWithSecret(ex: Executor, id: string): Promise<{ webhook: Webhook; secret: string } | null>;
  remove(ex: Executor, workspaceId: string, id: string): Promise<boolean>;
  /** Active webhooks of the workspace subscribed to `type`. */
  subscribers(ex: Executor, workspaceId: string, type: WebhookEventType): Promise<Webhook[]>;
  /** Adds one failed delivery to the webhook's run of failures (atomically) and returns the
   * run's length. */
  addFailure(ex: Executor, id: string): Promise<number>;
  recordOutcome(
    ex: Executor,
    id: string,
    outcome: {
      consecutiveFailures: number;
      disabledAt: string | null;
      disabledReason: string | null;
    },
  ): Promise<void>;

  /** Inserts the event unless one with its key exists; true when it was new. */
  insertEvent(ex: Executor, event: WebhookEvent): Promise<boolean>;
  findEvent(ex: Executor, id: string): Promise<WebhookEvent | null>;

  /** Inserts the delivery unless the webhook already has one for the event; true when new. */
  insertDelivery(ex: Executor, delivery: WebhookDelivery, workspaceId: string): Promise<boolean>;
  findDelivery(
    ex: Executor,
    workspaceId: string | null,
    id: string,
  ): Promise<(WebhookDelivery & { workspaceId: string }) | null>;
  listDeliveries(ex: Executor, webhookId: string, limit: number): Promise<WebhookDelivery[]>;
  updateDelivery(ex: Executor, id: string, patch: Partial<WebhookDelivery>): Promise<void>;

  /** The send key: true when this attempt was claimed now, false when it already was. */
  claimAttempt(
    ex: Executor,
    attempt: { deliveryId: string; attempt: number; workspaceId: string; startedAt: string },
  ): Promise<boolean>;
  finishAttempt(
    ex: Executor,
    deliveryId: string,
    attempt: number,
    result: { responseCode: number | null; durationMs: number; error: string | null },
  ): Promise<void>;
}

/** A webhook's signing secret: `whsec_` and base64 of 24+ random bytes. */
export interface WebhookSecrets {
  newSecret(): string;
}
