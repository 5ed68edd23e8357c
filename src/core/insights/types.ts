import type { CallOutcome, HabitCheck, PoorOutcomeReason } from '../calls/types.ts';
import type { Classification } from '../commitments/types.ts';
import type { DealOutcomeKind } from '../deals/types.ts';
import type { Band } from '../march/bands.ts';
import type { NeglectReason } from '../neglect/assess-neglect.ts';
import type { IsoDate } from '../time/dates.ts';

/** Whose figures: the deals, calls and touches of these members. */
export interface InsightScope {
  workspaceId: string;
  memberIds: readonly string[];
}

/** An instant range [from, to), as stored text. */
export interface InstantRange {
  from: string;
  to: string;
}

export interface KeptPromiseRow {
  ownerId: string;
  doneAt: string;
  classification: Classification;
}

export interface TouchRow {
  memberId: string;
  at: string;
}

export interface HabitCheckRow {
  callId: string;
  dealId: string;
  habitId: string;
  state: HabitCheck;
}

export interface ClosedDealRow {
  dealId: string;
  status: 'won' | 'lost';
}

export interface CountRow<K extends string> {
  outcome: K | null;
  reason: PoorOutcomeReason | null;
  count: number;
}

export interface LessonRow {
  source: 'call' | DealOutcomeKind;
  at: string;
  dealId: string;
  dealTitle: string;
  memberId: string;
  callId: string | null;
  text: string;
  habitIds: string[];
}

/** A deal of the scope as neglect history needs it. */
export interface HistoryDeal {
  dealId: string;
  createdAt: string;
  /** When it was won or lost, if it was. */
  closedAt: string | null;
  /** When it was first won, lost or paused, if it was. */
  firstOutcomeAt: string | null;
  neglectDays: number;
}

export interface HistoryNextStep {
  dealId: string;
  due: IsoDate;
  createdAt: string;
}

export interface HistoryPromise {
  dealId: string;
  side: 'ours' | 'theirs';
  due: IsoDate;
  state: 'open' | 'done' | 'dropped';
  createdAt: string;
  doneAt: string | null;
  /** For a dropped promise, when it was dropped (its last change). */
  updatedAt: string;
  lastChasedAt: string | null;
}

/**
 * What it takes to tell, for any instant in [from, to), which of the scope's deals were open and
 * whether each was neglected then.
 */
export interface NeglectHistory {
  deals: HistoryDeal[];
  /** Each deal's last touch before `from`. */
  lastTouchBefore: Map<string, string>;
  /** Touches in [from, to), oldest first. */
  touches: { dealId: string; at: string }[];
  /** Next steps created before `to`. */
  nextSteps: HistoryNextStep[];
  /** Dated promises made before `to`. */
  promises: HistoryPromise[];
}

export interface MomentumRow {
  dealId: string;
  day: IsoDate;
  score: number;
}

/* ----- what insights answer ----- */

export interface PromiseKeepingWeek {
  memberId: string;
  /** ISO week, "2026-W48". */
  week: string;
  early: number;
  onTime: number;
  late: number;
  total: number;
  /** Shares of the total, 0..1 to two decimals. */
  earlyShare: number;
  onTimeShare: number;
  lateShare: number;
}

export interface MarchDay {
  memberId: string;
  date: IsoDate;
  touches: number;
  floor: number;
  ceiling: number;
  businessDay: boolean;
  /** Where the day fell against the floor–ceiling band; null on a day off; `open` for the
   * member's today while it is under the floor (not over yet, so not a stall). */
  band: Band | 'open' | null;
}

export interface MarchSummary {
  memberId: string;
  businessDays: number;
  on: number;
  stall: number;
  rush: number;
  touches: number;
}

export interface WinRecord {
  won: number;
  lost: number;
  /** won ÷ (won + lost), to two decimals; null with no closed deals. */
  winRate: number | null;
}

export interface HabitInsight {
  habitId: string;
  position: number;
  key: string;
  name: string;
  /** Calls in the period with a checklist, by how the habit went. */
  calls: { done: number; partly: number; no: number };
  /** Deals closed in the period whose calls had a checklist: those where the habit was done
   * (or partly) on at least one call, and those where it never was. Counts, not significance. */
  practiced: WinRecord;
  notPracticed: WinRecord;
}

export interface OutcomeInsight {
  calls: Record<CallOutcome | 'unrecorded', number>;
  /** Why calls went nowhere (setback or no change). */
  callReasons: Record<PoorOutcomeReason, number>;
  deals: Record<DealOutcomeKind, number>;
  lossReasons: Record<PoorOutcomeReason | 'unspecified', number>;
  pauseReasons: Record<PoorOutcomeReason | 'unspecified', number>;
}

export interface Lesson {
  source: LessonRow['source'];
  at: string;
  dealId: string;
  dealTitle: string;
  memberId: string;
  callId: string | null;
  text: string;
  /** The keys of the habits it is about. */
  habits: string[];
}

export interface NeglectWeek {
  week: string;
  /** The day the count was taken: the week's last day, or the end of the period. */
  asOf: IsoDate;
  open: number;
  neglected: number;
  reasons: Record<NeglectReason, number>;
}

export interface MomentumWeek {
  week: string;
  /** The mean of the deals' recorded daily scores that week, to one decimal. */
  average: number;
  deals: number;
}

export interface Insights {
  from: IsoDate;
  to: IsoDate;
  members: { id: string; name: string; email: string }[];
  promiseKeeping: PromiseKeepingWeek[];
  march: { days: MarchDay[]; summary: MarchSummary[] };
  habits: HabitInsight[];
  outcomes: OutcomeInsight;
  lessons: Lesson[];
  neglect: NeglectWeek[];
  momentum: MomentumWeek[];
}
