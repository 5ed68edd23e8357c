import { DomainError, invalid } from '../kernel/errors.ts';
import type { Actor } from '../workspaces/types.ts';
import type { AccountRepository } from './ports.ts';
import type { Account } from './types.ts';

/** Accepts an account id or its name (case-insensitive). */
export async function findAccountByRef(
  deps: { accounts: AccountRepository },
  ex: Parameters<AccountRepository['findById']>[0],
  actor: Actor,
  ref: string,
): Promise<Account> {
  const trimmed = ref.trim();
  if (!trimmed) throw invalid('An account name or id is required.');
  const account =
    (await deps.accounts.findById(ex, actor.workspaceId, trimmed)) ??
    (await deps.accounts.findByName(ex, actor.workspaceId, trimmed));
  if (!account) {
    throw new DomainError(
      'not-found',
      `No account "${trimmed}". Add it first (momentum account add "${trimmed}").`,
    );
  }
  return account;
}
