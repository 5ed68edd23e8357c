import type { IsoDate } from '../time/dates.ts';

export type CommitmentSide = 'ours' | 'theirs';
export type CommitmentState = 'open' | 'done' | 'dropped';
export type Classification = 'early' | 'on-time' | 'late';

/** A promise made on a deal: ours to deliver, or theirs for us to chase. */
export interface Commitment {
  id: string;
  workspaceId: string;
  dealId: string;
  /** The member responsible: who delivers (ours) or who chases (theirs). */
  ownerId: string;
  side: CommitmentSide;
  text: string;
  /** The promised date in the owner's zone; null when the promise had no date. */
  due: IsoDate | null;
  dueTime: string | null;
  /** The owner's local date on which the promise was made. */
  madeOn: IsoDate;
  /** Per-commitment lead in business days; null means the owner's default. */
  leadDays: number | null;
  /** The day the current due date was agreed: null while it is the one the promise was made
   * with; the day of the last renegotiation after one. The early target is never before it. */
  dueAgreedOn: IsoDate | null;
  /** The early target (docs/rules.md#early-target); null when there is no due date. */
  target: IsoDate | null;
  state: CommitmentState;
  doneAt: string | null;
  classification: Classification | null;
  droppedReason: string | null;
  snoozedUntil: IsoDate | null;
  snoozeReason: string | null;
  lastChasedAt: string | null;
  sourceSentence: string | null;
  callId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A due date changed with the customer: the due the promise had, and the one agreed. The
 * promise keeps every one, so a late promise moved to a new date still shows it was late. */
export interface Renegotiation {
  id: string;
  workspaceId: string;
  commitmentId: string;
  previousDue: IsoDate;
  previousDueTime: string | null;
  /** The new due date (null when the date was taken away until one is agreed). */
  due: IsoDate | null;
  dueTime: string | null;
  reason: string | null;
  renegotiatedBy: string;
  renegotiatedAt: string;
}

/** A promise with its renegotiations, oldest first. */
export type CommitmentWithHistory = Commitment & { renegotiations: Renegotiation[] };
