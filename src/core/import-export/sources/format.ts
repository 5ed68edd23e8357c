import type { HeaderIndex, RowView } from '../columns.ts';
import { parseSourceDate, parseSourceInstant, type DateOrder } from '../dates.ts';
import type { ActivityType, CrmSource, RecordKind, SourceRecord } from '../types.ts';

/** A row that cannot become a record: the reason goes into the bad-row report. */
export class RowError extends Error {}

/** The columns of one kind of file that the scan looks at before anything is written. */
export interface ScannedColumns {
  dates: string[];
  stage: string[];
  owner: string[];
  currency: string[];
}

/** How one CRM writes one kind of file. */
export interface FileFormat {
  source: CrmSource;
  kind: RecordKind;
  /** What a user would call this file ("HubSpot deals"). */
  label: string;
  columns: ScannedColumns;
  read(row: RowView, dates: DateReader): SourceRecord;
}

/** The shape of a CRM's export: which of its file kinds a header row is, if any. */
export interface SourceFormat {
  source: CrmSource;
  recognise(header: HeaderIndex): FileFormat | null;
}

/** Reads a file's dates in the order decided for that file. */
export class DateReader {
  private readonly order: DateOrder | null;

  constructor(order: DateOrder | null) {
    this.order = order;
  }

  date(value: string | null, column: string): string | null {
    if (!value) return null;
    const d = parseSourceDate(value, this.order);
    if (!d) throw new RowError(`${column} "${value}" is not a date`);
    return d;
  }

  instant(value: string | null, column: string): string | null {
    if (!value) return null;
    const d = parseSourceInstant(value, this.order);
    if (!d) throw new RowError(`${column} "${value}" is not a date`);
    return d;
  }
}

export function required(value: string | null, column: string): string {
  if (!value) throw new RowError(`${column} is empty`);
  return value;
}

export function personName(first: string | null, last: string | null, full: string | null) {
  return [first, last].filter(Boolean).join(' ') || full;
}

export function activityType(value: string | null): ActivityType {
  const v = (value ?? '').toLowerCase();
  if (/call|phone/.test(v)) return 'call';
  if (/meeting|event|demo|lunch/.test(v)) return 'meeting';
  if (/e-?mail/.test(v)) return 'email';
  if (/task|to-?do|deadline/.test(v)) return 'task';
  return v ? 'other' : 'task';
}

/** Won/lost as the tools name their closing stages ("Closed Won", "closedlost", "Won"). */
export function outcomeOfLabel(value: string | null): 'won' | 'lost' | null {
  if (!value) return null;
  const v = value.toLowerCase().replace(/[\s_-]+/g, '');
  if (v === 'closedwon' || v === 'won') return 'won';
  if (v === 'closedlost' || v === 'lost') return 'lost';
  return null;
}
