import type { IsoDate } from '../time/dates.ts';

/** The tools whose exports Momentum reads, and its own lossless export. */
export const CRM_SOURCES = ['hubspot', 'pipedrive', 'salesforce'] as const;
export type CrmSource = (typeof CRM_SOURCES)[number];
export const IMPORT_SOURCES = [...CRM_SOURCES, 'momentum'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** What one file of a CRM export holds (one object type per file, as the tools export them). */
export type RecordKind = 'account' | 'contact' | 'deal' | 'activity';

/** Where a row came from, for the bad-row report: the file and the line its record starts on. */
export interface RowLocation {
  file: string;
  line: number;
}

/** A link to an account: by the source's id when the file has one, else by name (created when
 * no account of that name exists). */
export interface AccountLink {
  ref: string | null;
  name: string | null;
}

/*
 * Records as read from a file, before the workspace's stages, members and currencies are
 * mapped: every value is still the source's own (a stage label, an owner's name or e-mail).
 * `ref` is the source's id; it becomes the stored "<source>:<id>".
 */
export interface AccountRecord {
  kind: 'account';
  ref: string;
  name: string;
  domain: string | null;
}
export interface ContactRecord {
  kind: 'contact';
  ref: string;
  name: string;
  email: string | null;
  title: string | null;
  account: AccountLink;
}
export type DealOutcome = 'open' | 'won' | 'lost';
export interface DealRecord {
  kind: 'deal';
  ref: string;
  title: string;
  account: AccountLink;
  stage: string | null;
  outcome: DealOutcome;
  amount: string | null;
  currency: string | null;
  expectedClose: IsoDate | null;
  owner: string | null;
  closeReason: string | null;
  /** When the source says the deal was won or lost (an instant, UTC ISO). */
  closedAt: string | null;
  createdAt: string | null;
}
export type ActivityType = 'call' | 'meeting' | 'email' | 'task' | 'other';
export interface ActivityRecord {
  kind: 'activity';
  ref: string;
  dealRef: string;
  type: ActivityType;
  subject: string;
  note: string | null;
  done: boolean;
  /** The day it is (or was) due. */
  due: IsoDate | null;
  /** When it was done (UTC ISO instant), for done activities. */
  doneAt: string | null;
  owner: string | null;
}
export type SourceRecord = AccountRecord | ContactRecord | DealRecord | ActivityRecord;

export type LocatedRecord = SourceRecord & { at: RowLocation };

/** A row that was not imported, and why. */
export interface RowIssue extends RowLocation {
  reason: string;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface FileSummary {
  file: string;
  source: CrmSource;
  kind: RecordKind;
  rows: number;
  dateOrder: string | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportReport {
  dryRun: boolean;
  files: FileSummary[];
  counts: Record<RecordKind, ImportCounts>;
  issues: RowIssue[];
  /** How many issues there were in all (the list keeps the first ones only). */
  issueCount: number;
  stagesCreated: string[];
}

export function emptyCounts(): Record<RecordKind, ImportCounts> {
  const zero = () => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });
  return { account: zero(), contact: zero(), deal: zero(), activity: zero() };
}
