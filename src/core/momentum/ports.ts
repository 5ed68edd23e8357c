import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { OpenPromiseFacts } from '../neglect/assess-neglect.ts';
import type { MomentumFactor, PromiseRecord } from './score.ts';

/** A deal's score as computed on one of its owner's days. */
export interface MomentumSnapshot {
  dealId: string;
  day: IsoDate;
  score: number;
  factors: MomentumFactor[];
}

/** An open deal as its score sees it now, with its owner's zone (whose day it is scored on). */
export interface LiveDealFacts {
  id: string;
  timeZone: string;
  lastTouchAt: string | null;
  createdAt: string;
  stageName: string;
  stageChangedAt: string;
  neglectDays: number;
  nextStepDue: IsoDate | null;
  openPromises: OpenPromiseFacts[];
}

/** What the score needs about a deal besides its summary columns. */
export interface DealStageFacts {
  stageName: string;
  neglectDays: number;
  stageChangedAt: string;
}

export interface MomentumRepository {
  /** Writes each deal's snapshot for its day, replacing one already there. */
  saveSnapshots(ex: Executor, snapshots: readonly MomentumSnapshot[]): Promise<void>;
  /** A deal's snapshots from `from` to `to` inclusive, oldest first. */
  listSnapshots(
    ex: Executor,
    dealId: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ day: IsoDate; score: number }[]>;
  /** Of these deals, the open ones as they are now (closed or paused ones are left out). */
  liveFacts(ex: Executor, dealIds: readonly string[]): Promise<LiveDealFacts[]>;
  stageFacts(ex: Executor, dealId: string): Promise<DealStageFacts | null>;
  /** Kept promises per deal (done before `before`), by classification; `overdue` is left 0 for
   * the caller, who knows which open ones are overdue. */
  promiseRecords(
    ex: Executor,
    dealIds: readonly string[],
    before: string,
  ): Promise<Map<string, PromiseRecord>>;
  /** The newest plan document of each deal among revisions created before `before`. */
  planDocuments(
    ex: Executor,
    dealIds: readonly string[],
    before: string,
  ): Promise<Map<string, unknown>>;
  /** The plan each deal had at `at`, or, for a plan first written after it, its first
   * revision: the base against which recent movement is measured. */
  planBaselines(
    ex: Executor,
    dealIds: readonly string[],
    at: string,
  ): Promise<Map<string, unknown>>;
}
