import { invalid } from '../kernel/errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/*
 * The policy follows NIST SP 800-63B: a minimum length, a generous maximum (pass phrases are
 * welcome), no composition rules, and a refusal of passwords known to be common or built from
 * the person's own details.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Words a guesser would try first for this person: their e-mail name, name, workspace. */
export interface PasswordContext {
  email?: string;
  name?: string;
  workspace?: string;
}

// Digits and symbols that people bolt onto a word to satisfy old composition rules.
const AFFIXES = /^[\d\W_]+|[\d\W_]+$/gu;

function candidates(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(AFFIXES, '');
  return core && core !== lower ? [lower, core] : [lower];
}

function contextWords(context: PasswordContext): string[] {
  const words = ['momentum'];
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4) words.push(local);
  for (const text of [context.name, context.workspace]) {
    const squashed = text?.toLowerCase().replace(/\s+/g, '');
    if (squashed && squashed.length >= 4) words.push(squashed);
  }
  return words;
}

/** Throws a validation error saying what to do when a new password is not acceptable. */
export function checkNewPassword(password: string, context: PasswordContext = {}): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw invalid(
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long; a few unrelated words make a good one.`,
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw invalid(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  if (new Set(password.toLowerCase()).size < 4) {
    throw invalid('The password repeats too few different characters; choose a longer phrase.');
  }
  const tried = candidates(password);
  if (tried.some((c) => COMMON_PASSWORDS.has(c))) {
    throw invalid(
      'This password is on the list of commonly used passwords; choose another (a few unrelated words work well).',
    );
  }
  const squashed = password.toLowerCase().replace(/\s+/g, '');
  const own = contextWords(context).find((w) => tried.includes(w) || squashed === w);
  if (own) {
    throw invalid(
      'The password must not be your e-mail name, your name, your workspace or the product name.',
    );
  }
}
