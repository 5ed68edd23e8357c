import { Type, type Static } from 'typebox';
import type { Account, AccountEvent, AccountSummary, Contact } from '../../core/accounts/types.ts';
import { Nullable } from '../shared.ts';

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

export function presentAccount(a: Account): Static<typeof AccountView> {
  return { id: a.id, name: a.name, domain: a.domain, createdAt: a.createdAt, version: a.version };
}

/** An account in the list, with what the reader's own view of its deals adds up to. */
export const AccountListItemView = Type.Object(
  {
    ...AccountView.properties,
    contactCount: Type.Integer(),
    dealCount: Type.Integer(),
    openDealCount: Type.Integer(),
    openValue: Type.Array(Type.Object({ currency: Type.String(), amount: Type.Number() }), {
      description: 'Open deals’ amounts, per currency, largest first',
    }),
    lastTouchAt: Nullable(Type.String()),
  },
  { $id: 'AccountListItem' },
);

export function presentAccountListItem(
  a: Account,
  s: AccountSummary,
): Static<typeof AccountListItemView> {
  return {
    ...presentAccount(a),
    contactCount: s.contactCount,
    dealCount: s.dealCount,
    openDealCount: s.openDealCount,
    openValue: s.openValue.map((v) => ({ currency: v.currency, amount: v.amountMinor / 100 })),
    lastTouchAt: s.lastTouchAt,
  };
}

export const ContactView = Type.Object(
  {
    id: Type.String(),
    accountId: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Contact' },
);

export function presentContact(c: Contact): Static<typeof ContactView> {
  return {
    id: c.id,
    accountId: c.accountId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    title: c.title,
    createdAt: c.createdAt,
    version: c.version,
  };
}

export const AccountEventView = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('call'),
      Type.Literal('touch'),
      Type.Literal('deal-opened'),
      Type.Literal('contact-added'),
    ]),
    at: Type.String(),
    dealId: Nullable(Type.String()),
    contactId: Nullable(Type.String()),
    callId: Nullable(Type.String()),
    touchId: Nullable(Type.String()),
    touchKind: Nullable(Type.String()),
    outcome: Nullable(Type.String()),
    text: Nullable(Type.String()),
  },
  { $id: 'AccountEvent' },
);

export function presentAccountEvent(e: AccountEvent): Static<typeof AccountEventView> {
  return {
    kind: e.kind,
    at: e.at,
    dealId: 'dealId' in e ? e.dealId : null,
    contactId: e.kind === 'contact-added' ? e.contactId : null,
    callId: e.kind === 'call' ? e.callId : null,
    touchId: e.kind === 'touch' ? e.touchId : null,
    touchKind: e.kind === 'touch' ? e.touchKind : null,
    outcome: e.kind === 'call' ? e.outcome : null,
    text: e.text,
  };
}
