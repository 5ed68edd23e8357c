/*
 * In-memory fakes for the ports of use cases whose rules a database adds nothing to (the march's
 * streak and bands, business days, who may remove or promote whom). A suite built on them runs in
 * milliseconds and needs no dialect loop; what the SQL itself must get right (local days across
 * UTC midnight, indexes, visibility joins) stays in the integration suites beside them.
 *
 *   const world = fakeWorld('2026-11-24T15:00:00Z');     // clock, ids, runner, repositories
 *   const rep = world.addMember({ role: 'rep', timeZone: 'America/New_York' });
 *   world.touch(rep, '2026-11-23T14:00:00Z');
 *   await getMarch(world.deps, rep.actor);
 */
import type { ApiTokenRepository, SessionRepository } from '../../src/core/auth/ports.ts';
import type { AuditEntry, AuditRepository } from '../../src/core/kernel/audit-log.ts';
import type { Clock } from '../../src/core/kernel/clock.ts';
import { fixedClock, sequentialIds } from './clock.ts';
import type { IdGenerator } from '../../src/core/kernel/ids.ts';
import type { Executor, TransactionRunner } from '../../src/core/kernel/transactions.ts';
import type { TouchRepository } from '../../src/core/touches/ports.ts';
import type { MemberRepository, WorkspaceRepository } from '../../src/core/workspaces/ports.ts';
import type { Actor, Member } from '../../src/core/workspaces/types.ts';

/** An executor that is only ever handed back to the fakes, which ignore it. */
const FAKE_EXECUTOR = Object.freeze({}) as Executor;

/** Runs `fn` at once: the fakes apply each change as it is made, so there is nothing to roll
 * back, and use cases that only read never notice. */
export function fakeRunner(): TransactionRunner {
  return { executor: FAKE_EXECUTOR, transaction: (fn) => fn(FAKE_EXECUTOR) };
}

/** Members kept in a Map by id, with the repository's semantics (versions, removal). */
export function fakeMembers(): MemberRepository & { all: Map<string, Member> } {
  const all = new Map<string, Member>();
  const live = (m: Member | undefined, workspaceId: string) =>
    m && m.workspaceId === workspaceId ? structuredClone(m) : null;
  return {
    all,
    async insert(_ex, member) {
      all.set(member.id, structuredClone(member));
    },
    async findById(_ex, workspaceId, id) {
      return live(all.get(id), workspaceId);
    },
    async findByEmail(_ex, workspaceId, email) {
      return live(
        [...all.values()].find((m) => m.workspaceId === workspaceId && m.email === email),
        workspaceId,
      );
    },
    async listByWorkspace(_ex, workspaceId) {
      return [...all.values()]
        .filter((m) => m.workspaceId === workspaceId && m.removedAt === null)
        .map((m) => structuredClone(m));
    },
    async update(_ex, workspaceId, id, expectedVersion, patch) {
      const m = all.get(id);
      if (!m || m.workspaceId !== workspaceId || m.version !== expectedVersion) return false;
      all.set(id, { ...m, ...patch, version: m.version + 1 });
      return true;
    },
    async replaceDaysOff(_ex, memberId, days) {
      const m = all.get(memberId);
      if (m) m.daysOff = [...days].sort();
    },
    async listActiveByUser(_ex, userId) {
      return [...all.values()]
        .filter((m) => m.userId === userId && m.removedAt === null)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((m) => structuredClone(m));
    },
    async markRemoved(_ex, workspaceId, id, at) {
      const m = all.get(id);
      if (!m || m.workspaceId !== workspaceId || m.removedAt !== null) return false;
      m.removedAt = at;
      return true;
    },
    async restore(_ex, workspaceId, id, role) {
      const m = all.get(id);
      if (m && m.workspaceId === workspaceId) Object.assign(m, { removedAt: null, role });
    },
  };
}

/** The audit log as a list, oldest first. */
export function fakeAudit(): AuditRepository & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(_ex, entry) {
      entries.push(structuredClone(entry));
    },
    async recordMany(_ex, many) {
      for (const entry of many) entries.push(structuredClone(entry));
    },
    async list(_ex, workspaceId, { limit, entityId }) {
      return entries
        .filter((e) => e.workspaceId === workspaceId && (!entityId || e.entityId === entityId))
        .reverse()
        .slice(0, limit);
    },
  };
}

