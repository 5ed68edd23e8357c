export interface Account {
  id: string;
  workspaceId: string;
  name: string;
  domain: string | null;
  createdAt: string;
  version: number;
}

export interface Contact {
  id: string;
  workspaceId: string;
  accountId: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  createdAt: string;
  version: number;
}

/** An amount of open pipeline in one currency (minor units). */
export interface CurrencyAmount {
  currency: string;
  amountMinor: number;
}

/** What the account list shows beside each account, counted over the deals the reader can see. */
export interface AccountSummary {
  accountId: string;
  contactCount: number;
  dealCount: number;
  openDealCount: number;
  openValue: CurrencyAmount[];
  lastTouchAt: string | null;
}

/** One dated event on an account's timeline. */
export type AccountEvent =
  | {
      kind: 'call';
      at: string;
      dealId: string;
      callId: string;
      outcome: string | null;
      text: string;
    }
  | {
      kind: 'touch';
      at: string;
      dealId: string;
      touchId: string;
      touchKind: string;
      text: string | null;
    }
  | { kind: 'deal-opened'; at: string; dealId: string; text: string }
  | { kind: 'contact-added'; at: string; contactId: string; text: string };
