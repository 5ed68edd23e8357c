import type { Executor } from '../kernel/transactions.ts';
import type { Actor, Role } from '../workspaces/types.ts';
import type { BookedCall, CalendarFeed, FeedContent } from './types.ts';

export interface CalendarFeedRepository {
  insert(ex: Executor, feed: CalendarFeed, tokenHash: string): Promise<void>;
  /** The member's live feed, if any. */
  findLive(ex: Executor, memberId: string): Promise<CalendarFeed | null>;
  /** The live feed with this hash whose member is still in the workspace. */
  findLiveByHash(
    ex: Executor,
    tokenHash: string,
  ): Promise<{ feed: CalendarFeed; role: Role } | null>;
  /** Revokes the member's live feeds; returns how many. */
  revokeForMember(ex: Executor, memberId: string, at: string): Promise<number>;
}

export interface FeedReader {
  /** Everything the feed of a member shows: open items, and closed ones changed since `since`. */
  read(ex: Executor, workspaceId: string, memberId: string, since: string): Promise<FeedContent>;
}

export interface BookedCallRepository {
  findByOccurrence(
    ex: Executor,
    workspaceId: string,
    memberId: string,
    sourceUid: string,
    occurrence: string,
  ): Promise<BookedCall | null>;
  insert(ex: Executor, call: BookedCall): Promise<void>;
  update(ex: Executor, call: BookedCall): Promise<void>;
}

/** Contacts found by e-mail, with the open deals on their accounts that the member may see. */
export interface AttendeeMatch {
  email: string;
  contactName: string;
  accountId: string;
  accountName: string;
}

export interface OpenDealCandidate {
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  ownerId: string;
  /** Its soonest upcoming activity (open next step or promise target), if any. */
  nextActivity: string | null;
}

export interface CalendarMatchReader {
  contactsByEmail(ex: Executor, workspaceId: string, emails: string[]): Promise<AttendeeMatch[]>;
  /** Open deals on these accounts that the actor may see. */
  openDealsForAccounts(
    ex: Executor,
    actor: Actor,
    accountIds: string[],
  ): Promise<OpenDealCandidate[]>;
}
