import { recordAudit } from '../../audit/record.ts';
import type { JobQueue } from '../../jobs/ports.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { requireTeamLead } from '../../workspaces/permissions.ts';
import type { Actor } from '../../workspaces/types.ts';
import { isIpLiteral, nonPublicReason } from '../addresses.ts';
import type { WebhookRepository, WebhookSecrets } from '../ports.ts';
import {
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventType,
} from '../types.ts';

export const DELIVER_JOB = 'webhook.deliver';

export type WebhookDeps = WriteDeps & {
  webhooks: WebhookRepository;
  webhookSecrets: WebhookSecrets;
  /** MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1: webhooks added with allowPrivate may reach private
   * addresses. */
  allowPrivateTargets: boolean;
};

export type ReplayDeps = WriteDeps & { webhooks: WebhookRepository; jobs: JobQueue };

export function parseWebhookEvents(given: readonly string[] | string): WebhookEventType[] {
  const words = (typeof given === 'string' ? given.split(/[\s,]+/) : [...given])
    .map((w) => w.trim())
    .filter(Boolean);
  const unknown = words.find((w) => !(WEBHOOK_EVENTS as readonly string[]).includes(w));
  if (unknown !== undefined || words.length === 0)
    throw invalid(
      `Webhook events are ${WEBHOOK_EVENTS.join(', ')}${unknown !== undefined ? `; "${unknown}" is not one` : ''}.`,
    );
  return WEBHOOK_EVENTS.filter((e) => words.includes(e));
}

export function parseWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(`"${raw}" is not a URL (e.g. https://example.com/hooks/momentum).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('A webhook URL starts with https:// (or http://).');
  if (url.username || url.password)
    throw invalid('A webhook URL may not carry a user name or password.');
  if (url.hash) throw invalid('A webhook URL has no #fragment.');
  const host = url.hostname;
  if (!allowPrivate) {
    const literal = isIpLiteral(host) ? nonPublicReason(host) : null;
    const local = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : null;
    const why = literal ?? local;
    if (why)
      throw invalid(
        `Webhooks may not reach ${why} addresses (${host}); add it with --allow-private on a server started with MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1.`,
      );
  }
  return url;
}

/** Registers a webhook (owners and managers); its secret is returned once. */
export async function addWebhook(
  deps: WebhookDeps,
  actor: Actor,
  input: { url: string; events: readonly string[] | string; allowPrivate?: boolean },
): Promise<{ webhook: Webhook; secret: string }> {
  requireTeamLead(actor, 'manage webhooks');
  const allowPrivate = Boolean(input.allowPrivate);
  if (allowPrivate && !deps.allowPrivateTargets)
    throw forbidden(
      'This server does not let webhooks reach private addresses; start it with MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1 to allow it.',
    );
  const url = parseWebhookUrl(input.url, allowPrivate);
  const events = parseWebhookEvents(input.events);
  const secret = deps.webhookSecrets.newSecret();
  const webhook: Webhook = {
    id: deps.ids('webhook'),
    workspaceId: actor.workspaceId,
    url: url.toString(),
    events,
    allowPrivate,
    createdBy: actor.memberId,
    createdAt: toStoredInstant(deps.clock.now()),
    consecutiveFailures: 0,
    disabledAt: null,
    disabledReason: null,
  };
  await deps.runner.transaction(async (tx) => {
    await deps.webhooks.insert(tx, webhook, secret);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'webhook.create',
      entity: 'webhook',
      entityId: webhook.id,
      after: { id: webhook.id, url: webhook.url, events, allowPrivate },
    });
  });
  return { webhook, secret };
}

export function listWebhooks(
  deps: ReadDeps & { webhooks: WebhookRepository },
  actor: Actor,
): Promise<Webhook[]> {
  requireTeamLead(actor, 'see webhooks');
  return deps.webhooks.listByWorkspace(deps.runner.executor, actor.workspaceId);
}

export async function removeWebhook(
  deps: WriteDeps & { webhooks: WebhookRepository },
  actor: Actor,
  id: string,
): Promise<void> {
  requireTeamLead(actor, 'manage webhooks');
  await deps.runner.transaction(async (tx) => {
    const before = await deps.webhooks.find(tx, actor.workspaceId, id);
    if (!before || !(await deps.webhooks.remove(tx, actor.workspaceId, id)))
      throw notFound('webhook', id);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'webhook.remove',
      entity: 'webhook',
      entityId: id,
      before: { id, url: before.url, events: before.events },
    });
  });
}

export async function listDeliveries(
  deps: ReadDeps & { webhooks: WebhookRepository },
  actor: Actor,
  webhookId: string,
  limit = 100,
): Promise<WebhookDelivery[]> {
  requireTeamLead(actor, 'see webhook deliveries');
  const ex = deps.runner.executor;
  if (!(await deps.webhooks.find(ex, actor.workspaceId, webhookId)))
    throw notFound('webhook', webhookId);
  return deps.webhooks.listDeliveries(ex, webhookId, Math.min(Math.max(limit, 1), 500));
}

/**
 * Sends a delivery again, with the same `webhook-id` (receivers deduplicate on it): it goes
 * back to pending and a delivery job is queued in the same transaction. Replaying a delivery of
 * a disabled webhook turns the webhook back on.
 */
export async function replayDelivery(
  deps: ReplayDeps,
  actor: Actor,
  deliveryId: string,
): Promise<WebhookDelivery> {
  requireTeamLead(actor, 'replay webhook deliveries');
  return deps.runner.transaction(async (tx) => {
    const delivery = await deps.webhooks.findDelivery(tx, actor.workspaceId, deliveryId);
    if (!delivery) throw notFound('webhook delivery', deliveryId);
    const webhook = await deps.webhooks.find(tx, actor.workspaceId, delivery.webhookId);
    if (!webhook) throw notFound('webhook', delivery.webhookId);
    if (webhook.disabledAt)
      await deps.webhooks.recordOutcome(tx, webhook.id, {
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
      });
    const now = toStoredInstant(deps.clock.now());
    await deps.webhooks.updateDelivery(tx, delivery.id, {
      status: 'pending',
      nextAttemptAt: now,
      updatedAt: now,
    });
    await deps.jobs.enqueueIn(
      tx,
      DELIVER_JOB,
      { deliveryId: delivery.id },
      {
        jobKey: `delivery:${delivery.id}`,
      },
    );
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'webhook.replay',
      entity: 'webhook_delivery',
      entityId: delivery.id,
    });
    return { ...delivery, status: 'pending' as const, nextAttemptAt: now, updatedAt: now };
  });
}
