import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { Commitment, CommitmentSide, CommitmentState, Renegotiation } from './types.ts';

export interface CommitmentFilter {
  dealId?: string;
  state?: CommitmentState;
  side?: CommitmentSide;
  ownerId?: string;
  limit?: number;
}

export type CommitmentPatch = Partial<
  Pick<
    Commitment,
    | 'text'
    | 'due'
    | 'dueTime'
    | 'dueAgreedOn'
    | 'leadDays'
    | 'target'
    | 'state'
    | 'doneAt'
    | 'classification'
    | 'droppedReason'
    | 'snoozedUntil'
    | 'snoozeReason'
    | 'lastChasedAt'
    | 'updatedAt'
  >
>;

export interface CommitmentRepository {
  insert(ex: Executor, commitment: Commitment): Promise<void>;
  /** A commitment on a deal the actor may see (same visibility rule as deals). */
  findVisible(ex: Executor, actor: Actor, id: string): Promise<Commitment | null>;
  listVisible(ex: Executor, actor: Actor, filter: CommitmentFilter): Promise<Commitment[]>;
  /** The hot read for Today: a member's open commitments with a target on or before `until`
   * (or no date at all), in target order, served by the covering index. */
  listOpenForOwner(ex: Executor, ownerId: string, until: IsoDate): Promise<Commitment[]>;
  /** A member's next open promises of ours whose target is after `after`, soonest target
   * first, leaving out those snoozed past it: what Today offers early when a day is under the
   * floor. */
  nextOursForOwner(
    ex: Executor,
    ownerId: string,
    after: IsoDate,
    limit: number,
  ): Promise<Commitment[]>;
  /** Every open commitment of a member, for recomputing targets when their calendar changes. */
  listAllOpenForOwner(ex: Executor, ownerId: string): Promise<Commitment[]>;
  update(
    ex: Executor,
    id: string,
    expectedVersion: number,
    patch: CommitmentPatch,
  ): Promise<boolean>;
}

export interface RenegotiationRepository {
  insert(ex: Executor, renegotiation: Renegotiation): Promise<void>;
  /** The renegotiations of these promises, oldest first. */
  listForCommitments(ex: Executor, commitmentIds: readonly string[]): Promise<Renegotiation[]>;
}
