import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, conflict, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { normaliseEmail, requireName } from '../../workspaces/validation.ts';
import type { Actor } from '../../workspaces/types.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { AccountPatch, AccountRepository, ContactPatch, ContactRepository } from '../ports.ts';
import type { Account, Contact } from '../types.ts';
import { findAccountByRef } from '../account-ref.ts';

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

export interface ContactInput {
  account: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
}

const PHONE_RE = /^\+?[0-9 ().\-/]{3,40}(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$/i;

/** A phone number as typed (trimmed), if it looks like one: digits, spaces, + ( ) . - / and an
 * extension; empty means none. */
export function normalisePhone(phone: string | null | undefined): string | null {
  const trimmed = phone?.trim() ?? '';
  if (!trimmed) return null;
  if (!PHONE_RE.test(trimmed) || !/[0-9]{3}/.test(trimmed.replace(/[^0-9]/g, ''))) {
    throw invalid(
      `"${trimmed}" is not a phone number (digits, spaces, + ( ) - and an extension).`,
      {
        field: 'phone',
      },
    );
  }
  return trimmed;
}

function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  if (trimmed.length > max) throw invalid(`${field} is longer than ${max} characters.`);
  return trimmed;
}

function contactEmail(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    return normaliseEmail(value);
  } catch (error) {
    if (error instanceof DomainError) throw invalid(error.message, { field: 'email' });
    throw error;
  }
}

/** One e-mail address is one person: a second contact with it, anywhere in the workspace, is
 * refused with the contact that already has it. */
async function requireFreeEmail(
  deps: { contacts: ContactRepository; accounts: AccountRepository },
  tx: Executor,
  workspaceId: string,
  email: string | null,
  exceptId?: string,
): Promise<void> {
  if (!email) return;
  const taken = (await deps.contacts.findByEmail(tx, workspaceId, email)).find(
    (c) => c.id !== exceptId,
  );
  if (!taken) return;
  const account = await deps.accounts.findById(tx, workspaceId, taken.accountId);
  throw conflict(
    `${email} is already the e-mail of ${taken.name}${account ? ` at ${account.name}` : ''}.`,
    { field: 'email', contactId: taken.id, accountId: taken.accountId },
  );
}

export async function addContact(
  deps: WriteDeps & { accounts: AccountRepository; contacts: ContactRepository },
  actor: Actor,
  input: ContactInput,
): Promise<Contact> {
  const name = requireName(input.name, 'Contact name');
  const email = contactEmail(input.email);
  const phone = normalisePhone(input.phone);
  const title = optionalText(input.title, 'Title');
  return deps.runner.transaction(async (tx) => {
    const account = await findAccountByRef(deps, tx, actor, input.account);
    await requireFreeEmail(deps, tx, actor.workspaceId, email);
    const contact: Contact = {
      id: deps.ids('contact'),
      workspaceId: actor.workspaceId,
      accountId: account.id,
      name,
      email,
      phone,
      title,
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

export async function getAccount(
  deps: ReadDeps & { accounts: AccountRepository },
  actor: Actor,
  id: string,
): Promise<Account> {
  const account = await deps.accounts.findById(deps.runner.executor, actor.workspaceId, id);
  if (!account) throw notFound('account', id);
  return account;
}

export async function getContact(
  deps: ReadDeps & { contacts: ContactRepository },
  actor: Actor,
  id: string,
): Promise<Contact> {
  const contact = await deps.contacts.findById(deps.runner.executor, actor.workspaceId, id);
  if (!contact) throw notFound('contact', id);
  return contact;
}

/** Renames an account or changes its domain, at the version the actor read. */
export async function updateAccount(
  deps: WriteDeps & { accounts: AccountRepository },
  actor: Actor,
  id: string,
  input: { name?: string; domain?: string | null },
  expectedVersion: number,
): Promise<Account> {
  const patch: AccountPatch = {};
  if (input.name !== undefined) patch.name = requireName(input.name, 'Account name');
  if (input.domain !== undefined) patch.domain = optionalText(input.domain, 'Domain');
  if (Object.keys(patch).length === 0) throw invalid('Nothing to change: send name or domain.');
  return deps.runner.transaction(async (tx) => {
    const before = await deps.accounts.findById(tx, actor.workspaceId, id);
    if (!before) throw notFound('account', id);
    if (patch.name !== undefined) {
      const named = await deps.accounts.findByName(tx, actor.workspaceId, patch.name);
      if (named && named.id !== before.id) {
        throw conflict(`An account named "${patch.name}" already exists.`, {
          field: 'name',
          accountId: named.id,
        });
      }
    }
    if (!(await deps.accounts.update(tx, actor.workspaceId, id, expectedVersion, patch))) {
      throw staleVersion('account', id, expectedVersion);
    }
    const after = (await deps.accounts.findById(tx, actor.workspaceId, id))!;
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'account.update',
      entity: 'account',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Edits a contact (or moves them to another account), at the version the actor read. */
export async function updateContact(
  deps: WriteDeps & { accounts: AccountRepository; contacts: ContactRepository },
  actor: Actor,
  id: string,
  input: Partial<ContactInput>,
  expectedVersion: number,
): Promise<Contact> {
  const patch: ContactPatch = {};
  if (input.name !== undefined) patch.name = requireName(input.name, 'Contact name');
  if (input.email !== undefined) patch.email = contactEmail(input.email);
  if (input.phone !== undefined) patch.phone = normalisePhone(input.phone);
  if (input.title !== undefined) patch.title = optionalText(input.title, 'Title');
  if (Object.keys(patch).length === 0 && input.account === undefined) {
    throw invalid('Nothing to change: send at least one of name, email, phone, title, account.');
  }
  return deps.runner.transaction(async (tx) => {
    const before = await deps.contacts.findById(tx, actor.workspaceId, id);
    if (!before) throw notFound('contact', id);
    if (input.account !== undefined) {
      patch.accountId = (await findAccountByRef(deps, tx, actor, input.account)).id;
    }
    if (patch.email !== undefined) {
      await requireFreeEmail(deps, tx, actor.workspaceId, patch.email, id);
    }
    if (!(await deps.contacts.update(tx, actor.workspaceId, id, expectedVersion, patch))) {
      throw staleVersion('contact', id, expectedVersion);
    }
    const after = (await deps.contacts.findById(tx, actor.workspaceId, id))!;
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'contact.update',
      entity: 'contact',
      entityId: id,
      before,
      after,
    });
    return after;
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
