import type { Clock } from '../kernel/clock.ts';
import { toStoredInstant } from '../time/dates.ts';
import type { IdGenerator } from '../kernel/ids.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { AuditEntry, AuditRepository } from '../kernel/audit-log.ts';

export interface AuditDeps {
  audit: AuditRepository;
  clock: Clock;
  ids: IdGenerator;
}

export type AuditInput = (
  | { actor: Actor }
  | {
      /** A member acting without an Actor at hand (sign-in, sign-up), or null: the system. */
      actorId: string | null;
      /** The session or API token that made the change, when known. */
      credentialId?: string | null;
    }
) & {
  workspaceId: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** The entry recordAudit writes (its id and time taken now), for writers that record many. */
export function auditEntry(deps: Omit<AuditDeps, 'audit'>, entry: AuditInput): AuditEntry {
  return {
    id: deps.ids('audit'),
    at: toStoredInstant(deps.clock.now()),
    before: entry.before ?? null,
    after: entry.after ?? null,
    workspaceId: entry.workspaceId,
    ...('actor' in entry
      ? { actorId: entry.actor.memberId, credentialId: entry.actor.credentialId ?? null }
      : { actorId: entry.actorId, credentialId: entry.credentialId ?? null }),
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
  };
}

/** Every successful write calls this inside its own transaction, so the log never disagrees
 * with the data. It records who acted and with which credential (session or API token), so
 * that a leaked token's doings can be found and told apart from its owner's. */
export function recordAudit(deps: AuditDeps, tx: Executor, entry: AuditInput): Promise<void> {
  return deps.audit.record(tx, auditEntry(deps, entry));
}
