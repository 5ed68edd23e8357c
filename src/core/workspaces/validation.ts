import { invalid } from '../shared/errors.ts';
import { isValidTimeZone } from '../shared/dates.ts';
import { WEEKDAYS, type Weekday } from './types.ts';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL_RE.test(trimmed) || trimmed.length > 254) {
    throw invalid(`"${email}" is not an e-mail address (expected name@example.com).`);
  }
  return trimmed;
}

export function requireTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) {
    throw invalid(
      `Unknown time zone "${zone}". Use an IANA zone name such as America/New_York, Europe/Berlin, Asia/Tokyo or UTC.`,
    );
  }
  return zone;
}

export function parseWeekend(value: string | readonly string[]): Weekday[] {
  const parts = (typeof value === 'string' ? value.split(',') : [...value])
    .map((p) => p.trim().toLowerCase().slice(0, 3))
    .filter(Boolean);
  const days: Weekday[] = [];
  for (const part of parts) {
    if (!(WEEKDAYS as readonly string[]).includes(part)) {
      throw invalid(
        `Unknown weekend day "${part}". Use three-letter days separated by commas, e.g. sat,sun or fri,sat.`,
      );
    }
    if (!days.includes(part as Weekday)) days.push(part as Weekday);
  }
  if (days.length > 3)
    throw invalid('A weekend of more than three days leaves too few business days.');
  return days;
}

export function requireName(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalid(`${field} must not be empty.`);
  if (trimmed.length > max) throw invalid(`${field} is longer than ${max} characters.`);
  return trimmed;
}

export function requireCount(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
  return value;
}
