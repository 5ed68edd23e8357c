import { recordAudit } from '../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../shared/deps.ts';
import { toStoredInstant } from '../shared/dates.ts';
import { DomainError, conflict, invalid } from '../shared/errors.ts';
import { normaliseEmail, requireName } from '../workspaces/validation.ts';
import type { Actor } from '../workspaces/types.ts';
import type { AccountRepository, ContactRepository } from './ports.ts';
import type { Account, Contact } from './types.ts';

/*
 * Accounts and contacts are the workspace's shared address book: every member sees them, as in
 * a small team's CRM. What is private to a rep is the deals, and everything under them.
 */

export async function addAccount(
  deps: WriteDeps & { accounts: AccountRepository },
  actor: Actor,
  input: { name: string; domain?: string | null },
): Promise<Account> {
  const name = requireName(input.name, 'Account name');
  return deps.runner.transaction(async (tx) => {
    if (await deps.accounts.findByName(tx, actor.workspaceId, name)) {
      throw conflict(`An account named "${name}" already exists.`);
    }
    const account: Account = {
      id: deps.ids('account'),
      workspaceId: actor.workspaceId,
      name,
      domain: input.domain?.trim() || null,
      createdAt: toStoredInstant(deps.clock.now()),
      version: 1,
    };
    await deps.accounts.insert(tx, account);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'account.create',
      entity: 'account',
      entityId: account.id,
      after: account,
    });
    return account;
  });
}

export function listAccounts(
  deps: ReadDeps & { accounts: AccountRepository },
  actor: Actor,
): Promise<Account[]> {
  return deps.accounts.list(deps.runner.executor, actor.workspaceId);
}

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

export async function addContact(
  deps: WriteDeps & { accounts: AccountRepository; contacts: ContactRepository },
  actor: Actor,
  input: { account: string; name: string; email?: string | null; title?: string | null },
): Promise<Contact> {
  const name = requireName(input.name, 'Contact name');
  const email = input.email ? normaliseEmail(input.email) : null;
  return deps.runner.transaction(async (tx) => {
    const account = await findAccountByRef(deps, tx, actor, input.account);
    const contact: Contact = {
      id: deps.ids('contact'),
      workspaceId: actor.workspaceId,
      accountId: account.id,
      name,
      email,
      title: input.title?.trim() || null,
      createdAt: toStoredInstant(deps.clock.now()),
      version: 1,
    };
    await deps.contacts.insert(tx, contact);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'contact.create',
      entity: 'contact',
      entityId: contact.id,
      after: contact,
    });
    return contact;
  });
}

export async function listContacts(
  deps: ReadDeps & { accounts: AccountRepository; contacts: ContactRepository },
  actor: Actor,
  filter: { account?: string },
): Promise<Contact[]> {
  const ex = deps.runner.executor;
  const accountId = filter.account
    ? (await findAccountByRef(deps, ex, actor, filter.account)).id
    : undefined;
  return deps.contacts.list(ex, actor.workspaceId, accountId ? { accountId } : {});
}
