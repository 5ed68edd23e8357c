import { Temporal } from 'temporal-polyfill';
import type { CronEntry, JobDefinitions, JobHandler, JobQueue } from '../../core/jobs/ports.ts';
import type { Clock } from '../../core/kernel/clock.ts';
import { localDate, toStoredInstant } from '../../core/time/dates.ts';
import type { IdGenerator } from '../../core/kernel/ids.ts';
import type { TransactionRunner } from '../../core/kernel/transactions.ts';
import { DELIVER_JOB } from '../../core/webhooks/flows/manage-webhooks.ts';
import type { EventOutbox, WebhookRepository } from '../../core/webhooks/ports.ts';
import type { Store } from '../../storage/connection/open.ts';
import { kyselyOf } from '../../storage/executor.ts';
import { sendWebhook, signWebhook, type SendResult } from '../webhooks/http-delivery.ts';
import { FANOUT_JOB } from '../webhooks/outbox.ts';

/*
 * Every job Momentum runs, on either queue:
 * - webhook.fanout: one delivery per subscribed webhook for an event (unique per webhook and
 *   event, so running it twice adds nothing);
 * - webhook.deliver: one attempt of one delivery (the attempt claimed before sending);
 * - webhook.scan (cron, every 5 minutes): commitment.due / commitment.overdue / deal.neglected,
 *   once per item per local day (the event key);
 * - digest.tick (cron, every minute) and digest.send: the daily digest, through the digest
 *   ports (the e-mail side implements them).
 */

export const SCAN_JOB = 'webhook.scan';
export const DIGEST_TICK_JOB = 'digest.tick';
export const DIGEST_SEND_JOB = 'digest.send';

/** Standard Webhooks' schedule, trimmed to about a day: after the first attempt, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 8 h, 8 h (≈ 23.6 h). */
export const DEFAULT_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 28_800_000, 28_800_000,
];
/** A webhook whose last N deliveries all failed every attempt is turned off. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;

export interface DigestTarget {
  workspaceId: string;
  memberId: string;
  localDate: string;
}
/** Who is due a digest now (see src/app/digest/send-digest.ts, the e-mail side). */
export interface DigestScheduler {
  membersDueForDigest(now: Temporal.Instant): Promise<DigestTarget[]>;
}
/** Sends one digest; idempotent on (member, local date). */
export interface DigestSender {
  sendDailyDigest(target: DigestTarget): Promise<'sent' | 'already-sent' | 'skipped'>;
}

export type Send = (
  target: { url: string; allowPrivate: boolean },
  message: { id: string; timestamp: number; body: string; signature: string },
) => Promise<SendResult>;

export interface JobDeps {
  store: Store;
  runner: TransactionRunner;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobQueue;
  webhooks: WebhookRepository;
  events: EventOutbox;
  /** Whether the server lets webhooks marked allowPrivate reach private addresses. */
  allowPrivateTargets: boolean;
  digest?: { scheduler: DigestScheduler; sender: DigestSender } | null;
  retryDelaysMs?: readonly number[];
  random?: () => number;
  send?: Send;
  log?: (message: string, error?: unknown) => void;
}

