import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { Member } from '../workspaces/types.ts';

/** One e-mail, with both a plain-text and an HTML part. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe and friends). */
  headers?: Record<string, string>;
}

/**
 * Sends e-mail. `configured` is false when the server has no SMTP settings: nothing is sent and
 * callers show the link (or the reason) instead. Errors never carry the SMTP credentials.
 */
export interface Mailer {
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

/** Why e-mail is off, in the words the settings page and the CLI show. */
export const EMAIL_NOT_CONFIGURED = 'E-mail is not configured: set SMTP_URL and MOMENTUM_FROM';

/** Links in e-mails point here: the server's public base URL, without a trailing slash. */
export interface PublicLinks {
  publicUrl: string;
}

/** HMAC over a message with a key (node:crypto outside the domain). */
export interface MessageSigner {
  sign(key: string, message: string): string;
  /** Constant-time comparison of a signature with the expected one. */
  verify(key: string, message: string, signature: string): boolean;
}

export interface DigestPreferences {
  memberId: string;
  workspaceId: string;
  enabled: boolean;
  /** HH:MM in the member's own zone. */
  sendAt: string;
  /** Signs the unsubscribe link; replacing it invalidates every link sent before. */
  unsubscribeKey: string;
  updatedAt: string;
  version: number;
}

export type DigestSendStatus = 'sending' | 'sent' | 'failed';

export interface DigestSend {
  memberId: string;
  localDate: IsoDate;
  status: DigestSendStatus;
  claimedAt: string;
  sentAt: string | null;
  attempts: number;
}

export interface DigestRepository {
  findPreferences(ex: Executor, memberId: string): Promise<DigestPreferences | null>;
  /** Inserts the member's row, or replaces it when `expectedVersion` matches (false if stale). */
  savePreferences(
    ex: Executor,
    prefs: DigestPreferences,
    expectedVersion: number | null,
  ): Promise<boolean>;
  /** Every live member of every workspace with their preferences (null: the defaults). */
  listMembers(
    ex: Executor,
  ): Promise<
    { member: Member; preferences: Pick<DigestPreferences, 'enabled' | 'sendAt'> | null }[]
  >;
  /** Member ids that already have a digest sent or being sent for a local date, among those. */
  claimedOn(ex: Executor, keys: { memberId: string; localDate: IsoDate }[]): Promise<Set<string>>;
  /**
   * Claims the send of one member's digest for one local date: inserts the row, or takes back a
   * failed one. False when another send holds or has done it (the unique key says so).
   */
  claim(
    ex: Executor,
    send: { id: string; workspaceId: string; memberId: string; localDate: IsoDate; at: string },
  ): Promise<boolean>;
  markSent(ex: Executor, memberId: string, localDate: IsoDate, at: string): Promise<void>;
  /** Releases a claim whose SMTP exchange failed, so that a retry may claim it again. */
  markFailed(ex: Executor, memberId: string, localDate: IsoDate, error: string): Promise<void>;
  findSend(ex: Executor, memberId: string, localDate: IsoDate): Promise<DigestSend | null>;
}
