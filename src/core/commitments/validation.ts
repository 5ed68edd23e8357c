import { assertLead } from '../calendar/index.ts';
import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';
import { requireName } from '../workspaces/validation.ts';
import type { CommitmentSide } from './types.ts';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseSide(value: string): CommitmentSide {
  if (value !== 'ours' && value !== 'theirs') {
    throw invalid(`Side must be "ours" (we deliver) or "theirs" (we chase), got "${value}".`);
  }
  return value;
}

export function parseDueTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!TIME_RE.test(value))
    throw invalid(`Time must be HH:MM on a 24-hour clock, e.g. 17:00, got "${value}".`);
  return value;
}

export function parseOptionalDate(value: string | null | undefined, field: string): IsoDate | null {
  if (value === null || value === undefined || value === '') return null;
  return parseIsoDate(value, field).toString();
}

export function parseLead(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : assertLead(value);
}

export function requireText(value: string, field = 'Commitment text'): string {
  return requireName(value, field, 500);
}

export function requireReason(value: string | undefined, what: string): string {
  if (!value || !value.trim()) throw invalid(`Say why you ${what} (a short reason).`);
  return requireName(value, 'Reason', 500);
}
