import { Type } from 'typebox';
import type { Account, Contact } from '../../core/accounts/types.ts';

/** Exactly the fields of an account that leave the API. */
export const AccountView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    domain: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Account' },
);

export function presentAccount(a: Account) {
  return { id: a.id, name: a.name, domain: a.domain, createdAt: a.createdAt, version: a.version };
}

export const ContactView = Type.Object(
  {
    id: Type.String(),
    accountId: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Contact' },
);

export function presentContact(c: Contact) {
  return {
    id: c.id,
    accountId: c.accountId,
    name: c.name,
    email: c.email,
    title: c.title,
    createdAt: c.createdAt,
    version: c.version,
  };
}
