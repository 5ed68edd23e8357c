import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addContact,
  listAccounts,
  listContacts,
} from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal, getDeal, listDeals } from '../../src/core/deals/flows/manage-deals.ts';
import { DomainError } from '../../src/core/kernel/errors.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`repository contract on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
    });
    afterAll(async () => t?.close());

    it('creates a workspace with its owner, five stages and ten habits', async () => {
      const { workspace, owner } = await seedWorkspace(
        t.ctx,
        'Contract Co',
        'contract@example.com',
      );
      const ex = t.ctx.runner.executor;
      expect(await t.ctx.workspaces.findById(ex, workspace.id)).toEqual(workspace);
      const found = await t.ctx.members.findByEmail(ex, workspace.id, 'CONTRACT@example.com');
      expect(found).toMatchObject({
        id: owner.id,
        role: 'owner',
        timeZone: 'America/New_York',
        region: 'US',
        weekend: ['sat', 'sun'],
      });
      expect((await t.ctx.stages.listByWorkspace(ex, workspace.id)).map((s) => s.name)).toEqual([
        'Discovery',
        'Qualified',
        'Demo',
        'Proposal',
        'Negotiation',
      ]);
      const habits = await t.ctx.habits.list(ex, workspace.id);
      expect(habits).toHaveLength(10);
      expect(habits[1]!.key).toBe('plan');
      expect(habits[9]!.key).toBe('momentum');
    });

    it('round-trips accounts, contacts and deals, with money in minor units', async () => {
      const { actor } = await seedWorkspace(t.ctx, 'Round Trip', 'rt@example.com');
      const account = await addAccount(t.ctx, actor, { name: 'Globex', domain: 'globex.com' });
      await expect(addAccount(t.ctx, actor, { name: 'globex' })).rejects.toMatchObject({
        code: 'conflict',
      });
      const contact = await addContact(t.ctx, actor, {
        account: 'GLOBEX',
        name: 'Sarah Chen',
        email: 'Sarah@Globex.com',
        title: 'CFO',
      });
      expect(contact).toMatchObject({ accountId: account.id, email: 'sarah@globex.com' });
      const deal = await addDeal(t.ctx, actor, {
        account: account.id,
        title: 'Globex rollout',
        amount: '12,500.50',
        currency: 'eur',
        stage: 'demo',
      });
      expect(deal).toMatchObject({
        amountMinor: 1250050,
        currency: 'EUR',
        status: 'open',
        version: 1,
      });
      expect(await getDeal(t.ctx, actor, deal.id)).toEqual(deal);
      expect((await listAccounts(t.ctx, actor)).map((a) => a.name)).toEqual(['Globex']);
      expect(await listContacts(t.ctx, actor, { account: 'Globex' })).toEqual([contact]);
    });

    it('keeps workspaces apart and reps to their own deals', async () => {
      const a = await seedWorkspace(t.ctx, 'Alpha', 'alpha@example.com');
      const b = await seedWorkspace(t.ctx, 'Beta', 'beta@example.com');
      const rep1 = await seedMember(t.ctx, a.workspace.id, 'rep1@example.com', 'rep');
      const rep2 = await seedMember(t.ctx, a.workspace.id, 'rep2@example.com', 'rep');
      const manager = await seedMember(t.ctx, a.workspace.id, 'mgr@example.com', 'manager');
      await addAccount(t.ctx, a.actor, { name: 'Initech' });
      const d1 = await addDeal(t.ctx, rep1.actor, { account: 'Initech', title: 'Rep 1 deal' });
      const d2 = await addDeal(t.ctx, rep2.actor, { account: 'Initech', title: 'Rep 2 deal' });

      expect((await listDeals(t.ctx, rep1.actor)).map((d) => d.id)).toEqual([d1.id]);
      expect((await listDeals(t.ctx, manager.actor)).map((d) => d.id)).toEqual([d1.id, d2.id]);
      expect(await listDeals(t.ctx, b.actor)).toEqual([]);
      await expect(getDeal(t.ctx, rep1.actor, d2.id)).rejects.toBeInstanceOf(DomainError);
      await expect(getDeal(t.ctx, b.actor, d1.id)).rejects.toMatchObject({ code: 'not-found' });
      await expect(
        addDeal(t.ctx, b.actor, { account: 'Initech', title: 'x' }),
      ).rejects.toMatchObject({ code: 'not-found' });

      await t.ctx.deals.share(t.ctx.runner.executor, d2.id, rep1.member.id);
      expect((await listDeals(t.ctx, rep1.actor)).map((d) => d.id).sort()).toEqual(
        [d1.id, d2.id].sort(),
      );
    });

    it('refuses a stale version and applies a current one', async () => {
      const { actor } = await seedWorkspace(t.ctx, 'Versions', 'versions@example.com');
      await addAccount(t.ctx, actor, { name: 'Umbrella' });
      const deal = await addDeal(t.ctx, actor, { account: 'Umbrella', title: 'v' });
      const ex = t.ctx.runner.executor;
      expect(await t.ctx.deals.update(ex, deal.id, 1, { title: 'v2' })).toBe(true);
      expect(await t.ctx.deals.update(ex, deal.id, 1, { title: 'lost update' })).toBe(false);
      expect((await getDeal(t.ctx, actor, deal.id)).title).toBe('v2');
    });

    it('rolls back everything in a failed transaction', async () => {
      const { actor, workspace } = await seedWorkspace(t.ctx, 'Atomic', 'atomic@example.com');
      await expect(
        t.ctx.runner.transaction(async (tx) => {
          await t.ctx.accounts.insert(tx, {
            id: 'ac_rollback',
            workspaceId: workspace.id,
            name: 'Gone',
            domain: null,
            createdAt: '2026-11-24T15:00:00.000Z',
            version: 1,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await listAccounts(t.ctx, actor)).toEqual([]);
    });

    it('writes an audit entry for each write, in the same transaction', async () => {
      const { actor, workspace } = await seedWorkspace(t.ctx, 'Audited', 'audited@example.com');
      const account = await addAccount(t.ctx, actor, { name: 'Hooli' });
      const entries = await t.ctx.audit.list(t.ctx.runner.executor, workspace.id, { limit: 10 });
      expect(entries.map((e) => e.action)).toEqual(['account.create', 'workspace.create']);
      expect(entries[0]).toMatchObject({
        actorId: actor.memberId,
        entityId: account.id,
        after: { name: 'Hooli' },
      });
    });
  });
}
