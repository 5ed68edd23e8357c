import type { Executor } from '../kernel/transactions.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Weekday } from '../time/weekdays.ts';
import type { Member, Role, User, Workspace } from './types.ts';

export interface WorkspaceRepository {
  insert(ex: Executor, workspace: Workspace): Promise<void>;
  findById(ex: Executor, id: string): Promise<Workspace | null>;
  count(ex: Executor): Promise<number>;
  /** Holds the workspace's row lock until the transaction ends, so that changes to its
   * memberships (removals, role changes) are checked and made one at a time. */
  lockMemberships(ex: Executor, id: string): Promise<void>;
  /** The only workspace, when there is exactly one (the CLI's local default). */
  findSole(ex: Executor): Promise<Workspace | null>;
  /** Every workspace in the database, oldest first (the CLI lists them to choose from). */
  list(ex: Executor): Promise<Workspace[]>;
}

export interface UserRepository {
  insert(ex: Executor, user: User, passwordHash: string | null): Promise<void>;
  findByEmail(ex: Executor, email: string): Promise<User | null>;
  findById(ex: Executor, id: string): Promise<User | null>;
  /** The stored password hash; null when the person has never set a password. */
  findPasswordHash(ex: Executor, userId: string): Promise<string | null>;
  setPasswordHash(ex: Executor, userId: string, passwordHash: string): Promise<void>;
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
  /** A person's live memberships across workspaces, oldest first. */
  listActiveByUser(ex: Executor, userId: string): Promise<Member[]>;
  /** Marks a live member removed; false when there is no live member by that id. */
  markRemoved(ex: Executor, workspaceId: string, id: string, at: string): Promise<boolean>;
  /** Brings a removed member back (re-invited) with a role. */
  restore(ex: Executor, workspaceId: string, id: string, role: Role): Promise<void>;
}
