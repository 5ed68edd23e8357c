import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../../audit/record.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import { findMemberByRef } from '../../workspaces/flows/members.ts';
import { mayRemove, requireTeamLead } from '../../workspaces/permissions.ts';
import type {
  MemberRepository,
  UserRepository,
  WorkspaceRepository,
} from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import { normaliseEmail } from '../../workspaces/validation.ts';
import { checkNewPassword } from '../password-policy.ts';
import type { PasswordHasher, PasswordReset, PasswordResetRepository } from '../ports.ts';
import { openSession, type SessionDeps } from './sessions.ts';
import type { SignedIn } from './sign-in.ts';

/** A reset link is good for an hour, once. */
export const PASSWORD_RESET_MINUTES = 60;
export const PASSWORD_RESET_TOKEN_PREFIX = 'mpr';
/** One answer for every bad link, whatever is wrong with it: unknown, used or expired. */
export const RESET_LINK_INVALID = 'This password reset link is invalid or has expired.';

export type PasswordResetDeps = SessionDeps & {
  users: UserRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  passwords: PasswordHasher;
  passwordResets: PasswordResetRepository;
};

export interface IssuedReset {
  reset: PasswordReset;
  /** The secret for the link; only its hash is stored. */
  token: string;
  member: Member;
}

/** Creates a reset for the person behind `member`, ending their older unused ones. */
async function issue(
  deps: PasswordResetDeps,
  tx: Executor,
  member: Member,
  audit: { actorId: string | null } | { actor: Actor },
): Promise<IssuedReset> {
  const now = deps.clock.now();
  const token = deps.secrets.newToken(PASSWORD_RESET_TOKEN_PREFIX);
  const reset: PasswordReset = {
    id: deps.ids('passwordReset'),
    userId: member.userId,
    createdAt: toStoredInstant(now),
    expiresAt: toStoredInstant(now.add({ minutes: PASSWORD_RESET_MINUTES })),
    usedAt: null,
  };
  await deps.passwordResets.endUnusedForUser(tx, member.userId, reset.createdAt);
  await deps.passwordResets.insert(tx, reset, deps.secrets.hashToken(token));
  await recordAudit(deps, tx, {
    ...audit,
    workspaceId: member.workspaceId,
    action: 'user.password-reset-request',
    entity: 'member',
    entityId: member.id,
  });
  return { reset, token, member };
}

/**
 * Someone who forgot their password asks for a reset link by e-mail address. Returns the
 * reset to e-mail, or null when no live account has that address; the caller answers the same
 * either way, so the answer reveals nothing about who has an account. Never show the token of
 * a self-service request to the requester: only the mailbox may see it.
 */
export async function requestPasswordReset(
  deps: PasswordResetDeps,
  input: { email: string },
): Promise<IssuedReset | null> {
  const email = normaliseEmail(input.email);
  const ex = deps.runner.executor;
  const user = await deps.users.findByEmail(ex, email);
  const [member] = user ? await deps.members.listActiveByUser(ex, user.id) : [];
  if (!member) return null;
  return deps.runner.transaction((tx) => issue(deps, tx, member, { actorId: null }));
}

/**
 * An owner or manager makes a reset link for a member of their workspace, to pass on by hand
 * when e-mail is not set up. A manager may do it for reps only (as for removing them). The
 * password is the person's in every workspace, so a link for someone who is also a member
 * elsewhere would let this workspace take over that one: refused, unless `operator` (the CLI,
 * which already holds the whole database).
 */
export async function createPasswordResetFor(
  deps: PasswordResetDeps,
  actor: Actor,
  input: { member: string; operator?: boolean },
): Promise<IssuedReset> {
  requireTeamLead(actor, "reset members' passwords");
  const ex = deps.runner.executor;
  const member = await findMemberByRef(deps, actor, input.member);
  if (member.id !== actor.memberId && !mayRemove(actor, member.role)) {
    throw forbidden(`A ${actor.role} may not reset an ${member.role}'s password.`);
  }
  if (!input.operator) {
    const elsewhere = (await deps.members.listActiveByUser(ex, member.userId)).some(
      (m) => m.workspaceId !== actor.workspaceId,
    );
    if (elsewhere) {
      throw forbidden(
        `${member.email} is also a member of another workspace; they can ask for a reset link by e-mail themselves.`,
      );
    }
  }
  return deps.runner.transaction((tx) => issue(deps, tx, member, { actor }));
}

/**
 * Sets a new password with a reset token. The token works once and until it expires; every
 * session of the person is revoked and a fresh one is opened for the browser that reset it.
 */
export async function confirmPasswordReset(
  deps: PasswordResetDeps,
  input: { token: string; password: string },
): Promise<SignedIn> {
  const ex = deps.runner.executor;
  const invalid = () => new DomainError('validation', RESET_LINK_INVALID);
  const reset = await deps.passwordResets.findByHash(ex, deps.secrets.hashToken(input.token));
  const now = deps.clock.now();
  if (
    !reset ||
    reset.usedAt ||
    Temporal.Instant.compare(Temporal.Instant.from(reset.expiresAt), now) <= 0
  ) {
    throw invalid();
  }
  const [member] = await deps.members.listActiveByUser(ex, reset.userId);
  if (!member) throw invalid();
  const workspace = await deps.workspaces.findById(ex, member.workspaceId);
  checkNewPassword(input.password, {
    email: member.email,
    name: member.name,
    workspace: workspace?.name ?? '',
  });
  const hash = await deps.passwords.hash(input.password);
  return deps.runner.transaction(async (tx) => {
    const at = toStoredInstant(deps.clock.now());
    if (!(await deps.passwordResets.markUsed(tx, reset.id, at))) throw invalid();
    await deps.users.setPasswordHash(tx, reset.userId, hash);
    await deps.sessions.revokeAllForUser(tx, reset.userId, at);
    await deps.passwordResets.endUnusedForUser(tx, reset.userId, at);
    await recordAudit(deps, tx, {
      workspaceId: member.workspaceId,
      actorId: member.id,
      action: 'user.password-reset',
      entity: 'member',
      entityId: member.id,
    });
    const opened = await openSession(deps, tx, member);
    return { ...opened, member };
  });
}