/** The membership lock: one process and transactions run at once, so nothing to wait for; it
 * counts how often it was taken (a change to memberships must take it first). */
export function fakeMembershipLock(): Pick<WorkspaceRepository, 'lockMemberships'> & {
  taken: number;
} {
  const lock = {
    taken: 0,
    async lockMemberships() {
      lock.taken++;
    },
  };
  return lock;
}

/** Live API tokens per member and sessions per person, counted: what a removal revokes. */
export function fakeCredentials() {
  const tokensOf = new Map<string, number>();
  const sessionsOf = new Map<string, number>();
  const revoke = (live: Map<string, number>, key: string) => {
    const n = live.get(key) ?? 0;
    live.delete(key);
    return n;
  };
  return {
    /** Live tokens by member id. */
    tokensOf,
    /** Live sessions by user id. */
    sessionsOf,
    apiTokens: {
      async revokeAllForMember(_ex, memberId) {
        return revoke(tokensOf, memberId);
      },
    } satisfies Pick<ApiTokenRepository, 'revokeAllForMember'>,
    sessions: {
      async revokeAllForUser(_ex, userId) {
        return revoke(sessionsOf, userId);
      },
    } satisfies Pick<SessionRepository, 'revokeAllForUser'>,
  };
}

/** The touch reads the march makes, over a list of (member, instant) pairs. */
export function fakeTouches(): Pick<TouchRepository, 'instantsForMember' | 'countForMember'> & {
  add(memberId: string, at: string): void;
} {
  const touches: { memberId: string; at: string }[] = [];
  const inRange = (memberId: string, from: string, to: string) =>
    touches.filter((t) => t.memberId === memberId && t.at >= from && t.at < to);
  return {
    add(memberId, at) {
      touches.push({ memberId, at: new Date(at).toISOString() });
    },
    async instantsForMember(_ex, memberId, from, to) {
      return inRange(memberId, from, to)
        .map((t) => t.at)
        .sort();
    },
    async countForMember(_ex, memberId, from, to) {
      return inRange(memberId, from, to).length;
    },
  };
}

export interface FakeMember {
  member: Member;
  actor: Actor;
}

/** A clock, ids, a runner and the fake repositories, with helpers to fill them. */
export function fakeWorld(now: string) {
  const clock: Clock & { set(iso: string): void; advance(ms: number): void } = fixedClock(now);
  const ids: IdGenerator = sequentialIds();
  const members = fakeMembers();
  const touches = fakeTouches();
  const audit = fakeAudit();
  const lock = fakeMembershipLock();
  const credentials = fakeCredentials();
  const workspaceId = ids('workspace');
  const deps = {
    runner: fakeRunner(),
    clock,
    ids,
    members,
    touches,
    audit,
    workspaces: lock,
    apiTokens: credentials.apiTokens,
    sessions: credentials.sessions,
  };
  return {
    deps,
    clock,
    workspaceId,
    audit,
    lock,
    credentials,
    /** A member of the workspace, joined on `createdAt` (default: a year before now). */
    addMember(overrides: Partial<Member> = {}): FakeMember {
      const id = ids('member');
      const member: Member = {
        id,
        workspaceId,
        userId: ids('user'),
        email: `${id}@example.com`,
        name: `Member ${id}`,
        role: 'rep',
        timeZone: 'America/New_York',
        region: 'US',
        weekend: ['sat', 'sun'],
        daysOff: [],
        leadDays: 1,
        marchFloor: 3,
        marchCeiling: 4,
        createdAt: new Date(Date.parse(now) - 365 * 86_400_000).toISOString(),
        removedAt: null,
        version: 1,
        ...overrides,
      };
      members.all.set(id, member);
      return { member, actor: { memberId: id, workspaceId, role: member.role } };
    },
    touch(who: FakeMember, at: string) {
      touches.add(who.member.id, at);
    },
  };
}
