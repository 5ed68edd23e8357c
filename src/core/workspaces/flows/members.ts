import { recordAudit } from '../../audit/record.ts';
import type { ApiTokenRepository, SessionRepository } from '../../auth/ports.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, conflict, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import { mayGrantRole, mayRemove } from '../permissions.ts';
import type { MemberRepository, WorkspaceRepository } from '../ports.ts';
import { ROLES, type Actor, type Member, type Role, type Workspace } from '../types.ts';

export function parseRole(value: string): Role {
  const role = value.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw invalid(`Role must be one of ${ROLES.join(', ')}, got "${value}".`);
  }
  return role as Role;
}

/** Everyone in a workspace sees its team (to share deals, to see who is who). */
export function listMembers(
  deps: ReadDeps & { members: MemberRepository },
  actor: Actor,
): Promise<Member[]> {
  return deps.members.listByWorkspace(deps.runner.executor, actor.workspaceId);
}

async function requireLiveMember(
  deps: { members: MemberRepository },
  ex: Executor,
  actor: Actor,
  id: string,
): Promise<Member> {
  const member = await deps.members.findById(ex, actor.workspaceId, id.trim());
  if (!member || member.removedAt) throw notFound('member', id);
  return member;
}

/** Finds a live member of the actor's workspace by id or e-mail address. */
export async function findMemberByRef(
  deps: ReadDeps & { members: MemberRepository },
  actor: Actor,
  ref: string,
): Promise<Member> {
  const ex = deps.runner.executor;
  const byEmail = ref.includes('@')
    ? await deps.members.findByEmail(ex, actor.workspaceId, ref.trim())
    : null;
  if (byEmail && !byEmail.removedAt) return byEmail;
  return requireLiveMember(deps, ex, actor, ref);
}

export interface WhoAmI {
  member: Member;
  workspace: Workspace;
  /** Every workspace the person belongs to, for switching. */
  memberships: { workspace: Workspace; role: Role }[];
}

export async function whoAmI(
  deps: ReadDeps & { members: MemberRepository; workspaces: WorkspaceRepository },
  actor: Actor,
): Promise<WhoAmI> {
  const ex = deps.runner.executor;
  const member = await requireLiveMember(deps, ex, actor, actor.memberId);
  const memberships = [];
  for (const m of await deps.members.listActiveByUser(ex, member.userId)) {
    const workspace = await deps.workspaces.findById(ex, m.workspaceId);
    if (workspace) memberships.push({ workspace, role: m.role });
  }
  const current = memberships.find((m) => m.workspace.id === actor.workspaceId);
  if (!current) throw notFound('workspace', actor.workspaceId);
  return { member, workspace: current.workspace, memberships };
}

/** What changing memberships needs of the workspaces: their lock, nothing else. */
type MembershipLock = Pick<WorkspaceRepository, 'lockMemberships'>;

/**
 * "A workspace always has an owner" is a rule over several rows, which row versions alone do not
 * protect: two owners demoting (or removing) each other at the same instant would each see the
 * other still there. So a change to memberships first takes the workspace's lock, then reads
 * the acting member afresh (their role may have changed since the request was authenticated)
 * and counts owners under that lock.
 */
async function lockedActor(
  deps: { members: MemberRepository; workspaces: MembershipLock },
  tx: Executor,
  actor: Actor,
): Promise<Actor> {
  await deps.workspaces.lockMemberships(tx, actor.workspaceId);
  const me = await deps.members.findById(tx, actor.workspaceId, actor.memberId);
  if (!me || me.removedAt) {
    throw forbidden('You are no longer a member of this workspace.');
  }
  return { ...actor, role: me.role };
}

async function otherOwners(
  deps: { members: MemberRepository },
  ex: Executor,
  workspaceId: string,
  exceptId: string,
) {
  return (await deps.members.listByWorkspace(ex, workspaceId)).filter(
    (m) => m.role === 'owner' && !m.removedAt && m.id !== exceptId,
  ).length;
}

const NEEDS_OWNER = 'A workspace needs an owner: make someone else owner first.';

export type RemoveMemberDeps = WriteDeps & {
  workspaces: MembershipLock;
  members: MemberRepository;
  sessions: Pick<SessionRepository, 'revokeAllForUser'>;
  apiTokens: Pick<ApiTokenRepository, 'revokeAllForMember'>;
};

/**
 * Removes a member from the workspace. Their API tokens and their sessions are revoked in the
 * same transaction, so nothing they held keeps working. Their deals stay, for a manager to
 * hand over. (Sessions belong to the person, so one in several workspaces signs in again.)
 */
export async function removeMember(
  deps: RemoveMemberDeps,
  actor: Actor,
  id: string,
): Promise<Member> {
  return deps.runner.transaction(async (tx) => {
    const me = await lockedActor(deps, tx, actor);
    const target = await requireLiveMember(deps, tx, me, id);
    if (target.id === me.memberId) {
      throw forbidden('You cannot remove yourself; ask another owner.');
    }
    if (!mayRemove(me, target.role)) {
      throw forbidden(`A ${me.role} may not remove a ${target.role}.`);
    }
    if (target.role === 'owner' && (await otherOwners(deps, tx, me.workspaceId, target.id)) === 0) {
      throw conflict(NEEDS_OWNER);
    }
    const now = toStoredInstant(deps.clock.now());
    if (!(await deps.members.markRemoved(tx, actor.workspaceId, target.id, now))) {
      throw notFound('member', id);
    }
    const tokens = await deps.apiTokens.revokeAllForMember(tx, target.id, now);
    const sessions = await deps.sessions.revokeAllForUser(tx, target.userId, now);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'member.remove',
      entity: 'member',
      entityId: target.id,
      before: { email: target.email, role: target.role },
      after: { removedAt: now, revokedTokens: tokens, revokedSessions: sessions },
    });
    return { ...target, removedAt: now };
  });
}

/** Changes a member's role (owners only), at the version the caller read. */
export async function changeMemberRole(
  deps: WriteDeps & { members: MemberRepository; workspaces: MembershipLock },
  actor: Actor,
  id: string,
  input: { role: Role; expectedVersion: number },
): Promise<Member> {
  if (actor.role !== 'owner') throw forbidden("Only owners may change a member's role.");
  return deps.runner.transaction(async (tx) => {
    const me = await lockedActor(deps, tx, actor);
    if (me.role !== 'owner') throw forbidden("Only owners may change a member's role.");
    const target = await requireLiveMember(deps, tx, me, id);
    if (!mayGrantRole(me, input.role)) throw forbidden(`You may not grant ${input.role}.`);
    if (
      target.role === 'owner' &&
      input.role !== 'owner' &&
      (await otherOwners(deps, tx, me.workspaceId, target.id)) === 0
    ) {
      throw conflict(NEEDS_OWNER);
    }
    const updated = await deps.members.update(
      tx,
      actor.workspaceId,
      target.id,
      input.expectedVersion,
      { role: input.role },
    );
    if (!updated) {
      throw new DomainError(
        'version-conflict',
        `The member ${target.id} changed since version ${input.expectedVersion}; reload and try again.`,
        { id: target.id, expectedVersion: input.expectedVersion },
      );
    }
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'member.role',
      entity: 'member',
      entityId: target.id,
      before: { role: target.role, version: target.version },
      after: { role: input.role, version: input.expectedVersion + 1 },
    });
    return { ...target, role: input.role, version: input.expectedVersion + 1 };
  });
}
