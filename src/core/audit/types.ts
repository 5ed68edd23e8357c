import type { Executor } from '../shared/transactions.ts';

export interface AuditEntry {
  id: string;
  workspaceId: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
}

export interface AuditRepository {
  record(ex: Executor, entry: AuditEntry): Promise<void>;
  list(
    ex: Executor,
    workspaceId: string,
    options: { limit: number; before?: string; entityId?: string },
  ): Promise<AuditEntry[]>;
}
