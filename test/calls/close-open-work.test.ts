import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import {
  addCommitment,
  listCommitments,
} from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal, getDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { getNextStep, setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

/*
 * Closing or pausing a deal asks what to do with its open promises and its next step: keep
 * them (they stay on Today) or drop them with a reason. Before, a won deal silently kept its
 * promises due on Today, and nobody was asked.
 *
 * Tue 24 Nov 2026 in New York.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`closing a deal with open work on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let owner: Actor;
    let token: string;

    /** A deal with one promise each way and a next step on Thursday. */
    const busyDeal = async (title: string) => {
      const deal = await addDeal(t.ctx, owner, { account: 'Globex', title });
      await addCommitment(t.ctx, owner, {
        dealId: deal.id,
        side: 'ours',
        text: `send the order form (${title})`,
        due: '2026-11-25',
      });
      await addCommitment(t.ctx, owner, {
        dealId: deal.id,
        side: 'theirs',
        text: `sign the order form (${title})`,
        due: '2026-11-30',
      });
      await setNextStep(t.ctx, owner, deal.id, { at: '2026-11-25T14:00', text: 'Kick-off' });
      return deal.id;
    };
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload });
    const openPromises = async (dealId: string) =>
      (await listCommitments(t.ctx, owner, { dealId, state: 'open' })).length;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      owner = (await seedWorkspace(t.ctx)).actor;
      token = await tokenFor(t.ctx, owner);
      await addAccount(t.ctx, owner, { name: 'Globex' });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('refuses to close a deal without saying what to do with its open work, and lists it', async () => {
      const id = await busyDeal('Undecided');
      const res = await post(`/api/v1/deals/${id}/close`, { result: 'won' });
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body.detail).toContain('2 open promises');
      expect(body.detail).toContain('a next step (Kick-off, 2026-11-25 14:00)');
      expect(body.details).toMatchObject({
        kind: 'open-work',
        promises: [
          { side: 'ours', due: '2026-11-25' },
          { side: 'theirs', due: '2026-11-30' },
        ],
        nextStep: { text: 'Kick-off', due: '2026-11-25', time: '14:00' },
      });
      // Nothing was written: the deal is open, its work untouched.
      expect((await getDeal(t.ctx, owner, id)).status).toBe('open');
      expect(await openPromises(id)).toBe(2);
      // Deciding one of the two is not enough.
      const half = await post(`/api/v1/deals/${id}/close`, { result: 'won', promises: 'keep' });
      expect(half.statusCode).toBe(409);
      expect(half.json().detail).toContain('a next step');
      expect(half.json().detail).not.toContain('open promise');
    });

    it('drops the open promises and the next step with the reason given', async () => {
      const id = await busyDeal('Lost to a rival');
      const noReason = await post(`/api/v1/deals/${id}/close`, {
        result: 'lost',
        reason: 'no-fit',
        promises: 'drop',
        nextStep: 'drop',
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().detail).toContain('Say why you drop them');
      const res = await post(`/api/v1/deals/${id}/close`, {
        result: 'lost',
        reason: 'no-fit',
        promises: 'drop',
        nextStep: 'drop',
        dropReason: 'they chose a competitor',
      });
      expect(res.statusCode, res.body).toBe(200);
      const all = await listCommitments(t.ctx, owner, { dealId: id });
      expect(all.map((c) => [c.state, c.droppedReason])).toEqual([
        ['dropped', 'they chose a competitor'],
        ['dropped', 'they chose a competitor'],
      ]);
      expect(await getNextStep(t.ctx, owner, id)).toBeNull();
      // Nothing of it is left on Today on Wednesday.
      t.clock.set('2026-11-25T15:00:00Z');
      const agenda = await getToday(t.ctx, owner);
      expect(agenda.items.filter((i) => i.dealId === id)).toEqual([]);
      t.clock.set('2026-11-24T15:00:00Z');
    });

    it('keeps them when asked: the promises and the next step stay open after the deal is won', async () => {
      const id = await busyDeal('Won with onboarding');
      const res = await post(`/api/v1/deals/${id}/close`, {
        result: 'won',
        promises: 'keep',
        nextStep: 'keep',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await openPromises(id)).toBe(2);
      expect(await getNextStep(t.ctx, owner, id)).toMatchObject({ text: 'Kick-off' });
    });

    it('asks the same when pausing, and a deal with nothing open closes without asking', async () => {
      const id = await busyDeal('Paused');
      expect((await post(`/api/v1/deals/${id}/pause`, { until: '2027-01-11' })).statusCode).toBe(
        409,
      );
      const paused = await post(`/api/v1/deals/${id}/pause`, {
        until: '2027-01-11',
        promises: 'drop',
        nextStep: 'keep',
        dropReason: 'budget frozen until January',
      });
      expect(paused.statusCode, paused.body).toBe(200);
      expect(await openPromises(id)).toBe(0);
      expect(await getNextStep(t.ctx, owner, id)).toMatchObject({ text: 'Kick-off' });

      const quiet = (await addDeal(t.ctx, owner, { account: 'Globex', title: 'Quiet' })).id;
      expect((await post(`/api/v1/deals/${quiet}/close`, { result: 'won' })).statusCode).toBe(200);
      expect(await post(`/api/v1/deals/${quiet}/close`, { result: 'won' })).toMatchObject({
        statusCode: 409,
      });
    });

    it('answers a stale version with 412 before asking about open work', async () => {
      const id = await busyDeal('Stale');
      const res = await post(`/api/v1/deals/${id}/close`, { result: 'won' }, { 'if-match': '"9"' });
      expect(res.statusCode).toBe(412);
    });

    it('lists how the deal ended, with reason, lesson and re-engage date', async () => {
      const id = await busyDeal('Outcome');
      await post(`/api/v1/deals/${id}/close`, {
        result: 'lost',
        reason: 'not-now',
        reEngageOn: '2027-03-01',
        lesson: 'Find the budget owner first',
        promises: 'drop',
        nextStep: 'drop',
        dropReason: 'lost',
      });
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/deals/${id}/outcomes`,
        headers: bearer(token),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject([
        {
          outcome: 'lost',
          reason: 'not-now',
          lesson: 'Find the budget owner first',
          reEngageOn: '2027-03-01',
        },
      ]);
    });
  });
}
