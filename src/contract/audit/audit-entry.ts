import { Type, type Static } from 'typebox';
import type { AuditEntry } from '../../core/kernel/audit-log.ts';

/** An audit entry: who (member id, null for the system) with which credential, what, when, and the record before
 * and after the change as the use case recorded it (never a secret). */
export const AuditView = Type.Object(
  {
    id: Type.String(),
    at: Type.String(),
    actorId: Type.Union([Type.String(), Type.Null()]),
    credentialId: Type.Union([Type.String(), Type.Null()], {
      description:
        'The session (se_…) or API token (tk_…) that made the change; null: the CLI or the system',
    }),
    action: Type.String(),
    entity: Type.String(),
    entityId: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
  },
  { $id: 'AuditEntry' },
);

export function presentAudit(e: AuditEntry): Static<typeof AuditView> {
  return {
    id: e.id,
    at: e.at,
    actorId: e.actorId,
    credentialId: e.credentialId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  };
}