const str = (payload: unknown, field: string): string => {
  const value = (payload as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string') throw new Error(`job payload lacks "${field}"`);
  return value;
};

export function jobDefinitions(deps: JobDeps): JobDefinitions {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const random = deps.random ?? Math.random;
  const send: Send = deps.send ?? ((target, message) => sendWebhook(target, message));

  const fanout: JobHandler = async (payload) => {
    const eventId = str(payload, 'eventId');
    await deps.runner.transaction(async (tx) => {
      const event = await deps.webhooks.findEvent(tx, eventId);
      if (!event) return;
      const now = toStoredInstant(deps.clock.now());
      for (const webhook of await deps.webhooks.subscribers(tx, event.workspaceId, event.type)) {
        const id = deps.ids('delivery');
        const fresh = await deps.webhooks.insertDelivery(
          tx,
          {
            id,
            webhookId: webhook.id,
            eventId,
            eventType: event.type,
            status: 'pending',
            attempts: 0,
            responseCode: null,
            durationMs: null,
            lastError: null,
            nextAttemptAt: now,
            createdAt: now,
            updatedAt: now,
          },
          event.workspaceId,
        );
        if (fresh)
          await deps.jobs.enqueueIn(
            tx,
            DELIVER_JOB,
            { deliveryId: id },
            {
              jobKey: `delivery:${id}`,
            },
          );
      }
    });
  };

  const deliver: JobHandler = async (payload) => {
    const deliveryId = str(payload, 'deliveryId');
    // 1. Claim the next attempt (the send key) and commit before anything leaves.
    const claimed = await deps.runner.transaction(async (tx) => {
      const delivery = await deps.webhooks.findDelivery(tx, null, deliveryId);
      if (!delivery || delivery.status !== 'pending') return null;
      const found = await deps.webhooks.findWithSecret(tx, delivery.webhookId);
      if (!found || found.webhook.disabledAt) return null;
      const event = await deps.webhooks.findEvent(tx, delivery.eventId);
      if (!event) return null;
      const attempt = delivery.attempts + 1;
      const now = deps.clock.now();
      const fresh = await deps.webhooks.claimAttempt(tx, {
        deliveryId,
        attempt,
        workspaceId: delivery.workspaceId,
        startedAt: toStoredInstant(now),
      });
      if (!fresh) return null;
      await deps.webhooks.updateDelivery(tx, deliveryId, {
        attempts: attempt,
        updatedAt: toStoredInstant(now),
      });
      return { delivery, ...found, event, attempt, now };
    });
    if (!claimed) return;
    const { webhook, secret, event, attempt, now } = claimed;

    // 2. Send.
    const timestamp = Math.floor(now.epochMilliseconds / 1000);
    const body = JSON.stringify({
      type: event.type,
      timestamp: event.occurredAt,
      data: { workspaceId: event.workspaceId, ...event.data },
    });
    const result = await send(
      { url: webhook.url, allowPrivate: webhook.allowPrivate && deps.allowPrivateTargets },
      {
        id: deliveryId,
        timestamp,
        body,
        signature: signWebhook(secret, deliveryId, timestamp, body),
      },
    );
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const gone = result.status === 410;

    // 3. Record the outcome and, when it failed, queue the next attempt, in one transaction.
    await deps.runner.transaction(async (tx) => {
      const at = toStoredInstant(deps.clock.now());
      const error = ok
        ? null
        : (result.error ?? `HTTP ${result.status ?? 'no response'}`).slice(0, 500);
      await deps.webhooks.finishAttempt(tx, deliveryId, attempt, {
        responseCode: result.status,
        durationMs: result.durationMs,
        error,
      });
      const retry = !ok && !gone && attempt <= delays.length;
      const delay = retry ? Math.round(delays[attempt - 1]! * (0.8 + 0.4 * random())) : 0;
      const current = await deps.webhooks.findWithSecret(tx, webhook.id);
      await deps.webhooks.updateDelivery(tx, deliveryId, {
        status: ok ? 'succeeded' : retry ? 'pending' : 'failed',
        responseCode: result.status,
        durationMs: result.durationMs,
        lastError: error,
        nextAttemptAt: retry
          ? toStoredInstant(deps.clock.now().add({ milliseconds: delay }))
          : null,
        updatedAt: at,
      });
      if (retry) {
        await deps.jobs.enqueueIn(
          tx,
          DELIVER_JOB,
          { deliveryId },
          {
            jobKey: `delivery:${deliveryId}`,
            runAt: Temporal.Instant.fromEpochMilliseconds(Date.now() + delay),
          },
        );
      }
      if (!current) return;
      if (ok && current.webhook.consecutiveFailures > 0)
        await deps.webhooks.recordOutcome(tx, webhook.id, {
          consecutiveFailures: 0,
          disabledAt: current.webhook.disabledAt,
          disabledReason: current.webhook.disabledReason,
        });
      if (gone || (!ok && !retry)) {
        const failures = await deps.webhooks.addFailure(tx, webhook.id);
        const disable = gone || failures >= DISABLE_AFTER_FAILED_DELIVERIES;
        if (disable && !current.webhook.disabledAt)
          await deps.webhooks.recordOutcome(tx, webhook.id, {
            consecutiveFailures: failures,
            disabledAt: at,
            disabledReason: gone
              ? 'the receiver answered 410 Gone'
              : `${failures} deliveries in a row failed every attempt`,
          });
      }
    });
  };

  const scan: JobHandler = async () => {
    await scanForPeriodicEvents(deps);
  };

  const handlers: Record<string, JobHandler> = {
    [FANOUT_JOB]: fanout,
    [DELIVER_JOB]: deliver,
    [SCAN_JOB]: scan,
  };
  const cron: CronEntry[] = [
    { identifier: 'webhook-scan', schedule: '*/5 * * * *', type: SCAN_JOB },
  ];

  const digest = deps.digest;
  if (digest) {
    handlers[DIGEST_TICK_JOB] = async () => {
      for (const target of await digest.scheduler.membersDueForDigest(deps.clock.now())) {
        await deps.jobs.enqueue(DIGEST_SEND_JOB, target, {
          jobKey: `digest:${target.memberId}:${target.localDate}`,
        });
      }
    };
    handlers[DIGEST_SEND_JOB] = async (payload) => {
      await digest.sender.sendDailyDigest({
        workspaceId: str(payload, 'workspaceId'),
        memberId: str(payload, 'memberId'),
        localDate: str(payload, 'localDate'),
      });
    };
    cron.push({ identifier: 'digest-tick', schedule: '* * * * *', type: DIGEST_TICK_JOB });
  }
  return { handlers, cron };
}

/**
 * commitment.due (an open promise due today in its owner's zone), commitment.overdue (past its
 * due day, once per day while it stays open) and deal.neglected (an open deal untouched for
 * its stage's neglect threshold, in calendar days, once per day) for every workspace with a
 * webhook that wants them. The event key makes a repeated scan add nothing.
 */
export async function scanForPeriodicEvents(deps: JobDeps): Promise<number> {
  const db = deps.store.db;
  const wanted = await db
    .selectFrom('webhooks')
    .select(['workspace_id', 'events'])
    .where('disabled_at', 'is', null)
    .execute();
  const byWorkspace = new Map<string, Set<string>>();
  for (const w of wanted) {
    const set = byWorkspace.get(w.workspace_id) ?? new Set<string>();
    for (const e of JSON.parse(w.events) as string[]) set.add(e);
    byWorkspace.set(w.workspace_id, set);
  }
  const now = deps.clock.now();
  let published = 0;
  for (const [workspaceId, events] of byWorkspace) {
    await deps.runner.transaction(async (tx) => {
      const k = kyselyOf(tx);
      if (events.has('commitment.due') || events.has('commitment.overdue')) {
        const open = await k
          .selectFrom('commitments as c')
          .innerJoin('members as m', 'm.id', 'c.owner_id')
          .select([
            'c.id',
            'c.deal_id',
            'c.side',
            'c.text',
            'c.due_date',
            'c.owner_id',
            'm.time_zone',
          ])
          .where('c.workspace_id', '=', workspaceId)
          .where('c.state', '=', 'open')
          .where('c.due_date', 'is not', null)
          .execute();
        for (const c of open) {
          const today = localDate(now, c.time_zone).toString();
          const type =
            c.due_date === today
              ? 'commitment.due'
              : c.due_date! < today
                ? 'commitment.overdue'
                : null;
          if (!type || !events.has(type)) continue;
          await deps.events.publish(tx, {
            workspaceId,
            type,
            key: `${type}:${c.id}:${today}`,
            data: {
              commitmentId: c.id,
              dealId: c.deal_id,
              ownerId: c.owner_id,
              side: c.side,
              text: c.text,
              due: c.due_date,
              localDate: today,
            },
          });
          published++;
        }
      }
      if (events.has('deal.neglected')) {
        const deals = await k
          .selectFrom('deals as d')
          .innerJoin('stages as s', 's.id', 'd.stage_id')
          .innerJoin('members as m', 'm.id', 'd.owner_id')
          .select([
            'd.id',
            'd.title',
            'd.owner_id',
            'd.last_touch_at',
            'd.created_at',
            's.neglect_days',
            'm.time_zone',
          ])
          .where('d.workspace_id', '=', workspaceId)
          .where('d.status', '=', 'open')
          .execute();
        for (const d of deals) {
          if (d.neglect_days === null || d.neglect_days === undefined) continue;
          const since = Temporal.Instant.from(d.last_touch_at ?? d.created_at);
          const today = localDate(now, d.time_zone);
          const idle = localDate(since, d.time_zone).until(today, { largestUnit: 'day' }).days;
          if (idle < d.neglect_days) continue;
          await deps.events.publish(tx, {
            workspaceId,
            type: 'deal.neglected',
            key: `deal.neglected:${d.id}:${today.toString()}`,
            data: {
              dealId: d.id,
              title: d.title,
              ownerId: d.owner_id,
              idleDays: idle,
              neglectDays: d.neglect_days,
              lastTouchAt: d.last_touch_at,
              localDate: today.toString(),
            },
          });
          published++;
        }
      }
    });
  }
  return published;
}
