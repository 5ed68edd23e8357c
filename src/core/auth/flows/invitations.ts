import { recordAudit } from '../../audit/record.ts';
import { checkNewPassword } from '../password-policy.ts';
import type {
  Invitation,
  InvitationRepository,
  PasswordAttempts,
  PasswordHasher,
  SecretGenerator,
} from '../ports.ts';
import { accountExists, proveAccount } from '../prove-account.ts';
import { openSession, type SessionDeps } from './sessions.ts';
import type { SignedIn } from './sign-in.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, conflict, forbidden, notFound } from '../../kernel/errors.ts';
import { mayGrantRole, requireTeamLead } from '../../workspaces/permissions.ts';
import type {
  MemberRepository,
  UserRepository,
  WorkspaceRepository,
} from '../../workspaces/ports.ts';
import { newMember, type Actor, type Role } from '../../workspaces/types.ts';
import { assertTimeZone, normalizeRegion, parseWeekend } from '../../calendar/index.ts';
import { normaliseEmail, requireName } from '../../workspaces/validation.ts';

/** An invitation is good for a week; after that an owner or manager sends a new one. */
export const INVITATION_DAYS = 7;
export const INVITATION_TOKEN_PREFIX = 'inv';

type InviteDeps = WriteDeps & {
  invitations: InvitationRepository;
  members: MemberRepository;
  secrets: SecretGenerator;
};

/** Invites someone by e-mail with a role. The token is returned once, to be passed on to them;
 * inviting the same address again replaces the earlier invitation. */
export async function inviteMember(
  deps: InviteDeps,
  actor: Actor,
  input: { email: string; role: Role },
): Promise<{ invitation: Invitation; token: string }> {
  requireTeamLead(actor, 'invite members');
  if (!mayGrantRole(actor, input.role)) {
    throw forbidden(`A ${actor.role} may not invite an ${input.role}.`);
  }
  const email = normaliseEmail(input.email);
  const token = deps.secrets.newToken(INVITATION_TOKEN_PREFIX);
  const now = deps.clock.now();
  const invitation: Invitation = {
    id: deps.ids('invitation'),
    workspaceId: actor.workspaceId,
    email,
    role: input.role,
    invitedBy: actor.memberId,
    createdAt: toStoredInstant(now),
    expiresAt: toStoredInstant(now.add({ hours: INVITATION_DAYS * 24 })),
    acceptedAt: null,
    revokedAt: null,
  };
  await deps.runner.transaction(async (tx) => {
    const existing = await deps.members.findByEmail(tx, actor.workspaceId, email);
    if (existing && !existing.removedAt) throw conflict(`${email} is already a member.`);
    await deps.invitations.revokePendingForEmail(
      tx,
      actor.workspaceId,
      email,
      invitation.createdAt,
    );
    await deps.invitations.insert(tx, invitation, deps.secrets.hashToken(token));
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'invitation.create',
      entity: 'invitation',
      entityId: invitation.id,
      after: { email, role: input.role, expiresAt: invitation.expiresAt },
    });
  });
  return { invitation, token };
}

export function listInvitations(
  deps: ReadDeps & { invitations: InvitationRepository },
  actor: Actor,
): Promise<Invitation[]> {
  requireTeamLead(actor, 'see invitations');
  return deps.invitations.listPending(
    deps.runner.executor,
    actor.workspaceId,
    toStoredInstant(deps.clock.now()),
  );
}

export async function revokeInvitation(
  deps: WriteDeps & { invitations: InvitationRepository },
  actor: Actor,
  id: string,
): Promise<void> {
  requireTeamLead(actor, 'revoke invitations');
  await deps.runner.transaction(async (tx) => {
    const at = toStoredInstant(deps.clock.now());
    if (!(await deps.invitations.revoke(tx, actor.workspaceId, id, at))) {
      throw notFound('pending invitation', id);
    }
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'invitation.revoke',
      entity: 'invitation',
      entityId: id,
    });
  });
}

export type AcceptDeps = SessionDeps & {
  invitations: InvitationRepository;
  users: UserRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  passwords: PasswordHasher;
  attempts?: PasswordAttempts;
};

export interface AcceptInput {
  token: string;
  name: string;
  password: string;
  timeZone: string;
  region: string;
  weekend?: string;
}

const UNUSABLE = 'This invitation is unknown, already used, revoked or expired; ask for a new one.';

/**
 * Joins a workspace with an invitation's token and starts a session. A newcomer (an address
 * with no account) sets their password here. An address that already has an account joins
 * only with that account's password, so an invitation can never take over an account; an
 * account with no password yet (made by `momentum init`) gets one first from someone who
 * controls it (`momentum member set-password` on the server).
 */
export async function acceptInvitation(deps: AcceptDeps, input: AcceptInput): Promise<SignedIn> {
  const ex = deps.runner.executor;
  const now = toStoredInstant(deps.clock.now());
  const invitation = await deps.invitations.findByHash(ex, deps.secrets.hashToken(input.token));
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) {
    throw new DomainError('not-found', UNUSABLE);
  }
  const name = requireName(input.name, 'Name');
  const timeZone = assertTimeZone(input.timeZone);
  const region = normalizeRegion(input.region);
  const weekend = parseWeekend(input.weekend ?? 'sat,sun');
  // An address that already has an account joins only with that account's password: an
  // invitation never sets or replaces a password (its token is in the inviter's hands too).
  const proven = await proveAccount(deps, invitation.email, input.password, {
    how: "enter that account's password to join",
    code: 'unauthenticated',
  });
  let newHash: string | null = null;
  if (!proven) {
    const workspace = await deps.workspaces.findById(ex, invitation.workspaceId);
    checkNewPassword(input.password, {
      email: invitation.email,
      name,
      workspace: workspace?.name ?? '',
    });
    newHash = await deps.passwords.hash(input.password);
  }

  return deps.runner.transaction(async (tx) => {
    if (!(await deps.invitations.markAccepted(tx, invitation.id, now))) {
      throw new DomainError('not-found', UNUSABLE);
    }
    let user = await deps.users.findByEmail(tx, invitation.email);
    if (!user && newHash) {
      user = { id: deps.ids('user'), email: invitation.email, name, createdAt: now, version: 1 };
      await deps.users.insert(tx, user, newHash);
    } else if (!user || user.id !== proven?.id) {
      // The account appeared (or went) between the check and now: never set its password.
      throw accountExists(
        invitation.email,
        "enter that account's password to join",
        'unauthenticated',
      );
    }
    let member = await deps.members.findByEmail(tx, invitation.workspaceId, invitation.email);
    if (member && !member.removedAt) throw conflict(`${invitation.email} is already a member.`);
    if (member) {
      await deps.members.restore(tx, invitation.workspaceId, member.id, invitation.role);
      member = { ...member, role: invitation.role, removedAt: null, version: member.version + 1 };
    } else {
      member = newMember({
        id: deps.ids('member'),
        workspaceId: invitation.workspaceId,
        userId: user.id,
        email: user.email,
        name: user.name,
        role: invitation.role,
        timeZone,
        region,
        weekend,
        createdAt: now,
      });
      await deps.members.insert(tx, member);
    }
    await recordAudit(deps, tx, {
      workspaceId: invitation.workspaceId,
      actorId: member.id,
      action: 'invitation.accept',
      entity: 'member',
      entityId: member.id,
      after: { invitationId: invitation.id, email: member.email, role: member.role },
    });
    const opened = await openSession(deps, tx, member);
    return { ...opened, member };
  });
}
