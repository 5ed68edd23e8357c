import type { ReadDeps } from '../kernel/deps.ts';
import { invalid } from '../kernel/errors.ts';
import { requireTeamLead } from '../workspaces/permissions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { AuditEntry, AuditRepository } from '../kernel/audit-log.ts';

export const AUDIT_PAGE_MAX = 500;

/** The workspace's audit log, newest first; owners and managers only, since it shows every
 * member's changes, including those to deals a rep may not see. */
export function listAudit(
  deps: ReadDeps & { audit: AuditRepository },
  actor: Actor,
  options: { limit?: number; before?: string; entityId?: string } = {},
): Promise<AuditEntry[]> {
  requireTeamLead(actor, 'read the audit log');
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
    throw invalid(`limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}, got ${limit}.`);
  }
  return deps.audit.list(deps.runner.executor, actor.workspaceId, {
    limit,
    ...(options.before && { before: options.before }),
    ...(options.entityId && { entityId: options.entityId }),
  });
}
