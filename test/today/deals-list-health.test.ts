import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { closeDeal } from '../../src/core/deals/flows/close-deal.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

interface ListedDeal {
  id: string;
  title: string;
  momentum: number | null;
  neglected: boolean;
  neglectReasons: string[];
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`GET /api/v1/deals health on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let ownerToken: string;
    let repToken: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Monday 2 Nov 2026 in New York: the neglected deal is touched then and left alone.
      t = await openTestContext(dialect.name, '2026-11-02T15:00:00Z');
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx);
      const rep = await seedMember(
        t.ctx,
        ws.workspace.id,
        'rep@example.com',
        'rep',
        'America/New_York',
        'US',
      );
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      for (const title of ['fresh', 'stale', 'promised', 'won']) {
        ids[title] = (await addDeal(t.ctx, rep.actor, { account: 'Globex', title })).id;
      }
      await logTouch(t.ctx, rep.actor, { dealId: ids.stale!, kind: 'email' });
      await setNextStep(t.ctx, rep.actor, ids.stale!, { at: '2026-11-05', text: 'demo' });

      t.clock.set('2026-11-24T15:00:00Z');
      await logTouch(t.ctx, rep.actor, { dealId: ids.fresh!, kind: 'call' });
      await setNextStep(t.ctx, rep.actor, ids.fresh!, {
        at: '2026-12-01',
        text: 'proposal review',
      });
      await logTouch(t.ctx, rep.actor, { dealId: ids.promised!, kind: 'call' });
      await setNextStep(t.ctx, rep.actor, ids.promised!, {
        at: '2026-12-01',
        text: 'security review',
      });
      await addCommitment(t.ctx, rep.actor, {
        dealId: ids.promised!,
        side: 'ours',
        text: 'send the DPA',
        due: '2026-11-20',
        madeOn: '2026-11-16',
      });
      await closeDeal(t.ctx, rep.actor, ids.won!, { result: 'won' });
      ownerToken = await tokenFor(t.ctx, ws.actor);
      repToken = await tokenFor(t.ctx, rep.actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('gives open deals today’s momentum and neglect, with reasons, and closed ones none', async () => {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/deals',
        headers: bearer(ownerToken),
      });
      expect(r.statusCode).toBe(200);
      const byTitle = new Map((r.json() as ListedDeal[]).map((d) => [d.title, d]));
      expect(byTitle.get('fresh')).toMatchObject({ neglected: false, neglectReasons: [] });
      expect(byTitle.get('stale')).toMatchObject({
        neglected: true,
        neglectReasons: expect.arrayContaining(['no-touch', 'no-next-step']),
      });
      expect(byTitle.get('promised')).toMatchObject({
        neglected: true,
        neglectReasons: ['overdue-ours'],
      });
      expect(byTitle.get('won')).toMatchObject({ momentum: null, neglected: false });
      const fresh = byTitle.get('fresh')!.momentum!;
      const stale = byTitle.get('stale')!.momentum!;
      expect(fresh).toBeGreaterThan(stale);
      for (const d of byTitle.values())
        if (d.momentum !== null) expect(d.momentum).toBeGreaterThanOrEqual(0);
    });

    it('agrees with the deal page’s own evaluation', async () => {
      const list = (
        await app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer(repToken) })
      ).json() as ListedDeal[];
      for (const d of list.filter((x) => x.momentum !== null)) {
        const health = (
          await app.inject({
            method: 'GET',
            url: `/api/v1/deals/${d.id}/momentum`,
            headers: bearer(repToken),
          })
        ).json();
        expect({ score: d.momentum, neglected: d.neglected }, d.title).toEqual({
          score: health.momentum.score,
          neglected: health.neglect.neglected,
        });
      }
    });
  });
}
