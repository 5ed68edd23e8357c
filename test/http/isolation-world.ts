/*
 * The world the isolation matrix attacks: a victim workspace with an owner and two reps, one
 * rep's private deal with what hangs under it, and an outsider in a second workspace. Every
 * string a stranger must never see is collected in `workspaceSecrets` (all of the victim
 * workspace) and `repSecrets` (what is private to the victim rep: their deal and what is under
 * it, their API token).
 *
 * When you add a new kind of record, create one here on the victim's deal (or in the victim
 * workspace), add its id and any telling text to the secrets, and give it a field below.
 */
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { createApiToken, revokeApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { rotateCalendarFeed } from '../../src/core/calendar-feeds/flows/feeds.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { inviteMember } from '../../src/core/auth/flows/invitations.ts';
import { addWebhook } from '../../src/core/webhooks/flows/manage-webhooks.ts';
import type { Actor, Member } from '../../src/core/workspaces/types.ts';
import type { TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

export interface Party {
  member: Member;
  actor: Actor;
  /** An API token of this member. */
  token: string;
  tokenId: string;
}

export interface World {
  workspaceId: string;
  /** The victim workspace's owner. */
  owner: Party;
  /** The rep whose deal is attacked. */
  victimRep: Party;
  /** Another rep of the same workspace: may see the workspace, not the victim's deal. */
  otherRep: Party;
  /** The owner of another workspace. */
  outsider: Party;
  /** A token of the victim workspace's owner, revoked. */
  revokedToken: string;
  account: { id: string; name: string };
  contact: { id: string; name: string };
  /** The victim workspace's first pipeline stage. */
  stage: { id: string; name: string };
  deal: { id: string; title: string };
  commitment: { id: string; text: string };
  /** A call on the victim's deal, with a lesson and the plan revision it made. */
  call: { id: string; lesson: string };
  invitation: { id: string; email: string };
  /** A webhook of the victim workspace, with one delivery in its log. */
  webhook: { id: string; url: string };
  delivery: { id: string };
  /** Every id and name in the victim workspace: never in an answer to an outsider. */
  workspaceSecrets: string[];
  /** The victim rep's private records: never in an answer to the other rep. */
  repSecrets: string[];
  /** Ids whose rows no attack may add, change or remove (see isolation.test.ts). */
  workspaceIds: string[];
  repIds: string[];
}

let worlds = 0;

async function party(t: TestContext, member: Member, actor: Actor): Promise<Party> {
  const { token, secret } = await createApiToken(t.ctx, actor, {
    name: 'matrix',
    scopes: ['read', 'write', 'tokens'],
  });
  return { member, actor, token: secret, tokenId: token.id };
}

export async function buildWorld(t: TestContext): Promise<World> {
  const n = ++worlds;
  const tag = `victim${n}x`;
  const ws = await seedWorkspace(t.ctx, `Workspace ${tag}`, `owner-${tag}@victim.example`);
  const workspaceId = ws.workspace.id;
  const victim = await seedMember(t.ctx, workspaceId, `rep-${tag}@victim.example`, 'rep');
  const other = await seedMember(t.ctx, workspaceId, `other-${tag}@victim.example`, 'rep');
  const out = await seedWorkspace(t.ctx, `Outside ${n}`, `owner-outside${n}@outsider.example`);

  const account = await addAccount(t.ctx, ws.actor, { name: `Account ${tag}` });
  const contact = await addContact(t.ctx, ws.actor, {
    account: account.id,
    name: `Contact ${tag}`,
    email: `contact-${tag}@customer.example`,
    phone: '+1 555 0100',
  });
  const deal = await addDeal(t.ctx, victim.actor, {
    account: account.id,
    title: `Deal ${tag}`,
    amount: 4242,
  });
  const commitment = await addCommitment(t.ctx, victim.actor, {
    dealId: deal.id,
    side: 'ours',
    text: `Promise ${tag}`,
    due: '2026-11-27',
  });
  const { call } = await logCall(t.ctx, victim.actor, {
    dealId: deal.id,
    at: '2026-11-24T09:00',
    notes: `Notes ${tag}`,
    lesson: `Lesson ${tag}`,
    milestones: [{ title: `Milestone ${tag}`, date: '2026-12-10' }],
  });
  // The victim rep's calendar feed URL (revoking it is theirs alone).
  await rotateCalendarFeed(t.ctx, victim.actor);
  const invitation = await inviteMember(t.ctx, ws.actor, {
    email: `invitee-${tag}@victim.example`,
    role: 'rep',
  });
  const revoked = await createApiToken(t.ctx, ws.actor, { name: 'revoked' });
  await revokeApiToken(t.ctx, ws.actor, revoked.token.id);

  const { webhook } = await addWebhook(t.ctx, ws.actor, {
    url: `https://hooks-${tag}.example.com/momentum`,
    events: ['deal.closed'],
  });
  const deliveryId = `msg_${tag}`;
  await t.ctx.runner.transaction(async (tx) => {
    const at = t.ctx.clock.now().toString();
    await t.ctx.webhooks.insertEvent(tx, {
      id: `ev_${tag}`,
      workspaceId,
      type: 'deal.closed',
      key: `deal.closed:${tag}`,
      data: { dealId: deal.id },
      occurredAt: at,
    });
    await t.ctx.webhooks.insertDelivery(
      tx,
      {
        id: deliveryId,
        webhookId: webhook.id,
        eventId: `ev_${tag}`,
        eventType: 'deal.closed',
        status: 'failed',
        attempts: 1,
        responseCode: 500,
        durationMs: 12,
        lastError: 'HTTP 500',
        nextAttemptAt: null,
        createdAt: at,
        updatedAt: at,
      },
      workspaceId,
    );
  });

  const [stage] = await t.ctx.stages.listByWorkspace(t.ctx.runner.executor, workspaceId);
  const world: World = {
    workspaceId,
    owner: await party(t, ws.owner, ws.actor),
    victimRep: await party(t, victim.member, victim.actor),
    otherRep: await party(t, other.member, other.actor),
    outsider: await party(t, out.owner, out.actor),
    revokedToken: revoked.secret,
    account: { id: account.id, name: account.name },
    contact: { id: contact.id, name: contact.name },
    stage: { id: stage!.id, name: stage!.name },
    deal: { id: deal.id, title: deal.title },
    commitment: { id: commitment.id, text: commitment.text },
    call: { id: call.id, lesson: call.lesson! },
    invitation: { id: invitation.invitation.id, email: invitation.invitation.email },
    webhook: { id: webhook.id, url: webhook.url },
    delivery: { id: deliveryId },
    workspaceSecrets: [],
    repSecrets: [],
    workspaceIds: [],
    repIds: [],
  };
  world.repSecrets = [deal.id, deal.title, commitment.id, commitment.text, world.victimRep.tokenId];
  world.repSecrets.push(call.id, call.lesson!);
  world.repIds = [deal.id, commitment.id, world.victimRep.tokenId, victim.member.id, call.id];

  // Everything in the victim workspace: every row's id, and the tag in every name and e-mail.
  const db = t.store.db;
  const ids = new Set<string>([workspaceId, tag]);
  for (const table of [
    'members',
    'accounts',
    'contacts',
    'deals',
    'commitments',
    'invitations',
    'api_tokens',
    'stages',
    'habits',
    'calls',
    'plan_revisions',
    'calendar_feeds',
    'webhooks',
    'webhook_deliveries',
  ] as const) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  const users = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .execute();
  for (const u of users) ids.add(u.user_id);
  world.workspaceSecrets = [...ids];
  world.workspaceIds = [...ids].filter((id) => id !== tag);
  return world;
}
