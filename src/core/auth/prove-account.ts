import type { ReadDeps } from '../kernel/deps.ts';
import { DomainError } from '../kernel/errors.ts';
import type { UserRepository } from '../workspaces/ports.ts';
import type { User } from '../workspaces/types.ts';
import type { PasswordAttempts, PasswordHasher } from './ports.ts';

/*
 * One account per e-mail address, in as many workspaces as its owner joins. Whoever creates a
 * workspace or joins one with an address that already has an account must prove the account is
 * theirs, with its password: knowing the address is not enough, or an account could be taken
 * over (an invitation setting a password for it) or squatted (made by someone else first, then
 * silently reused as the owner of a new workspace). An account without a password yet gets one
 * only from someone who already controls it: `momentum member set-password` on the server.
 */

/** Why an address cannot be used without proof; the same words whether the account has no
 * password or the one given was wrong, and counted by the sign-in limiter like a failure. */
export function accountExists(
  email: string,
  how = 'enter its password',
  code: 'conflict' | 'unauthenticated' = 'conflict',
): Error {
  return new DomainError(
    code,
    `${email} already has a Momentum account. To use it here, ${how}; ` +
      'an account that has no password yet gets one with `momentum member set-password` on the server.',
    { email },
  );
}

/**
 * The account for `email` when there is one and `password` is its password; null when the
 * address has no account. An account without a password, or a wrong password, is refused.
 */
export async function proveAccount(
  deps: ReadDeps & {
    users: UserRepository;
    passwords: PasswordHasher;
    attempts?: PasswordAttempts;
  },
  email: string,
  password: string,
  refusal: { how?: string; code?: 'conflict' | 'unauthenticated' } = {},
): Promise<User | null> {
  const ex = deps.runner.executor;
  const user = await deps.users.findByEmail(ex, email);
  if (!user) return null;
  // Saying that an address has an account is unavoidable here, so it is counted like a failed
  // sign-in: enumerating accounts this way is as slow as guessing their passwords.
  deps.attempts?.assertAllowed(email);
  const hash = await deps.users.findPasswordHash(ex, user.id);
  const right = hash
    ? await deps.passwords.verify(hash, password)
    : (await deps.passwords.burn(password), false);
  if (!right) {
    deps.attempts?.failed(email);
    throw accountExists(email, refusal.how, refusal.code);
  }
  deps.attempts?.succeeded(email);
  return user;
}
