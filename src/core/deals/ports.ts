import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { Deal, DealOutcome, DealStatus, Stage } from './types.ts';

export interface StageRepository {
  insert(ex: Executor, stage: Stage): Promise<void>;
  listByWorkspace(ex: Executor, workspaceId: string): Promise<Stage[]>;
  findByName(ex: Executor, workspaceId: string, name: string): Promise<Stage | null>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Stage | null>;
  update(
    ex: Executor,
    workspaceId: string,
    id: string,
    expectedVersion: number,
    patch: { name?: string; neglectDays?: number; position?: number },
  ): Promise<boolean>;
}

export interface DealFilter {
  status?: DealStatus;
  ownerId?: string;
  stageId?: string;
  accountId?: string;
  limit?: number;
}

export type DealPatch = Partial<
  Pick<
    Deal,
    | 'title'
    | 'stageId'
    | 'amountMinor'
    | 'currency'
    | 'expectedClose'
    | 'status'
    | 'reEngageOn'
    | 'closeReason'
    | 'closedAt'
    | 'ownerId'
    | 'updatedAt'
  >
> & { stageChangedAt?: string };

export interface DealRepository {
  insert(ex: Executor, deal: Deal): Promise<void>;
  /** Finds a deal only if `actor` may see it: their own, shared with them, or any in the
   * workspace for managers and owners. */
  findVisible(ex: Executor, actor: Actor, id: string): Promise<Deal | null>;
  listVisible(ex: Executor, actor: Actor, filter: DealFilter): Promise<Deal[]>;
  update(ex: Executor, id: string, expectedVersion: number, patch: DealPatch): Promise<boolean>;
  share(ex: Executor, dealId: string, memberId: string): Promise<void>;
}

export interface DealOutcomeRepository {
  insert(ex: Executor, outcome: DealOutcome): Promise<void>;
  /** A deal's outcomes, oldest first. */
  listForDeal(ex: Executor, dealId: string): Promise<DealOutcome[]>;
}
