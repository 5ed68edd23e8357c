import type { Executor } from '../kernel/transactions.ts';

export interface Habit {
  id: string;
  workspaceId: string;
  /** 1-based order in the playbook; a call's checklist refers to habits by it. */
  position: number;
  key: string;
  name: string;
  description: string;
  /** Set when the habit was taken out of the playbook; past calls keep their checks. */
  removedAt?: string | null;
  version: number;
}

export type HabitPatch = Partial<
  Pick<Habit, 'position' | 'key' | 'name' | 'description' | 'removedAt'>
>;

export interface HabitRepository {
  insert(ex: Executor, habit: Habit): Promise<void>;
  /** The playbook in order; removed habits too when asked (to bring one back by its key). */
  list(ex: Executor, workspaceId: string, options?: { includeRemoved?: boolean }): Promise<Habit[]>;
  /** Applies the patch only at `expectedVersion`; false when the habit changed meanwhile. */
  update(
    ex: Executor,
    workspaceId: string,
    id: string,
    expectedVersion: number,
    patch: HabitPatch,
  ): Promise<boolean>;
}
