import type { Executor } from '../kernel/transactions.ts';
import type { MailMatch, MailMessage, MailStatus, MatchState } from './types.ts';

export interface MailRepository {
  findByKey(ex: Executor, workspaceId: string, messageKey: string): Promise<MailMessage | null>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<MailMessage | null>;
  insert(ex: Executor, message: MailMessage): Promise<void>;
  /** Deletes a message that nothing refers to (a refused one, about to be read again). */
  remove(ex: Executor, id: string): Promise<void>;
  update(
    ex: Executor,
    id: string,
    patch: Partial<
      Pick<MailMessage, 'status' | 'reason' | 'dealId' | 'touchId' | 'candidateDealIds'>
    >,
  ): Promise<void>;
  /** Replaces the message's proposed promises only if they are still `expected` (compare and
   * set): false when another decision got there first. */
  setProposedPromises(
    ex: Executor,
    id: string,
    expected: MailMessage['proposedPromises'],
    next: MailMessage['proposedPromises'],
  ): Promise<boolean>;
  /** Messages in these states, newest first (the Inbox and Today's asks). */
  listByStatus(
    ex: Executor,
    workspaceId: string,
    statuses: readonly MailStatus[],
    memberId: string | null,
  ): Promise<MailMessage[]>;
  insertMatch(ex: Executor, match: MailMatch): Promise<void>;
  findMatch(ex: Executor, workspaceId: string, id: string): Promise<MailMatch | null>;
  listMatches(
    ex: Executor,
    workspaceId: string,
    filter: { mailMessageId?: string; state?: MatchState },
  ): Promise<MailMatch[]>;
  setMatchState(ex: Executor, id: string, state: MatchState, at: string): Promise<void>;
}
