/*
 * Closing e-mail in's two open ends over HTTP (issue 18): a message that fits several deals is
 * asked about (the Inbox filtered to one's own ambiguous mail, as Today reads it) and filed on
 * the chosen deal; a new promise read from an outgoing e-mail is added once, with its due date
 * and early target, and ignored on request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

function eml(id: string, from: string, to: string, date: string, subject: string, body: string) {
  return [
    `Message-ID: <${id}@test.example>`,
    `Date: ${date}`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
}

interface NewPromise {
  number: number;
  text: string;
  due: string | null;
  state: string;
  commitmentId: string | null;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`e-mail asks and new promises on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let rep: Actor;
    let repToken = '';
    let otherToken = '';
    let pilotId = '';
    let expansionId = '';
    let acmeId = '';

    beforeAll(async () => {
      // Thu 2026-11-26 20:00 UTC: 15:00 in New York; Fri 05:00 in Tokyo.
      t = await openTestContext(dialect.name, '2026-11-26T20:00:00Z');
      app = await startTestServer(t);
      const seeded = await seedWorkspace(t.ctx);
      const ws = seeded.workspace.id;
      rep = (
        await seedMember(t.ctx, ws, 'alice@northwind.example', 'rep', 'America/New_York', 'US')
      ).actor;
      const other = (
        await seedMember(t.ctx, ws, 'kenji@northwind.example', 'rep', 'Asia/Tokyo', 'JP')
      ).actor;
      repToken = await tokenFor(t.ctx, rep);
      otherToken = await tokenFor(t.ctx, other);
      await addAccount(t.ctx, seeded.actor, { name: 'Acme' });
      await addAccount(t.ctx, seeded.actor, { name: 'Globex' });
      await addContact(t.ctx, seeded.actor, {
        account: 'Acme',
        name: 'Sarah Chen',
        email: 'sarah.chen@acme.example',
      });
      await addContact(t.ctx, seeded.actor, {
        account: 'Globex',
        name: 'Jen Park',
        email: 'jen@globex.example',
      });
      acmeId = (await addDeal(t.ctx, rep, { account: 'Acme', title: 'Acme rollout' })).id;
      pilotId = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Globex pilot' })).id;
      expansionId = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Globex expansion' }))
        .id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const upload = (raw: string, token = repToken) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/mail/messages',
        headers: { ...bearer(token), 'content-type': 'message/rfc822' },
        payload: raw,
      });
    const get = (url: string, token = repToken) =>
      app.inject({ method: 'GET', url, headers: bearer(token) });
    const post = (url: string, payload?: object, token = repToken) =>
      app.inject({ method: 'POST', url, headers: bearer(token), ...(payload && { payload }) });

    it('asks which deal when several fit, and files it on the one chosen with its touch', async () => {
      const sent = await upload(
        eml(
          'two-deals',
          'Alice <alice@northwind.example>',
          'Jen Park <jen@globex.example>',
          'Thu, 26 Nov 2026 14:30:00 -0500',
          'Next steps',
          'Jen, good talking today.',
        ),
      );
      expect(sent.statusCode, sent.body).toBe(201);
      const id = sent.json().message.id as string;
      expect(sent.json().message.status).toBe('ambiguous');

      const asks = await get('/api/v1/mail/inbox?mine=true&status=ambiguous');
      expect(asks.statusCode, asks.body).toBe(200);
      const ask = (asks.json() as { id: string; candidateDealIds: string[] }[]).find(
        (m) => m.id === id,
      );
      expect(ask?.candidateDealIds.sort()).toEqual([pilotId, expansionId].sort());
      // Another member's Today does not ask about Alice's e-mail.
      const theirs = await get('/api/v1/mail/inbox?mine=true&status=ambiguous', otherToken);
      expect((theirs.json() as { id: string }[]).map((m) => m.id)).not.toContain(id);

      const filed = await post(`/api/v1/mail/messages/${id}/file`, { dealId: expansionId });
      expect(filed.statusCode, filed.body).toBe(200);
      expect(filed.json().message).toMatchObject({ status: 'filed', dealId: expansionId });

      const touches = await get(`/api/v1/touches?deal=${expansionId}`);
      expect(
        (touches.json() as { kind: string; at: string; id: string }[]).filter(
          (x) => x.kind === 'email',
        ),
      ).toEqual([expect.objectContaining({ id: filed.json().message.touchId })]);
      expect(
        (touches.json() as { at: string; kind: string }[]).find((x) => x.kind === 'email')?.at,
      ).toMatch(/^2026-11-26T19:30:00/);
      const pilotTouches = await get(`/api/v1/touches?deal=${pilotId}`);
      expect((pilotTouches.json() as { kind: string }[]).map((x) => x.kind)).not.toContain('email');
      const after = await get('/api/v1/mail/inbox?mine=true&status=ambiguous');
      expect((after.json() as { id: string }[]).map((m) => m.id)).not.toContain(id);
      expect((await post(`/api/v1/mail/messages/${id}/file`, { dealId: pilotId })).statusCode).toBe(
        409,
      );
    });

    it('adds a new promise from an outgoing e-mail once, due and early target like a call’s', async () => {
      const sent = await upload(
        eml(
          'contract-by-tuesday',
          'Alice <alice@northwind.example>',
          'Sarah Chen <sarah.chen@acme.example>',
          'Thu, 26 Nov 2026 14:00:00 -0500',
          'Contract',
          "Sarah, thanks for the call. I'll send the contract by Tuesday.\n\nAlice",
        ),
      );
      expect(sent.statusCode, sent.body).toBe(201);
      const message = sent.json().message as { id: string; newPromises: NewPromise[] };
      expect(message.newPromises).toHaveLength(1);
      expect(message.newPromises[0]).toMatchObject({
        number: 1,
        due: '2026-12-01',
        state: 'proposed',
      });

      const waiting = await get('/api/v1/mail/new-promises');
      expect(waiting.json()).toContainEqual(
        expect.objectContaining({
          number: 1,
          message: expect.objectContaining({ id: message.id }),
        }),
      );
      expect(
        (await get('/api/v1/mail/new-promises', otherToken)).json() as unknown[],
      ).not.toContainEqual(
        expect.objectContaining({ message: expect.objectContaining({ id: message.id }) }),
      );
      // Someone else's message is not theirs to accept.
      expect(
        (await post(`/api/v1/mail/messages/${message.id}/promises/1/accept`, undefined, otherToken))
          .statusCode,
      ).toBe(404);

      const accepted = await post(`/api/v1/mail/messages/${message.id}/promises/1/accept`);
      expect(accepted.statusCode, accepted.body).toBe(201);
      const commitment = accepted.json().commitment;
      // Made Thursday in New York, due Tuesday: a day's lead aims for Monday.
      expect(commitment).toMatchObject({
        dealId: acmeId,
        side: 'ours',
        due: '2026-12-01',
        madeOn: '2026-11-26',
        target: '2026-11-30',
        state: 'open',
      });
      expect(accepted.json().message.newPromises[0]).toMatchObject({
        state: 'accepted',
        commitmentId: commitment.id,
      });

      const again = await post(`/api/v1/mail/messages/${message.id}/promises/1/accept`);
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      const list = await get(`/api/v1/commitments?deal=${acmeId}`);
      expect(
        (list.json() as { text: string }[]).filter((c) => /contract/.test(c.text)),
      ).toHaveLength(1);
      expect(
        ((await get('/api/v1/mail/new-promises')).json() as { message: { id: string } }[]).map(
          (w) => w.message.id,
        ),
      ).not.toContain(message.id);
      expect((await post(`/api/v1/mail/messages/${message.id}/promises/2/accept`)).statusCode).toBe(
        404,
      );
    });

    it('ignores a new promise without making one, and then no longer accepts it', async () => {
      const sent = await upload(
        eml(
          'deck-by-friday',
          'Alice <alice@northwind.example>',
          'Sarah Chen <sarah.chen@acme.example>',
          'Thu, 26 Nov 2026 14:10:00 -0500',
          'Deck',
          "Sarah, I'll send the security deck by Friday.\n\nAlice",
        ),
      );
      const message = sent.json().message as { id: string; newPromises: NewPromise[] };
      expect(message.newPromises.length).toBeGreaterThan(0);
      const before = (await get(`/api/v1/commitments?deal=${acmeId}`)).json() as unknown[];
      const ignored = await post(`/api/v1/mail/messages/${message.id}/promises/1/ignore`);
      expect(ignored.statusCode, ignored.body).toBe(200);
      expect(ignored.json().newPromises[0].state).toBe('ignored');
      expect((await post(`/api/v1/mail/messages/${message.id}/promises/1/accept`)).statusCode).toBe(
        409,
      );
      expect((await get(`/api/v1/commitments?deal=${acmeId}`)).json()).toHaveLength(before.length);
    });
  });
}
