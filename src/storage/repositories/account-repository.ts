import type { Selectable } from 'kysely';
import type { AccountRepository, ContactRepository } from '../../core/accounts/ports.ts';
import type { Account, Contact } from '../../core/accounts/types.ts';
import { kyselyOf } from '../executor.ts';
import type { AccountsTable, ContactsTable } from '../schema.ts';

const nameKey = (name: string) => name.trim().toLowerCase();

function toAccount(r: Selectable<AccountsTable>): Account {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    domain: r.domain,
    createdAt: r.created_at,
    version: r.version,
  };
}

export const accountRepository: AccountRepository = {
  async insert(ex, a) {
    await kyselyOf(ex)
      .insertInto('accounts')
      .values({
        id: a.id,
        workspace_id: a.workspaceId,
        name: a.name,
        name_key: nameKey(a.name),
        domain: a.domain,
        external_ref: null,
        created_at: a.createdAt,
        version: a.version,
      })
      .execute();
  },
  async findById(ex, workspaceId, id) {
    const row = await kyselyOf(ex)
      .selectFrom('accounts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  },
  async findByName(ex, workspaceId, name) {
    const row = await kyselyOf(ex)
      .selectFrom('accounts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name_key', '=', nameKey(name))
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  },
  async list(ex, workspaceId) {
    const rows = await kyselyOf(ex)
      .selectFrom('accounts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('name_key')
      .execute();
    return rows.map(toAccount);
  },
  async update(ex, workspaceId, id, expectedVersion, patch) {
    const result = await kyselyOf(ex)
      .updateTable('accounts')
      .set((eb) => ({
        ...(patch.name !== undefined && { name: patch.name, name_key: nameKey(patch.name) }),
        ...(patch.domain !== undefined && { domain: patch.domain }),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};

function toContact(r: Selectable<ContactsTable>): Contact {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    accountId: r.account_id,
    name: r.name,
    email: r.email,
    phone: r.phone ?? null,
    title: r.title,
    createdAt: r.created_at,
    version: r.version,
  };
}

export const contactRepository: ContactRepository = {
  async insert(ex, c) {
    await kyselyOf(ex)
      .insertInto('contacts')
      .values({
        id: c.id,
        workspace_id: c.workspaceId,
        account_id: c.accountId,
        name: c.name,
        email: c.email,
        phone: c.phone,
        title: c.title,
        external_ref: null,
        created_at: c.createdAt,
        version: c.version,
      })
      .execute();
  },
  async findById(ex, workspaceId, id) {
    const row = await kyselyOf(ex)
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toContact(row) : null;
  },
  async list(ex, workspaceId, filter) {
    let q = kyselyOf(ex).selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
    const rows = await q.orderBy('name').orderBy('id').execute();
    return rows.map(toContact);
  },
  async findByEmail(ex, workspaceId, email) {
    const rows = await kyselyOf(ex)
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .orderBy('created_at')
      .execute();
    return rows.map(toContact);
  },
  async update(ex, workspaceId, id, expectedVersion, patch) {
    const result = await kyselyOf(ex)
      .updateTable('contacts')
      .set((eb) => ({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.accountId !== undefined && { account_id: patch.accountId }),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
