import type { AppContext } from '../../src/app/context.ts';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
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

/** The e-mail-in suites' workspace: Alice, a rep in New York, with the Acme rollout deal, and
 * Sarah at sarah.chen@acme.example as Acme's contact. */
export async function seedMailWorld(ctx: AppContext) {
  const seeded = await seedWorkspace(ctx);
  const workspaceId = seeded.workspace.id;
  const alice = (
    await seedMember(ctx, workspaceId, 'alice@northwind.example', 'rep', 'America/New_York', 'US')
  ).actor;
  await addAccount(ctx, seeded.actor, { name: 'Acme' });
  await addContact(ctx, seeded.actor, {
    account: 'Acme',
    name: 'Sarah',
    email: 'sarah.chen@acme.example',
  });
  const dealId = (await addDeal(ctx, alice, { account: 'Acme', title: 'Acme rollout' })).id;
  return { workspaceId, owner: seeded.actor, alice, dealId };
}
