import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import type { SecretGenerator, Session, SessionRepository } from '../ports.ts';

/** A session ends 30 days after sign-in at the latest, and after 7 days without use. */
export const SESSION_MAX_HOURS = 30 * 24;
export const SESSION_IDLE_HOURS = 7 * 24;
/** last_seen_at is advisory; writing it once a minute keeps every request from writing. */
/** How often a session's "last seen" is written, at most (a cached session lives no longer). */
export const TOUCH_EVERY_MS = 60_000;

export const SESSION_TOKEN_PREFIX = 'mss';

export type SessionDeps = WriteDeps & { sessions: SessionRepository; secrets: SecretGenerator };

export interface OpenedSession {
  session: Session;
  /** The cookie value; only its hash is stored. */
  secret: string;
}

/** Starts a session for the person behind `member`, inside the caller's transaction. */
export async function openSession(
  deps: SessionDeps,
  tx: Executor,
  member: Member,
  action: 'session.sign-in' | 'session.sign-up' | 'session.rotate' = 'session.sign-in',
): Promise<OpenedSession> {
  const now = deps.clock.now();
  const secret = deps.secrets.newToken(SESSION_TOKEN_PREFIX);
  const session: Session = {
    id: deps.ids('session'),
    userId: member.userId,
    csrfToken: deps.secrets.newToken('csrf'),
    createdAt: toStoredInstant(now),
    expiresAt: toStoredInstant(now.add({ hours: SESSION_MAX_HOURS })),
    lastSeenAt: toStoredInstant(now),
    revokedAt: null,
  };
  await deps.sessions.insert(tx, session, deps.secrets.hashToken(secret));
  await recordAudit(deps, tx, {
    workspaceId: member.workspaceId,
    actorId: member.id,
    credentialId: session.id,
    action,
    entity: 'session',
    entityId: session.id,
  });
  return { session, secret };
}

export interface SessionIdentity {
  actor: Actor;
  session: Session;
}

/**
 * Resolves a session cookie to who is acting. A person in several workspaces acts in the one
 * they ask for (when they are a member of it) or else in the one they joined first. Unknown,
 * revoked, expired or idle sessions, and people with no live membership, resolve to null.
 */
export async function resolveSession(
  deps: ReadDeps & {
    sessions: SessionRepository;
    members: MemberRepository;
    secrets: SecretGenerator;
  },
  secret: string,
  workspaceId?: string,
): Promise<SessionIdentity | null> {
  const ex = deps.runner.executor;
  const now = deps.clock.now();
  const session = await deps.sessions.findLiveByHash(
    ex,
    deps.secrets.hashToken(secret),
    toStoredInstant(now),
  );
  if (!session) return null;
  const lastSeen = Temporal.Instant.from(session.lastSeenAt);
  if (Temporal.Instant.compare(lastSeen.add({ hours: SESSION_IDLE_HOURS }), now) <= 0) return null;
  const memberships = await deps.members.listActiveByUser(ex, session.userId);
  const member = workspaceId
    ? memberships.find((m) => m.workspaceId === workspaceId)
    : memberships[0];
  if (!member) return null;
  if (now.epochMilliseconds - lastSeen.epochMilliseconds >= TOUCH_EVERY_MS) {
    // Bookkeeping: a full disk must not sign everyone out of reading.
    await deps.sessions.touch(ex, session.id, toStoredInstant(now)).catch(() => {});
  }
  return {
    actor: {
      memberId: member.id,
      workspaceId: member.workspaceId,
      role: member.role,
      credentialId: session.id,
    },
    session,
  };
}

/** Signs out: the session is revoked on the server, so a copied cookie is worthless. */
export async function endSession(deps: SessionDeps, actor: Actor, sessionId: string) {
  await deps.runner.transaction(async (tx) => {
    const revoked = await deps.sessions.revoke(tx, sessionId, toStoredInstant(deps.clock.now()));
    if (!revoked) return;
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'session.sign-out',
      entity: 'session',
      entityId: sessionId,
    });
  });
}
