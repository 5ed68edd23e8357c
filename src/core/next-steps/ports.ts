import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { NextStep, NextStepState } from './types.ts';

export interface NextStepRepository {
  insert(ex: Executor, step: NextStep): Promise<void>;
  findOpenForDeal(ex: Executor, dealId: string): Promise<NextStep | null>;
  /** The next step that was current at an instant: the newest one created before it. */
  latestCreatedBefore(ex: Executor, dealId: string, before: string): Promise<NextStep | null>;
  /** Closes a deal's open next step (replaced by a newer one, or done); returns how many. */
  closeOpen(
    ex: Executor,
    dealId: string,
    state: Exclude<NextStepState, 'open' | 'dropped'>,
  ): Promise<number>;
  /** Drops a deal's open next step, saying why; returns how many. */
  dropOpen(ex: Executor, dealId: string, reason: string): Promise<number>;
  /** Marks the deal's open next step done if it is due on `day`; true when one was. */
  completeDueOn(ex: Executor, dealId: string, day: IsoDate): Promise<boolean>;
}
