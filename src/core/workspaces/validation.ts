import { invalid } from '../kernel/errors.ts';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Control, format (zero-width, bidirectional marks, soft hyphen), surrogate, private-use and
 * unassigned code points: nothing a person types into an address, and each one would make a
 * second account that looks like the first. */
const INVISIBLE_RE = /\p{C}/u;

/**
 * The one spelling of an e-mail address that identifies an account: Unicode NFC (so that an
 * accented letter typed as one code point or as two is the same address), trimmed and
 * lower-cased, local part included. Invisible and control characters are refused, not dropped,
 * so that nobody is surprised by which account they reach.
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.normalize('NFC').trim().toLowerCase();
  if (INVISIBLE_RE.test(trimmed)) {
    throw invalid(
      `"${JSON.stringify(email).slice(1, -1)}" contains an invisible or control character; type the e-mail address again.`,
    );
  }
  if (!EMAIL_RE.test(trimmed) || trimmed.length > 254) {
    throw invalid(`"${email}" is not an e-mail address (expected name@example.com).`);
  }
  return trimmed;
}

/** The key the sign-in limiter counts an address under: the normal form when there is one, so
 * that look-alike spellings share one budget, and something stable when the address is bad. */
export function emailKey(email: string): string {
  try {
    return normaliseEmail(email);
  } catch {
    return email.normalize('NFC').trim().toLowerCase();
  }
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
