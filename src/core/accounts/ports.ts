import type { SearchCandidate } from '../search/rank.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { Account, AccountEvent, AccountSummary, Contact } from './types.ts';

export type AccountPatch = Partial<Pick<Account, 'name' | 'domain'>>;
export type ContactPatch = Partial<
  Pick<Contact, 'name' | 'email' | 'phone' | 'title' | 'accountId'>
>;

export interface AccountRepository {
  insert(ex: Executor, account: Account): Promise<void>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Account | null>;
  findByName(ex: Executor, workspaceId: string, name: string): Promise<Account | null>;
  list(ex: Executor, workspaceId: string): Promise<Account[]>;
  /** Applies the patch only at `expectedVersion`; false when the account changed meanwhile. */
  update(
    ex: Executor,
    workspaceId: string,
    id: string,
    expectedVersion: number,
    patch: AccountPatch,
  ): Promise<boolean>;
}

export interface ContactRepository {
  insert(ex: Executor, contact: Contact): Promise<void>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Contact | null>;
  /** The contacts of the workspace with this (normalised) e-mail address. */
  findByEmail(ex: Executor, workspaceId: string, email: string): Promise<Contact[]>;
  list(ex: Executor, workspaceId: string, filter: { accountId?: string }): Promise<Contact[]>;
  update(
    ex: Executor,
    workspaceId: string,
    id: string,
    expectedVersion: number,
    patch: ContactPatch,
  ): Promise<boolean>;
}

/** A search candidate with what the result shows beside it. */
export interface SearchRow extends SearchCandidate {
  accountId: string | null;
  accountName: string | null;
  detail: string | null;
}

/** Reads across accounts, contacts and the deals the actor can see. */
export interface AddressBookReadModel {
  summaries(ex: Executor, actor: Actor): Promise<AccountSummary[]>;
  timeline(ex: Executor, actor: Actor, accountId: string, limit: number): Promise<AccountEvent[]>;
  /** Records whose texts contain every one of the (folded) tokens, at most `perKind` of each
   * kind, roughly best first (rankCandidates orders them exactly). */
  searchCandidates(
    ex: Executor,
    actor: Actor,
    tokens: readonly string[],
    perKind: number,
  ): Promise<SearchRow[]>;
}
