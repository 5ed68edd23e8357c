import type { Executor } from '../shared/transactions.ts';
import type { IsoDate } from '../shared/dates.ts';
import type { Member, Role, User, Weekday, Workspace } from './types.ts';

export interface WorkspaceRepository {
  insert(ex: Executor, workspace: Workspace): Promise<void>;
  findById(ex: Executor, id: string): Promise<Workspace | null>;
  count(ex: Executor): Promise<number>;
  /** The only workspace, when there is exactly one (the CLI's local default). */
  findSole(ex: Executor): Promise<Workspace | null>;
}

export interface UserRepository {
  insert(ex: Executor, user: User, passwordHash: string | null): Promise<void>;
  findByEmail(ex: Executor, email: string): Promise<User | null>;
  findById(ex: Executor, id: string): Promise<User | null>;
}

export interface MemberSettingsPatch {
  role?: Role;
  timeZone?: string;
  region?: string;
  weekend?: Weekday[];
  leadDays?: number;
  marchFloor?: number;
  marchCeiling?: number;
}

export interface MemberRepository {
  insert(ex: Executor, member: Member): Promise<void>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Member | null>;
  findByEmail(ex: Executor, workspaceId: string, email: string): Promise<Member | null>;
  listByWorkspace(ex: Executor, workspaceId: string): Promise<Member[]>;
  /** Applies the patch only if the stored version is `expectedVersion`; false when stale. */
  update(
    ex: Executor,
    workspaceId: string,
    id: string,
    expectedVersion: number,
    patch: MemberSettingsPatch,
  ): Promise<boolean>;
  replaceDaysOff(ex: Executor, memberId: string, days: IsoDate[]): Promise<void>;
}
