import type { DealStatus } from '../deals/types.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';

/** The summary columns of an open deal that Today reads: never its touch history. */
export interface OpenDealSummary {
  id: string;
  title: string;
  accountId: string;
  stageId: string;
  stageName: string;
  neglectDays: number;
  lastTouchAt: string | null;
  createdAt: string;
  stageChangedAt: string;
  /** The deal's open next step (its text is read only for those Today lists). */
  nextStep: { id: string; due: IsoDate; dueTime: string | null } | null;
}

export interface BookedNextStep {
  id: string;
  dealId: string;
  text: string;
  due: IsoDate;
  dueTime: string | null;
}

/** A call booked ahead: put on the calendar before it starts, with no outcome yet. A call
 * logged after it happened is a touch, never a booking, outcome or not. */
export interface BookedCall {
  id: string;
  dealId: string;
  startedAt: string;
}

export interface ReEngageDeal {
  id: string;
  title: string;
  accountId: string;
  status: Extract<DealStatus, 'paused' | 'lost'>;
  reEngageOn: IsoDate;
  closeReason: string | null;
}

export interface ProspectAccount {
  id: string;
  name: string;
}

/** The reads behind Today, each served by an index (see storage/queries/today-read-model.ts). */
export interface TodayReadModel {
  /** A member's open deals, with their stage and their open next step. */
  openDeals(ex: Executor, ownerId: string): Promise<OpenDealSummary[]>;
  nextStepTexts(ex: Executor, ids: readonly string[]): Promise<Map<string, string>>;
  /** Calls a member booked ahead (created before they start) in [from, to) that have no
   * outcome yet. */
  bookedCalls(ex: Executor, memberId: string, from: string, to: string): Promise<BookedCall[]>;
  /** Titles of deals Today mentions that are not among the member's open deals. */
  dealTitles(
    ex: Executor,
    ids: readonly string[],
  ): Promise<Map<string, { title: string; accountId: string }>>;
  /** A member's paused or lost deals whose re-engage date is on or before `day`. */
  reEngageDue(ex: Executor, ownerId: string, day: IsoDate, limit: number): Promise<ReEngageDeal[]>;
  /** Accounts of the workspace without an open deal, those the member sold to before first. */
  accountsWithoutOpenDeal(
    ex: Executor,
    workspaceId: string,
    memberId: string,
    limit: number,
  ): Promise<ProspectAccount[]>;
}
