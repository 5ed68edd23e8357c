import type { Executor } from '../shared/transactions.ts';

export interface Habit {
  id: string;
  workspaceId: string;
  position: number;
  key: string;
  name: string;
  description: string;
  version: number;
}

export interface HabitRepository {
  insert(ex: Executor, habit: Habit): Promise<void>;
  list(ex: Executor, workspaceId: string): Promise<Habit[]>;
}
