import type { Clock } from '../shared/clock.ts';
import { toStoredInstant } from '../shared/dates.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { Executor } from '../shared/transactions.ts';
import type { AuditRepository } from './types.ts';

export interface AuditDeps {
  audit: AuditRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** Every successful write calls this inside its own transaction, so the log never disagrees
 * with the data. */
export function recordAudit(
  deps: AuditDeps,
  tx: Executor,
  entry: {
    workspaceId: string;
    actorId: string | null;
    action: string;
    entity: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  return deps.audit.record(tx, {
    id: deps.ids('audit'),
    at: toStoredInstant(deps.clock.now()),
    before: entry.before ?? null,
    after: entry.after ?? null,
    workspaceId: entry.workspaceId,
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
  });
}
