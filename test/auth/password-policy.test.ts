import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../../src/core/auth/common-passwords.ts';
import { checkNewPassword } from '../../src/core/auth/password-policy.ts';

const context = { email: 'dana.scully@fbi.example', name: 'Dana Scully', workspace: 'X Files' };

describe('the password policy', () => {
  it.each([
    ['a pass phrase', 'plum tractor quietly sings'],
    ['eight mixed characters', 'k7#Qm2!x'],
    ['the maximum length', 'ab1!'.repeat(64)],
    ['a phrase with accents', 'fenêtre ouverte à midi'],
    ['a common word inside a longer phrase', 'password of the orange tree'],
  ])('accepts %s', (_why, password) => {
    expect(() => checkNewPassword(password, context)).not.toThrow();
  });

  it.each([
    ['seven characters', 'k7#Qm2!'],
    ['seven characters that are eight UTF-16 units', 'k7#Qm2😀'],
    ['more than 256 characters', 'ab1!'.repeat(64) + 'x'],
    ['a list entry', 'password1'],
    ['a list entry in capitals', 'QWERTYUIOP'],
    ['a list word with digits and a symbol', 'Sunshine2026!'],
    ['a list word with leading digits', '2026dragon'],
    ['a digit run', '1234567890'],
    ['too few distinct characters', 'abcabcabcabc'],
    ['the e-mail name', 'dana.scully'],
    ['the e-mail name with a year', 'dana.scully1999'],
    ['the name', 'Dana Scully'],
    ['the workspace', 'XFiles2026'],
    ['the product', 'Momentum!'],
  ])('refuses %s with a validation error', (_why, password) => {
    expect(() => checkNewPassword(password, context)).toThrowError(
      expect.objectContaining({ code: 'validation' }),
    );
  });

  it('ships a list of common passwords, all lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(400);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});
