import type { AuditRepository } from './audit-log.ts';
import type { Clock } from './clock.ts';
import type { IdGenerator } from './ids.ts';
import type { TransactionRunner } from './transactions.ts';

/** What every writing use case needs besides its own repositories. Each use case names the
 * repositories it uses in its own deps type, so nothing is handed more than it needs. */
export interface WriteDeps {
  runner: TransactionRunner;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditRepository;
}

export interface ReadDeps {
  runner: TransactionRunner;
  clock: Clock;
}
