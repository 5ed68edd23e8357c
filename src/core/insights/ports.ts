import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { CallOutcome } from '../calls/types.ts';
import type { DealOutcomeKind } from '../deals/types.ts';
import type {
  ClosedDealRow,
  CountRow,
  HabitCheckRow,
  InsightScope,
  InstantRange,
  KeptPromiseRow,
  LessonRow,
  MomentumRow,
  NeglectHistory,
  TouchRow,
} from './types.ts';

/** The reads insights are made of; each is bounded by the scope's members and a period. */
export interface InsightRepository {
  /** Our promises kept in the range, classified. */
  keptPromises(ex: Executor, scope: InsightScope, range: InstantRange): Promise<KeptPromiseRow[]>;
  /** The scope's members' touches in the range. */
  touches(ex: Executor, scope: InsightScope, range: InstantRange): Promise<TouchRow[]>;
  /** Checklists of calls that started in the range, on the scope's deals. */
  callChecks(ex: Executor, scope: InsightScope, range: InstantRange): Promise<HabitCheckRow[]>;
  callOutcomes(
    ex: Executor,
    scope: InsightScope,
    range: InstantRange,
  ): Promise<CountRow<CallOutcome>[]>;
  /** The scope's deals won or lost in the range, and the checklists of all their calls. */
  closedDeals(
    ex: Executor,
    scope: InsightScope,
    range: InstantRange,
  ): Promise<{ deals: ClosedDealRow[]; checks: HabitCheckRow[] }>;
  dealOutcomes(
    ex: Executor,
    scope: InsightScope,
    range: InstantRange,
  ): Promise<CountRow<DealOutcomeKind>[]>;
  /** Lessons from calls and from closed or paused deals in the range, newest first. */
  lessons(
    ex: Executor,
    scope: InsightScope,
    range: InstantRange,
    limit: number,
  ): Promise<LessonRow[]>;
  /** The scope's deals, touches, next steps and promises, to replay neglect over a range. */
  neglectHistory(ex: Executor, scope: InsightScope, range: InstantRange): Promise<NeglectHistory>;
  /** Recorded daily momentum scores of the scope's deals between two days, inclusive. */
  momentumScores(
    ex: Executor,
    scope: InsightScope,
    from: IsoDate,
    to: IsoDate,
  ): Promise<MomentumRow[]>;
}
