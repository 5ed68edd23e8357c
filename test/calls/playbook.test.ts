import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { DEFAULT_HABITS } from '../../src/core/playbook/default-habits.ts';
import { getPlaybook, setPlaybook } from '../../src/core/playbook/flows/manage-playbook.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the playbook on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Actor;
    let rep: Actor;
    let outsider: Actor;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      const ws = await seedWorkspace(t.ctx);
      owner = ws.actor;
      rep = (
        await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep', 'America/New_York', 'US')
      ).actor;
      outsider = (await seedWorkspace(t.ctx, 'Other', 'boss@other.example')).actor;
      await addAccount(t.ctx, owner, { name: 'Globex' });
    });
    afterAll(async () => t?.close());

    it('starts with the ten default habits, plan second and momentum tenth', async () => {
      const p = await getPlaybook(t.ctx, rep);
      expect(p.habits.map((h) => [h.position, h.key])).toEqual(
        DEFAULT_HABITS.map((h, i) => [i + 1, h.key]),
      );
      expect(p.version).toMatch(/^[0-9a-f]{8}$/);
    });

    it('renames, reorders, adds and removes, keeping the history of habits that stay', async () => {
      const before = await getPlaybook(t.ctx, owner);
      const dealId = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Pilot' })).id;
      const { call } = await logCall(t.ctx, rep, {
        dealId,
        at: '2026-11-24T09:00',
        habits: { listen: 'done' },
      });
      const listen = before.habits.find((h) => h.key === 'listen')!;

      const wanted = [
        { key: 'listen', name: 'Listen twice as much' },
        ...before.habits
          .filter((h) => !['listen', 'recap'].includes(h.key))
          .map((h) => ({ id: h.id, name: h.name })),
        { name: 'Send a video recap', description: 'Two minutes, same day.' },
      ];
      const after = await setPlaybook(t.ctx, owner, { habits: wanted, version: before.version });
      expect(after.habits.map((h) => h.key)).toEqual([
        'listen',
        'prepare',
        'plan',
        'open',
        'discover',
        'tailor',
        'objections',
        'next-steps',
        'momentum',
        'send-a-video-recap',
      ]);
      const renamed = after.habits[0]!;
      expect(renamed).toMatchObject({ id: listen.id, name: 'Listen twice as much', position: 1 });
      expect(renamed.description).toBe(listen.description);
      // The old call still points at the same habit.
      const stored = await t.ctx.calls.findVisible(t.ctx.runner.executor, rep, call.id);
      expect(stored!.habits.find((h) => h.state === 'done')!.habitId).toBe(listen.id);
      // Numbers now follow the new order.
      const next = await logCall(t.ctx, rep, {
        dealId,
        at: '2026-11-24T09:30',
        habits: { '1': 'partly' },
      });
      expect(next.call.habits).toHaveLength(10);
      expect(next.call.habits.find((h) => h.state === 'partly')!.habitId).toBe(listen.id);

      const audit = await t.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'playbook.set')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('brings a retired habit back by its key, with its id', async () => {
      const current = await getPlaybook(t.ctx, owner);
      const restored = await setPlaybook(t.ctx, owner, {
        habits: [
          ...current.habits.map((h) => ({ id: h.id, key: h.key, name: h.name })),
          { key: 'recap', name: 'Recap' },
        ],
      });
      const all = await t.ctx.habits.list(t.ctx.runner.executor, owner.workspaceId, {
        includeRemoved: true,
      });
      expect(all.filter((h) => h.key === 'recap')).toHaveLength(1);
      expect(restored.habits.at(-1)).toMatchObject({ key: 'recap', position: 11, name: 'Recap' });
    });

    it('refuses a stale version, a rep, and nothing changes', async () => {
      const current = await getPlaybook(t.ctx, owner);
      await expect(
        setPlaybook(t.ctx, owner, { habits: [{ name: 'Only this' }], version: '00000000' }),
      ).rejects.toMatchObject({ code: 'version-conflict' });
      await expect(
        setPlaybook(t.ctx, rep, { habits: [{ name: 'Only this' }] }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await getPlaybook(t.ctx, owner)).toEqual(current);
    });

    it('keeps each workspace’s playbook to itself', async () => {
      const theirs = await getPlaybook(t.ctx, outsider);
      expect(theirs.habits.map((h) => h.key)).toEqual(DEFAULT_HABITS.map((h) => h.key));
      const mine = await getPlaybook(t.ctx, owner);
      await expect(
        setPlaybook(t.ctx, outsider, { habits: [{ id: mine.habits[0]!.id, name: 'Taken' }] }),
      ).rejects.toThrow(/not a habit of this workspace/);
    });
  });
}
