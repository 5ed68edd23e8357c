import { recordAudit } from '../../audit/record.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { MemberRepository, UserRepository } from '../../workspaces/ports.ts';
import type { Member } from '../../workspaces/types.ts';
import { normaliseEmail } from '../../workspaces/validation.ts';
import type { PasswordAttempts, PasswordHasher } from '../ports.ts';
import { openSession, type OpenedSession, type SessionDeps } from './sessions.ts';

export type SignInDeps = SessionDeps & {
  users: UserRepository;
  members: MemberRepository;
  passwords: PasswordHasher;
  attempts?: PasswordAttempts;
};

export interface SignedIn extends OpenedSession {
  member: Member;
}

const WRONG = 'The e-mail address or the password is wrong.';

/**
 * Checks an e-mail and password and starts a new session. The session the browser held before
 * (if any) is revoked, so a session id fixed before sign-in is useless after it. A hash made
 * with older argon2 parameters is replaced while the password is at hand.
 */
export async function signIn(
  deps: SignInDeps,
  input: { email: string; password: string; replacingSessionId?: string | null },
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  deps.attempts?.assertAllowed(email);
  const ex = deps.runner.executor;
  const user = await deps.users.findByEmail(ex, email);
  const hash = user ? await deps.users.findPasswordHash(ex, user.id) : null;
  if (!user || !hash) {
    await deps.passwords.burn(input.password);
    deps.attempts?.failed(email);
    throw new DomainError('unauthenticated', WRONG);
  }
  if (!(await deps.passwords.verify(hash, input.password))) {
    deps.attempts?.failed(email);
    throw new DomainError('unauthenticated', WRONG);
  }
  deps.attempts?.succeeded(email);
  const [member] = await deps.members.listActiveByUser(ex, user.id);
  if (!member) {
    throw new DomainError(
      'unauthenticated',
      'This account is no longer a member of any workspace; ask an owner for an invitation.',
    );
  }
  const rehash = deps.passwords.needsRehash(hash)
    ? await deps.passwords.hash(input.password)
    : null;
  return deps.runner.transaction(async (tx) => {
    const now = toStoredInstant(deps.clock.now());
    if (rehash) {
      await deps.users.setPasswordHash(tx, user.id, rehash);
      await recordAudit(deps, tx, {
        workspaceId: member.workspaceId,
        actorId: member.id,
        action: 'user.password-rehash',
        entity: 'user',
        entityId: user.id,
      });
    }
    if (input.replacingSessionId) await deps.sessions.revoke(tx, input.replacingSessionId, now);
    const opened = await openSession(deps, tx, member);
    return { ...opened, member };
  });
}
