import type { IsoDate } from '../time/dates.ts';

export const CALL_OUTCOMES = ['advanced', 'no-change', 'setback'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Why a call went nowhere: the same words as for a lost or paused deal. */
export { POOR_OUTCOME_REASONS, type PoorOutcomeReason } from '../deals/types.ts';
import type { PoorOutcomeReason } from '../deals/types.ts';

/** How far a habit was practised on a call. */
export const HABIT_CHECKS = ['done', 'partly', 'no'] as const;
export type HabitCheck = (typeof HABIT_CHECKS)[number];

export type AttendeeSide = 'ours' | 'theirs';

/** Someone on the call: a member (our side), a contact (their side), or just a name. */
export interface CallAttendee {
  name: string;
  side: AttendeeSide;
  memberId: string | null;
  contactId: string | null;
}

export interface CallHabitCheck {
  habitId: string;
  state: HabitCheck;
}

/** A meeting on a deal, as logged after it happened. */
export interface Call {
  id: string;
  workspaceId: string;
  dealId: string;
  loggedBy: string;
  /** When it started, a stored instant; `timeZone` is where it was held. */
  startedAt: string;
  timeZone: string;
  notes: string;
  outcome: CallOutcome | null;
  reason: PoorOutcomeReason | null;
  lesson: string | null;
  /** Ids of the habits the lesson is about. */
  lessonHabits: string[];
  attendees: CallAttendee[];
  /** Empty when no checklist was filled in; otherwise one entry per habit of the playbook. */
  habits: CallHabitCheck[];
  createdAt: string;
  version: number;
}

/** The next step agreed on a call, as proposed or confirmed. */
export interface NextStepInput {
  text: string;
  date: IsoDate | null;
  time: string | null;
}
