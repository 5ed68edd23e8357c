import type { Side } from '../extraction/types.ts';

/** An e-mail address with its display name, as read from a header. */
export interface MailAddress {
  name: string;
  address: string;
}

/** The headers of a message forwarded inside another ("---------- Forwarded message ---------"). */
export interface ForwardedHeaders {
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** The Date: line as written. */
  date: string | null;
  subject: string | null;
}

/** A message as the matcher reads it: plain text only, never HTML. */
export interface MailForMatching {
  subject: string;
  /** The plain body; quoted history and signatures are stripped by the matcher. */
  text: string;
  attachmentNames: readonly string[];
}

/** An open promise the message might keep. */
export interface PromiseForMatching {
  id: string;
  side: Side;
  text: string;
}

/** confident: propose "kept"; weak: only suggest; none: not mentioned as delivered. */
export type MatchBand = 'confident' | 'weak' | 'none';

export interface PromiseMatch {
  promiseId: string;
  band: MatchBand;
  /** 0..1: the share of the promise's weighted terms the message delivers. */
  score: number;
  /** The promise's words (or synonym groups) the message matched, as the promise wrote them. */
  matched: string[];
  /** The promise's words the message did not match. */
  missing: string[];
  /** Why the band: the evidence the matcher saw, in plain words. */
  reasons: string[];
}

/** Where a message came from. */
export type MailSource = 'imap' | 'smtp' | 'upload' | 'cli';

/** filed: on one deal; ambiguous: several deals fit (asked on Today); unfiled: none fits (the
 * Inbox page); refused: not a member's own message, or too big (with the reason). */
export type MailStatus = 'filed' | 'ambiguous' | 'unfiled' | 'refused';

/** outgoing: a member wrote it; incoming: a contact wrote it to a member. */
export type MailDirection = 'outgoing' | 'incoming';

/** A new promise read from an outgoing message, proposed like a call's. */
export interface ProposedPromise {
  side: Side;
  text: string;
  due: string | null;
  dueTime: string | null;
  target: string | null;
  sentence: string;
  /** Undefined while waiting; accepted: made a real promise (`commitmentId`); ignored: not one. */
  state?: 'accepted' | 'ignored';
  commitmentId?: string | null;
}

/** A message as Momentum keeps it (plain text only; attachments as names and sizes). */
export interface MailMessage {
  id: string;
  workspaceId: string;
  /** The Message-ID, or a digest of the raw message when it has none. */
  messageKey: string;
  source: MailSource;
  direction: MailDirection | null;
  memberId: string | null;
  fromAddress: string | null;
  /** The addresses on the other side: recipients of an outgoing message, the sender of an
   * incoming one (forwarded: as the forwarded headers name them). */
  recipients: string[];
  subject: string;
  sentAt: string;
  bodyText: string;
  attachments: { name: string; size: number }[];
  sizeBytes: number;
  status: MailStatus;
  reason: string | null;
  dealId: string | null;
  candidateDealIds: string[];
  touchId: string | null;
  proposedPromises: ProposedPromise[];
  receivedAt: string;
}

export type MatchState = 'proposed' | 'kept' | 'dismissed';

/** A stored proposal that a message keeps a promise. */
export interface MailMatch {
  id: string;
  workspaceId: string;
  mailMessageId: string;
  commitmentId: string;
  band: Exclude<MatchBand, 'none'>;
  score: number;
  matched: string[];
  reasons: string[];
  state: MatchState;
  createdAt: string;
  decidedAt: string | null;
}
