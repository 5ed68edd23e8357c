import { invalid } from '../shared/errors.ts';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL_RE.test(trimmed) || trimmed.length > 254) {
    throw invalid(`"${email}" is not an e-mail address (expected name@example.com).`);
  }
  return trimmed;
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
