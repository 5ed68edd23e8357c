import type { IsoDate } from '../time/dates.ts';
import type { Weekday } from '../time/weekdays.ts';

export type Side = 'ours' | 'theirs';

/** What extraction needs to know about the call the notes came from. */
export interface ExtractionContext {
  /** The call's local date-time, 'YYYY-MM-DDTHH:MM' (an instant with an offset is also read). */
  at: string;
  /** The note owner's IANA time zone. */
  timeZone: string;
  /** The note owner's holiday region ("US", "GB-ENG", "DE-BY"). */
  region: string;
  /** Business days to deliver ahead of the due date. */
  lead: number;
  /** Weekend days, as codes or "sat,sun". */
  weekend: readonly Weekday[] | string;
  /** Names on our side of the call ("Alice", "Mark"). */
  ours: readonly string[];
  /** Names and company names on their side ("Sarah", "Jen", "Acme"). */
  theirs: readonly string[];
  /** The owner's personal days off. */
  daysOff?: readonly IsoDate[];
}

export interface ExtractedCommitment {
  side: Side;
  /** The action, short ("send the pricing sheet"). */
  text: string;
  due: IsoDate | null;
  /** HH:MM when a time was promised ("by 5pm Thursday"). */
  dueTime: string | null;
  /** The early target (docs/rules.md#early-target) for the due date, made on the call's local date. */
  target: IsoDate | null;
  /** The sentence the promise was read from, as written. */
  sentence: string;
  /** 0..1: how sure the reading is; a person confirms every proposal anyway. */
  confidence: number;
}

export interface ExtractedNextStep {
  text: string;
  date: IsoDate | null;
  time: string | null;
}

export interface ExtractionResult {
  commitments: ExtractedCommitment[];
  nextStep: ExtractedNextStep | null;
}
