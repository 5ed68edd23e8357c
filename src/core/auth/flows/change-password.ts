import { recordAudit } from '../../audit/record.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type {
  MemberRepository,
  UserRepository,
  WorkspaceRepository,
} from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import { checkNewPassword } from '../password-policy.ts';
import type { PasswordAttempts, PasswordHasher } from '../ports.ts';
import { openSession, type OpenedSession, type SessionDeps } from './sessions.ts';

export type PasswordDeps = SessionDeps & {
  users: UserRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  passwords: PasswordHasher;
  attempts?: PasswordAttempts;
};

async function requireMember(deps: PasswordDeps, ex: Executor, actor: Actor): Promise<Member> {
  const member = await deps.members.findById(ex, actor.workspaceId, actor.memberId);
  if (!member || member.removedAt) throw notFound('member', actor.memberId);
  return member;
}

async function contextOf(deps: PasswordDeps, ex: Executor, member: Member) {
  const workspace = await deps.workspaces.findById(ex, member.workspaceId);
  return { email: member.email, name: member.name, workspace: workspace?.name ?? '' };
}

/** Stores a new hash and revokes every session of the person: whoever knew the old password
 * is signed out everywhere. */
async function replacePassword(
  deps: PasswordDeps,
  tx: Executor,
  actor: Actor,
  member: Member,
  hash: string,
) {
  await deps.users.setPasswordHash(tx, member.userId, hash);
  await deps.sessions.revokeAllForUser(tx, member.userId, toStoredInstant(deps.clock.now()));
  await recordAudit(deps, tx, {
    workspaceId: actor.workspaceId,
    actor,
    action: 'user.password-change',
    entity: 'member',
    entityId: member.id,
  });
}

/**
 * Changes the acting person's password, given the current one. Every session is revoked; when
 * the change came from a browser session, a fresh session is returned to replace it. API tokens
 * stay valid: they are separate credentials, revoked one by one.
 */
export async function changePassword(
  deps: PasswordDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; fromSession: boolean },
): Promise<OpenedSession | null> {
  const ex = deps.runner.executor;
  const member = await requireMember(deps, ex, actor);
  const current = await deps.users.findPasswordHash(ex, member.userId);
  if (!current) {
    throw new DomainError(
      'forbidden',
      'This account has no password yet; set one with `momentum member set-password`.',
    );
  }
  deps.attempts?.assertAllowed(member.email);
  if (!(await deps.passwords.verify(current, input.currentPassword))) {
    deps.attempts?.failed(member.email);
    throw new DomainError('forbidden', 'The current password is wrong.');
  }
  deps.attempts?.succeeded(member.email);
  checkNewPassword(input.newPassword, await contextOf(deps, ex, member));
  const hash = await deps.passwords.hash(input.newPassword);
  return deps.runner.transaction(async (tx) => {
    await replacePassword(deps, tx, actor, member, hash);
    return input.fromSession ? openSession(deps, tx, member, 'session.rotate') : null;
  });
}

/**
 * Sets a member's password without the old one: the local administrator's way (the CLI, which
 * already holds the database), for the owner created by `momentum init` or a forgotten password.
 * An owner may set anyone's password in their workspace; others only their own.
 */
export async function setMemberPassword(
  deps: PasswordDeps,
  actor: Actor,
  input: { memberId: string; password: string },
): Promise<void> {
  const ex = deps.runner.executor;
  if (input.memberId !== actor.memberId && actor.role !== 'owner') {
    throw new DomainError('forbidden', "Only an owner may set another member's password.");
  }
  const member = await deps.members.findById(ex, actor.workspaceId, input.memberId);
  if (!member || member.removedAt) throw notFound('member', input.memberId);
  checkNewPassword(input.password, await contextOf(deps, ex, member));
  const hash = await deps.passwords.hash(input.password);
  await deps.runner.transaction((tx) => replacePassword(deps, tx, actor, member, hash));
}
