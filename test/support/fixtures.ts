import type { AppContext } from '../../src/app/context.ts';
import { initWorkspace } from '../../src/core/workspaces/flows/init-workspace.ts';
import type { Actor, Member, Role } from '../../src/core/workspaces/types.ts';
import { DEFAULT_MARCH_FLOOR, defaultCeiling } from '../../src/core/workspaces/types.ts';
import { toStoredInstant } from '../../src/core/time/dates.ts';

export function actorOf(member: Member): Actor {
  return { memberId: member.id, workspaceId: member.workspaceId, role: member.role };
}

/** A workspace with its owner, as `momentum init` makes it. */
export async function seedWorkspace(
  ctx: AppContext,
  name = 'Acme Sales',
  email = 'owner@example.com',
) {
  const { workspace, owner } = await initWorkspace(ctx, {
    workspace: name,
    name: 'Olivia Owner',
    email,
    timeZone: 'America/New_York',
    region: 'US',
  });
  return { workspace, owner, actor: actorOf(owner) };
}

/** Adds a member straight through the repositories (invitations come with sign-in). */
export async function seedMember(
  ctx: AppContext,
  workspaceId: string,
  email: string,
  role: Role,
  timeZone = 'Europe/Berlin',
  region = 'DE',
) {
  return ctx.runner.transaction(async (tx) => {
    const now = toStoredInstant(ctx.clock.now());
    let user = await ctx.users.findByEmail(tx, email);
    if (!user) {
      user = { id: ctx.ids('user'), email, name: email.split('@')[0]!, createdAt: now, version: 1 };
      await ctx.users.insert(tx, user, null);
    }
    const member: Member = {
      id: ctx.ids('member'),
      workspaceId,
      userId: user.id,
      email,
      name: user.name,
      role,
      timeZone,
      region,
      weekend: ['sat', 'sun'],
      daysOff: [],
      leadDays: 1,
      marchFloor: DEFAULT_MARCH_FLOOR,
      marchCeiling: defaultCeiling(DEFAULT_MARCH_FLOOR),
      createdAt: now,
      removedAt: null,
      version: 1,
    };
    await ctx.members.insert(tx, member);
    return { member, actor: actorOf(member) };
  });
}
