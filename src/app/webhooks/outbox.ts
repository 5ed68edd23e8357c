import type { JobQueue } from '../../core/jobs/ports.ts';
import type { Clock } from '../../core/kernel/clock.ts';
import { toStoredInstant } from '../../core/time/dates.ts';
import type { IdGenerator } from '../../core/kernel/ids.ts';
import type { EventOutbox, WebhookRepository } from '../../core/webhooks/ports.ts';

export const FANOUT_JOB = 'webhook.fanout';

/**
 * The outbox: an event is written in the transaction of the change that made it, with a
 * fan-out job queued in the same transaction (so neither exists without the other or without
 * the change). Events nobody subscribes to are not kept.
 */
export function eventOutbox(deps: {
  webhooks: WebhookRepository;
  jobs: JobQueue;
  clock: Clock;
  ids: IdGenerator;
}): EventOutbox {
  return {
    async publish(tx, event) {
      const subscribers = await deps.webhooks.subscribers(tx, event.workspaceId, event.type);
      if (subscribers.length === 0) return;
      const id = deps.ids('webhookEvent');
      const inserted = await deps.webhooks.insertEvent(tx, {
        ...event,
        id,
        occurredAt: toStoredInstant(deps.clock.now()),
      });
      if (inserted)
        await deps.jobs.enqueueIn(tx, FANOUT_JOB, { eventId: id }, { jobKey: `fanout:${id}` });
    },
  };
}
