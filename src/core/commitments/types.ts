import type { IsoDate } from '../shared/dates.ts';

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
  /** The early target (SPEC §2); null when there is no due date. */
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
