import type { Executor } from '../kernel/transactions.ts';
import type { PlanDocument } from './document.ts';

/** One version of a deal's plan: who made it, when, and the call that caused it. */
export interface PlanRevision {
  id: string;
  workspaceId: string;
  dealId: string;
  /** 1, 2, 3… per deal. */
  number: number;
  document: PlanDocument;
  authorId: string;
  callId: string | null;
  /** The change from the previous revision in a few words. */
  summary: string | null;
  createdAt: string;
}

export interface PlanRepository {
  /** Inserts a revision; false when its number is already taken (someone saved first). */
  insert(ex: Executor, revision: PlanRevision): Promise<boolean>;
  latest(ex: Executor, dealId: string): Promise<PlanRevision | null>;
  find(ex: Executor, dealId: string, number: number): Promise<PlanRevision | null>;
  /** A deal's revisions, oldest first. */
  list(ex: Executor, dealId: string): Promise<PlanRevision[]>;
}
