import type { Executor } from '../shared/transactions.ts';
import type { Account, Contact } from './types.ts';

export interface AccountRepository {
  insert(ex: Executor, account: Account): Promise<void>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Account | null>;
  findByName(ex: Executor, workspaceId: string, name: string): Promise<Account | null>;
  list(ex: Executor, workspaceId: string): Promise<Account[]>;
}

export interface ContactRepository {
  insert(ex: Executor, contact: Contact): Promise<void>;
  findById(ex: Executor, workspaceId: string, id: string): Promise<Contact | null>;
  list(ex: Executor, workspaceId: string, filter: { accountId?: string }): Promise<Contact[]>;
}
