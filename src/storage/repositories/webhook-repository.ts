import type { Selectable } from 'kysely';
import type { WebhookRepository } from '../../core/webhooks/ports.ts';
import {
  WEBHOOK_EVENTS,
  type DeliveryStatus,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventType,
} from '../../core/webhooks/types.ts';
import { kyselyOf } from '../executor.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from '../schema.ts';

const parseEvents = (text: string): WebhookEventType[] => {
  const stored = JSON.parse(text) as string[];
  return WEBHOOK_EVENTS.filter((e) => stored.includes(e));
};

function toWebhook(r: Selectable<WebhooksTable>): Webhook {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    url: r.url,
    events: parseEvents(r.events),
    allowPrivate: Boolean(r.allow_private),
    createdBy: r.created_by,
    createdAt: r.created_at,
    consecutiveFailures: r.consecutive_failures,
    disabledAt: r.disabled_at,
    disabledReason: r.disabled_reason,
  };
}

function toDelivery(
  r: Selectable<WebhookDeliveriesTable> & { type: string },
): WebhookDelivery & { workspaceId: string } {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventType: r.type as WebhookEventType,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    responseCode: r.response_code,
    durationMs: r.duration_ms,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const deliveryColumns = (db: ReturnType<typeof kyselyOf>) =>
  db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type');

export const webhookRepository: WebhookRepository = {
  async insert(ex, w, secret) {
    await kyselyOf(ex)
      .insertInto('webhooks')
      .values({
        id: w.id,
        workspace_id: w.workspaceId,
        url: w.url,
        events: JSON.stringify(w.events),
        secret,
        allow_private: w.allowPrivate ? 1 : 0,
        created_by: w.createdBy,
        created_at: w.createdAt,
        disabled_at: null,
        disabled_reason: null,
      })
      .execute();
  },
  async listByWorkspace(ex, workspaceId) {
    const rows = await kyselyOf(ex)
      .selectFrom('webhooks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toWebhook);
  },
  async find(ex, workspaceId, id) {
    const r = await kyselyOf(ex)
      .selectFrom('webhooks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toWebhook(r) : null;
  },
  async findWithSecret(ex, id) {
    const r = await kyselyOf(ex)
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? { webhook: toWebhook(r), secret: r.secret } : null;
  },
  async remove(ex, workspaceId, id) {
    const db = kyselyOf(ex);
    const ids = db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', id);
    await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
    await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
    const r = await db
      .deleteFrom('webhooks')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
  async subscribers(ex, workspaceId, type) {
    const rows = await kyselyOf(ex)
      .selectFrom('webhooks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('disabled_at', 'is', null)
      .execute();
    return rows.map(toWebhook).filter((w) => w.events.includes(type));
  },
  async addFailure(ex, id) {
    const db = kyselyOf(ex);
    await db
      .updateTable('webhooks')
      .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const r = await db
      .selectFrom('webhooks')
      .select('consecutive_failures')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.consecutive_failures ?? 0;
  },
  async recordOutcome(ex, id, o) {
    await kyselyOf(ex)
      .updateTable('webhooks')
      .set({
        consecutive_failures: o.consecutiveFailures,
        disabled_at: o.disabledAt,
        disabled_reason: o.disabledReason,
      })
      .where('id', '=', id)
      .execute();
  },

  async insertEvent(ex, e) {
    const r = await kyselyOf(ex)
      .insertInto('webhook_events')
      .values({
        id: e.id,
        workspace_id: e.workspaceId,
        type: e.type,
        event_key: e.key,
        data: JSON.stringify(e.data),
        occurred_at: e.occurredAt,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'event_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async findEvent(ex, id) {
    const r = await kyselyOf(ex)
      .selectFrom('webhook_events')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r
      ? {
          id: r.id,
          workspaceId: r.workspace_id,
          type: r.type as WebhookEventType,
          key: r.event_key,
          data: JSON.parse(r.data) as Record<string, unknown>,
          occurredAt: r.occurred_at,
        }
      : null;
  },

  async insertDelivery(ex, d, workspaceId) {
    const r = await kyselyOf(ex)
      .insertInto('webhook_deliveries')
      .values({
        id: d.id,
        workspace_id: workspaceId,
        webhook_id: d.webhookId,
        event_id: d.eventId,
        status: d.status,
        attempts: d.attempts,
        response_code: null,
        duration_ms: null,
        last_error: null,
        next_attempt_at: d.nextAttemptAt,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
      })
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async findDelivery(ex, workspaceId, id) {
    let q = deliveryColumns(kyselyOf(ex)).where('d.id', '=', id);
    if (workspaceId !== null) q = q.where('d.workspace_id', '=', workspaceId);
    const r = await q.executeTakeFirst();
    return r ? toDelivery(r) : null;
  },
  async listDeliveries(ex, webhookId, limit) {
    const rows = await deliveryColumns(kyselyOf(ex))
      .where('d.webhook_id', '=', webhookId)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const { workspaceId: _ws, ...rest } = toDelivery(r);
      return rest;
    });
  },
  async updateDelivery(ex, id, p) {
    await kyselyOf(ex)
      .updateTable('webhook_deliveries')
      .set({
        ...(p.status !== undefined && { status: p.status }),
        ...(p.attempts !== undefined && { attempts: p.attempts }),
        ...(p.responseCode !== undefined && { response_code: p.responseCode }),
        ...(p.durationMs !== undefined && { duration_ms: p.durationMs }),
        ...(p.lastError !== undefined && { last_error: p.lastError }),
        ...(p.nextAttemptAt !== undefined && { next_attempt_at: p.nextAttemptAt }),
        ...(p.updatedAt !== undefined && { updated_at: p.updatedAt }),
      })
      .where('id', '=', id)
      .execute();
  },

  async claimAttempt(ex, a) {
    const r = await kyselyOf(ex)
      .insertInto('webhook_attempts')
      .values({
        delivery_id: a.deliveryId,
        attempt: a.attempt,
        workspace_id: a.workspaceId,
        started_at: a.startedAt,
        response_code: null,
        duration_ms: null,
        error: null,
      })
      .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async finishAttempt(ex, deliveryId, attempt, result) {
    await kyselyOf(ex)
      .updateTable('webhook_attempts')
      .set({
        response_code: result.responseCode,
        duration_ms: result.durationMs,
        error: result.error,
      })
      .where('delivery_id', '=', deliveryId)
      .where('attempt', '=', attempt)
      .execute();
  },
};
