/*
 * Who may remove or promote whom, and what a removal takes away, on in-memory fakes
 * (test/support/fakes.ts): no database, so no dialect loop. What the SQL must get right (the
 * workspace's row lock when two owners act at once, a removed member's token refused at the
 * door) stays in test/http/concurrency.test.ts and test/http/members-audit.test.ts, on both
 * dialects.
 */
import { describe, expect, it } from 'vitest';
import { changeMemberRole, removeMember } from '../../src/core/workspaces/flows/members.ts';
import { ROLES, type Role } from '../../src/core/workspaces/types.ts';
import { fakeWorld } from '../support/fakes.ts';

const NOW = '2026-11-24T15:00:00Z';

/** The code of the domain error a use case failed with, or 'ok'. */
async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('removing a member', () => {
  it('marks them removed, revokes their tokens and their sessions, and says so in the audit log', async () => {
    const world = fakeWorld(NOW);
    const owner = world.addMember({ role: 'owner' });
    const rep = world.addMember({ role: 'rep' });
    world.credentials.tokensOf.set(rep.member.id, 2);
    world.credentials.sessionsOf.set(rep.member.userId, 3);
    world.credentials.tokensOf.set(owner.member.id, 1);

    const removed = await removeMember(world.deps, owner.actor, rep.member.id);

    expect(removed.removedAt).toBe('2026-11-24T15:00:00.000Z');
    expect(world.deps.members.all.get(rep.member.id)!.removedAt).toBe(removed.removedAt);
    expect(world.credentials.tokensOf.has(rep.member.id)).toBe(false);
    expect(world.credentials.sessionsOf.has(rep.member.userId)).toBe(false);
    // Nobody else's.
    expect(world.credentials.tokensOf.get(owner.member.id)).toBe(1);
    expect(world.audit.entries).toEqual([
      expect.objectContaining({
        action: 'member.remove',
        entityId: rep.member.id,
        actorId: owner.member.id,
        before: { email: rep.member.email, role: 'rep' },
        after: { removedAt: removed.removedAt, revokedTokens: 2, revokedSessions: 3 },
      }),
    ]);
    expect(world.lock.taken).toBe(1);
  });

  it('lets an owner remove anyone but themselves, a manager only reps, a rep nobody', async () => {
    const table: Record<string, string> = {};
    for (const actorRole of ROLES) {
      for (const targetRole of ROLES) {
        const world = fakeWorld(NOW);
        const actor = world.addMember({ role: actorRole });
        // A second owner, so that removing an owner is a question of rights, not of the last one.
        world.addMember({ role: 'owner' });
        const target = world.addMember({ role: targetRole });
        table[`${actorRole} removes ${targetRole}`] = await outcome(
          removeMember(world.deps, actor.actor, target.member.id),
        );
      }
    }
    expect(table).toEqual({
      'owner removes owner': 'ok',
      'owner removes manager': 'ok',
      'owner removes rep': 'ok',
      'manager removes owner': 'forbidden',
      'manager removes manager': 'forbidden',
      'manager removes rep': 'ok',
      'rep removes owner': 'forbidden',
      'rep removes manager': 'forbidden',
      'rep removes rep': 'forbidden',
    });
  });

  it('refuses to remove oneself, or a member already gone, and changes nothing', async () => {
    const world = fakeWorld(NOW);
    const owner = world.addMember({ role: 'owner' });
    const gone = world.addMember({ role: 'rep', removedAt: '2026-11-01T00:00:00.000Z' });
    expect(await outcome(removeMember(world.deps, owner.actor, owner.member.id))).toBe('forbidden');
    expect(await outcome(removeMember(world.deps, owner.actor, gone.member.id))).toBe('not-found');
    expect(world.deps.members.all.get(owner.member.id)!.removedAt).toBeNull();
    expect(world.audit.entries).toEqual([]);
  });

  it('acts with the role the member has now, not the one their credential was read with', async () => {
    const world = fakeWorld(NOW);
    world.addMember({ role: 'owner' });
    const demoted = world.addMember({ role: 'owner' });
    const rep = world.addMember({ role: 'rep' });
    // Demoted to rep since their request was authenticated as an owner.
    world.deps.members.all.get(demoted.member.id)!.role = 'rep';
    expect(await outcome(removeMember(world.deps, demoted.actor, rep.member.id))).toBe('forbidden');
    // Removed meanwhile: they act no more.
    world.deps.members.all.get(demoted.member.id)!.removedAt = '2026-11-24T14:00:00.000Z';
    expect(await outcome(removeMember(world.deps, demoted.actor, rep.member.id))).toBe('forbidden');
    expect(world.deps.members.all.get(rep.member.id)!.removedAt).toBeNull();
  });
});

describe('the last owner', () => {
  it('cannot step down until someone else is owner', async () => {
    const world = fakeWorld(NOW);
    const first = world.addMember({ role: 'owner' });
    const second = world.addMember({ role: 'owner' });
    const setRole = (who: typeof first, role: Role, expectedVersion: number) =>
      changeMemberRole(world.deps, first.actor, who.member.id, { role, expectedVersion });

    // Two owners: one may make the other a manager; then the one left is the last.
    await setRole(second, 'manager', 1);
    expect(await outcome(setRole(first, 'manager', 1))).toBe('conflict');
    expect(world.deps.members.all.get(first.member.id)!.role).toBe('owner');

    // Someone else is owner again: now the first may step down.
    await setRole(second, 'owner', 2);
    expect(await outcome(setRole(first, 'manager', 1))).toBe('ok');
    expect(world.audit.entries.map((e) => [e.entityId, (e.after as { role: Role }).role])).toEqual([
      [second.member.id, 'manager'],
      [second.member.id, 'owner'],
      [first.member.id, 'manager'],
    ]);
  });
});

describe('changing a role', () => {
  it('applies at the version the caller read, and records before and after', async () => {
    const world = fakeWorld(NOW);
    const owner = world.addMember({ role: 'owner' });
    const rep = world.addMember({ role: 'rep' });
    const promoted = await changeMemberRole(world.deps, owner.actor, rep.member.id, {
      role: 'manager',
      expectedVersion: 1,
    });
    expect(promoted).toMatchObject({ role: 'manager', version: 2 });
    expect(world.audit.entries.at(-1)).toMatchObject({
      action: 'member.role',
      before: { role: 'rep', version: 1 },
      after: { role: 'manager', version: 2 },
    });
    // A second change from the same (now stale) read is refused, and nothing moves.
    expect(
      await outcome(
        changeMemberRole(world.deps, owner.actor, rep.member.id, {
          role: 'owner',
          expectedVersion: 1,
        }),
      ),
    ).toBe('version-conflict');
    expect(world.deps.members.all.get(rep.member.id)).toMatchObject({
      role: 'manager',
      version: 2,
    });
    expect(world.audit.entries).toHaveLength(1);
  });

  it('is for owners only', async () => {
    const world = fakeWorld(NOW);
    world.addMember({ role: 'owner' });
    const manager = world.addMember({ role: 'manager' });
    const rep = world.addMember({ role: 'rep' });
    expect(
      await outcome(
        changeMemberRole(world.deps, manager.actor, rep.member.id, {
          role: 'manager',
          expectedVersion: 1,
        }),
      ),
    ).toBe('forbidden');
    expect(world.deps.members.all.get(rep.member.id)!.role).toBe('rep');
  });
});
