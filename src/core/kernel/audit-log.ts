import type { Executor } from './transactions.ts';

export interface AuditEntry {
  id: string;
  workspaceId: string;
  actorId: string | null;
  /** The session (se_…) or API token (tk_…) that made the change; null for the CLI on the
   * server's machine and for the system. */
  credentialId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
}

export interface AuditRepository {
  record(ex: Executor, entry: AuditEntry): Promise<void>;
  /** Many entries at once, in as few statements as the database allows. */
  recordMany(ex: Executor, entries: readonly AuditEntry[]): Promise<void>;
  list(
    ex: Executor,
    workspaceId: string,
    options: { limit: number; before?: string; entityId?: string },
  ): Promise<AuditEntry[]>;
}
