import type { Executor } from '../kernel/transactions.ts';
import type { Touch } from './types.ts';

export interface TouchRepository {
  insert(ex: Executor, touch: Touch): Promise<void>;
  /** Many touches at once, in as few statements as the database allows. */
  insertMany(ex: Executor, touches: readonly Touch[]): Promise<void>;
  /**
   * Moves deals.last_touch_at forward to `at` (never back), so that Today and neglect read one
   * summary column instead of the touch history.
   */
  advanceDealLastTouch(ex: Executor, dealId: string, at: string): Promise<void>;
  /** A deal's touches, newest first. */
  listForDeal(ex: Executor, dealId: string, limit: number): Promise<Touch[]>;
  /** The newest touch on a deal strictly before `before` (an instant), or null. */
  lastTouchBefore(ex: Executor, dealId: string, before: string): Promise<string | null>;
  /** The instants of a member's touches in [from, to), oldest first: the march buckets them
   * into local days. */
  instantsForMember(ex: Executor, memberId: string, from: string, to: string): Promise<string[]>;
  countForMember(ex: Executor, memberId: string, from: string, to: string): Promise<number>;
}
