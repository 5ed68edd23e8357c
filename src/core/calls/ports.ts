import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { Call } from './types.ts';

export interface CallRepository {
  /** Inserts the call with its attendees and habit checks. */
  insert(ex: Executor, call: Call): Promise<void>;
  /** A call on a deal the actor may see (the deal visibility rule). */
  findVisible(ex: Executor, actor: Actor, id: string): Promise<Call | null>;
  /** A deal's calls, newest first. */
  listForDeal(ex: Executor, dealId: string, limit: number): Promise<Call[]>;
  /** The calls on every deal the actor may see, newest first. */
  listVisible(ex: Executor, actor: Actor, limit: number): Promise<Call[]>;
}
