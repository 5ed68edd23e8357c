import type { IdGenerator } from '../kernel/ids.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { RowOutcome } from './types.ts';

/*
 * Rows as they are written: the source's ids made into stored refs ("hubspot:123"), stages,
 * owners and currencies already mapped to the workspace's. Links to other imported records stay
 * refs, which the writer looks up (a deal's account may have come from another file or run).
 */
export interface AccountLinkRef {
  externalRef: string | null;
  name: string | null;
}
export interface AccountWrite {
  kind: 'account';
  externalRef: string;
  name: string;
  domain: string | null;
}
export interface ContactWrite {
  kind: 'contact';
  externalRef: string;
  name: string;
  email: string | null;
  title: string | null;
  account: AccountLinkRef;
}
export interface DealWrite {
  kind: 'deal';
  externalRef: string;
  title: string;
  account: AccountLinkRef;
  stageId: string;
  /** The source only said "Closed Won/Lost": an existing deal keeps the stage it is in. */
  keepStage: boolean;
  ownerId: string;
  amountMinor: number | null;
  currency: string;
  expectedClose: string | null;
  status: 'open' | 'won' | 'lost';
  closeReason: string | null;
  closedAt: string | null;
  createdAt: string;
}
/** A done activity is a touch; an open one a next step (calls, meetings) or our promise. */
export interface ActivityWrite {
  kind: 'activity';
  externalRef: string;
  dealExternalRef: string;
  memberId: string;
  as: 'touch' | 'next-step' | 'promise';
  touchKind: 'call' | 'meeting' | 'email' | 'other';
  text: string;
  due: string | null;
  at: string | null;
}
export type RowWrite = AccountWrite | ContactWrite | DealWrite | ActivityWrite;

export type WriteResult = RowOutcome | { error: string };

export interface WriteContext {
  workspaceId: string;
  /** Now, as stored (UTC ISO). */
  now: string;
  /** Today's date (for the day a promise was made). */
  today: string;
  ids: IdGenerator;
}

/** Storage's side of an import: upserts keyed by (workspace, external ref), in batches. */
export interface ImportWriter {
  /** Writes rows of one kind; a row that cannot be written (its account or deal is missing)
   * gets an error and the others are still written. Throws only if the database fails. */
  write(ex: Executor, context: WriteContext, rows: readonly RowWrite[]): Promise<WriteResult[]>;
  /** Runs `fn` so that a failure undoes only what it wrote (a savepoint inside `ex`). */
  savepoint<T>(ex: Executor, fn: () => Promise<T>): Promise<T>;
  /** The currencies the workspace's deals already use. */
  currencies(ex: Executor, workspaceId: string): Promise<string[]>;
}
