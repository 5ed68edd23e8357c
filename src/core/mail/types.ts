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
