import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { inviteMember } from '../../src/core/auth/flows/invitations.ts';
import type { TestContext } from '../../test/support/dialects.ts';
import { seedMember, seedWorkspace } from '../../test/support/fixtures.ts';
import { bearer, tokenFor } from '../../test/support/http.ts';

/**
 * What the fuzzer works on: a workspace with an owner (whose token it uses), a manager and a
 * rep, deals and promises in it and in a second workspace, a pending invitation. Returns the
 * owner's headers and the ids of real records for path parameters, leaving out the fuzzer's
 * own member and token (removing or demoting itself would only end the run early).
 */
export async function seedFuzzWorld(t: TestContext) {
  const ws = await seedWorkspace(t.ctx, 'Fuzz Co', 'owner@fuzz.example');
  const rep = await seedMember(t.ctx, ws.workspace.id, 'rep@fuzz.example', 'rep');
  await seedMember(t.ctx, ws.workspace.id, 'manager@fuzz.example', 'manager');
  const other = await seedWorkspace(t.ctx, 'Elsewhere', 'owner@elsewhere.example');
  const headers = bearer(await tokenFor(t.ctx, ws.actor, 'fuzzer'));
  await tokenFor(t.ctx, rep.actor, 'rep token');
  for (const [actor, name] of [
    [ws.actor, 'Globex'],
    [other.actor, 'Initech'],
  ] as const) {
    const account = await addAccount(t.ctx, actor, { name });
    const deal = await addDeal(t.ctx, actor, { account: account.id, title: `${name} pilot` });
    await addCommitment(t.ctx, actor, {
      dealId: deal.id,
      side: 'ours',
      text: 'send the deck',
      due: '2026-11-27',
    });
  }
  await addDeal(t.ctx, rep.actor, { account: 'Globex', title: 'Rep deal' });
  await inviteMember(t.ctx, ws.actor, { email: 'invitee@fuzz.example', role: 'rep' });
  const db = t.store.db;
  const ids = [
    ...(await db.selectFrom('deals').select('id').execute()),
    ...(await db.selectFrom('accounts').select('id').execute()),
    ...(await db.selectFrom('commitments').select('id').execute()),
    ...(await db.selectFrom('invitations').select('id').execute()),
    ...(await db.selectFrom('stages').select('id').limit(3).execute()),
    ...(await db.selectFrom('members').select('id').where('id', '!=', ws.owner.id).execute()),
    ...(await db.selectFrom('api_tokens').select('id').where('name', '!=', 'fuzzer').execute()),
  ].map((r) => r.id);
  return { headers, ids };
}

/** Client addresses requests are spread over, so the per-address sign-in limits do not end
 * every sign-in attempt in a 429 (app.inject only; nothing goes on a network). */
export const FUZZ_ADDRESSES = ['127.0.0.1', '192.0.2.1', '192.0.2.2', '198.51.100.3'];
export const FUZZ_SEED = 20261124;
