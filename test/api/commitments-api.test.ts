import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { createApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { buildServer } from '../../src/http/server.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`/api/v1/commitments on ${dialect.name}`, () => {
    let t: TestContext;
    let app: Awaited<ReturnType<typeof buildServer>>;
    let repToken: string;
    let otherToken: string;
    let dealId: string;

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const tokenFor = async (actor: Actor) =>
      (await createApiToken(t.ctx, actor, { name: 'test' })).secret;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await buildServer(t.ctx);
      const ws = await seedWorkspace(t.ctx);
      const rep = await seedMember(
        t.ctx,
        ws.workspace.id,
        'rep@example.com',
        'rep',
        'America/New_York',
        'US',
      );
      const other = await seedMember(
        t.ctx,
        ws.workspace.id,
        'other@example.com',
        'rep',
        'America/New_York',
        'US',
      );
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      dealId = (await addDeal(t.ctx, rep.actor, { account: 'Globex', title: 'Pilot' })).id;
      repToken = await tokenFor(rep.actor);
      otherToken = await tokenFor(other.actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('creates a promise with its early target and keeps it, classified', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/commitments',
        headers: bearer(repToken),
        payload: { dealId, side: 'ours', text: 'send the pricing sheet', due: '2026-11-27' },
      });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body).toMatchObject({
        dealId,
        side: 'ours',
        due: '2026-11-27',
        target: '2026-11-25',
        state: 'open',
        version: 1,
      });
      expect(created.headers.etag).toBe('"1"');
      expect(Object.keys(body)).not.toContain('workspaceId');

      t.clock.set('2026-11-25T16:00:00Z');
      const done = await app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${body.id}/done`,
        headers: bearer(repToken),
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ state: 'done', classification: 'early', version: 2 });
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${body.id}/done`,
        headers: bearer(repToken),
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ status: 409, code: 'conflict' });
    });

    it('answers bad input with a 400 problem naming the field, and writes nothing', async () => {
      const before = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/commitments?deal=${dealId}`,
          headers: bearer(repToken),
        })
      ).json().length;
      for (const payload of [
        { dealId, side: 'mine', text: 'x' },
        { dealId, side: 'ours', text: 'x', due: '27/11/2026' },
        { dealId, side: 'ours', text: 'x', workspaceId: 'ws_other' },
        { dealId, side: 'ours', text: '' },
      ]) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/commitments',
          headers: bearer(repToken),
          payload,
        });
        expect(r.statusCode, JSON.stringify(payload)).toBe(400);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'validation' });
      }
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/commitments',
        headers: bearer(repToken),
        payload: { dealId, side: 'ours', text: 'x', owner: 'me' },
      });
      expect(unknown.json().detail).toContain('unknown field "owner"');
      const after = (
        await app.inject({
          method: 'GET',
          url: `/api/v1/commitments?deal=${dealId}`,
          headers: bearer(repToken),
        })
      ).json().length;
      expect(after).toBe(before);
    });

    it('hides a rep’s promises from another rep: 404, and nothing changes', async () => {
      const created = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/commitments',
          headers: bearer(repToken),
          payload: { dealId, side: 'theirs', text: 'security review', due: '2026-12-02' },
        })
      ).json();
      for (const [method, url, payload] of [
        ['GET', `/api/v1/commitments/${created.id}`, undefined],
        ['POST', `/api/v1/commitments/${created.id}/done`, undefined],
        ['POST', `/api/v1/commitments/${created.id}/drop`, { reason: 'x' }],
        ['POST', `/api/v1/commitments/${created.id}/snooze`, { to: '2026-12-01', reason: 'x' }],
      ] as const) {
        const r = await app.inject({
          method,
          url,
          headers: bearer(otherToken),
          ...(payload && { payload }),
        });
        expect(r.statusCode, `${method} ${url}`).toBe(404);
        expect(r.body).not.toContain('security review');
      }
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/commitments',
        headers: bearer(otherToken),
      });
      expect(list.json()).toEqual([]);
      const still = await app.inject({
        method: 'GET',
        url: `/api/v1/commitments/${created.id}`,
        headers: bearer(repToken),
      });
      expect(still.json()).toMatchObject({ state: 'open', version: 1 });
    });

    it('drops and snoozes with reasons', async () => {
      const c = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/commitments',
          headers: bearer(repToken),
          payload: { dealId, side: 'ours', text: 'case study', due: '2026-12-11' },
        })
      ).json();
      const snoozed = await app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${c.id}/snooze`,
        headers: bearer(repToken),
        payload: { to: '2026-12-07', reason: 'after their board meeting' },
      });
      expect(snoozed.json()).toMatchObject({
        snoozedUntil: '2026-12-07',
        snoozeReason: 'after their board meeting',
      });
      const tooLate = await app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${c.id}/snooze`,
        headers: bearer(repToken),
        payload: { to: '2026-12-14', reason: 'x' },
      });
      expect(tooLate.statusCode).toBe(400);
      const dropped = await app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${c.id}/drop`,
        headers: bearer(repToken),
        payload: { reason: 'no longer needed' },
      });
      expect(dropped.json()).toMatchObject({ state: 'dropped', droppedReason: 'no longer needed' });
    });

    it('edits with If-Match only: 428 without it, 412 when stale, and the target follows the new due date', async () => {
      const c = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/commitments',
          headers: bearer(repToken),
          payload: { dealId, side: 'ours', text: 'ROI model', due: '2026-12-11' },
        })
      ).json();
      const url = `/api/v1/commitments/${c.id}`;
      const missing = await app.inject({
        method: 'PATCH',
        url,
        headers: bearer(repToken),
        payload: { due: '2026-12-18' },
      });
      expect(missing.statusCode).toBe(428);
      const edited = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...bearer(repToken), 'if-match': '"1"' },
        payload: { due: '2026-12-18' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ due: '2026-12-18', target: '2026-12-17', version: 2 });
      expect(edited.headers.etag).toBe('"2"');
      const stale = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...bearer(repToken), 'if-match': '"1"' },
        payload: { text: 'lost update' },
      });
      expect(stale.statusCode).toBe(412);
      const staleDone = await app.inject({
        method: 'POST',
        url: `${url}/done`,
        headers: { ...bearer(repToken), 'if-match': '"1"' },
      });
      expect(staleDone.statusCode).toBe(412);
      const still = (await app.inject({ method: 'GET', url, headers: bearer(repToken) })).json();
      expect(still).toMatchObject({ text: 'ROI model', state: 'open', version: 2 });
    });
  });
}
