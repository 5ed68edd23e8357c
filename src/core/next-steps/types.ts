import type { IsoDate } from '../time/dates.ts';

/**
 * `open` until its day passes; `done` when the deal was touched on its day; `replaced` when a
 * newer next step took its place (a deal has at most one open next step); `dropped` when its
 * deal was closed or paused and the step was not kept (with a reason).
 */
export type NextStepState = 'open' | 'done' | 'replaced' | 'dropped';

/** What was agreed to happen next on a deal, and when (a date in the owner's zone). */
export interface NextStep {
  id: string;
  workspaceId: string;
  dealId: string;
  text: string;
  due: IsoDate;
  /** HH:MM in the owner's zone, when a time was agreed. */
  dueTime: string | null;
  state: NextStepState;
  callId: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}
