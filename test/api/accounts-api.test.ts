import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`accounts, contacts and search on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let owner: Record<string, string>;
    let rep: Record<string, string>;
    let outsider: Record<string, string>;
    let acmeId: string;
    let repDealId: string;
    let ownerDealId: string;

    const get = (url: string, headers = owner) => app.inject({ method: 'GET', url, headers });
    const send = (
      method: 'POST' | 'PATCH',
      url: string,
      payload: unknown,
      headers: Record<string, string> = owner,
    ) => app.inject({ method, url, headers, payload: payload as object });

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx);
      const r = await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep');
      const out = await seedWorkspace(t.ctx, 'Elsewhere', 'boss@elsewhere.example');
      owner = bearer(await tokenFor(t.ctx, ws.actor));
      rep = bearer(await tokenFor(t.ctx, r.actor));
      outsider = bearer(await tokenFor(t.ctx, out.actor));
      acmeId = (await addAccount(t.ctx, ws.actor, { name: 'Acme Robotics', domain: 'acme.io' })).id;
      await addAccount(t.ctx, ws.actor, { name: 'Société Générale' });
      await addAccount(t.ctx, ws.actor, { name: 'Big Acme' });
      await addAccount(t.ctx, out.actor, { name: 'Acme Outside' });
      repDealId = (
        await addDeal(t.ctx, r.actor, { account: acmeId, title: 'Warehouse pilot', amount: 1200 })
      ).id;
      ownerDealId = (
        await addDeal(t.ctx, ws.actor, { account: acmeId, title: 'Fleet rollout', amount: 5000 })
      ).id;
      await logCall(t.ctx, r.actor, {
        dealId: repDealId,
        at: '2026-11-23T10:00',
        notes: 'Discussed the pilot scope with Zoë.',
      });
      await logTouch(t.ctx, ws.actor, {
        dealId: ownerDealId,
        kind: 'email',
        at: '2026-11-24T09:00',
        text: 'Sent the rollout plan',
      });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('creates a contact with trimmed fields, reads it, and refuses bad input clearly', async () => {
      const created = await send('POST', '/api/v1/contacts', {
        account: acmeId,
        name: '  Zoë Ångström  ',
        email: ' Zoe@Acme.IO ',
        phone: '+1 (555) 010-2030',
        title: ' Head of Ops ',
      });
      expect(created.statusCode).toBe(201);
      const contact = created.json();
      expect(contact).toMatchObject({
        name: 'Zoë Ångström',
        email: 'zoe@acme.io',
        phone: '+1 (555) 010-2030',
        title: 'Head of Ops',
        accountId: acmeId,
        version: 1,
      });
      expect(created.headers.etag).toBe('"1"');
      const read = await get(`/api/v1/contacts/${contact.id}`);
      expect(read.json()).toEqual(contact);

      const blank = await send('POST', '/api/v1/contacts', { account: acmeId, name: '   ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.headers['content-type']).toMatch(/problem\+json/);
      expect(blank.json().detail).toMatch(/name must not be empty/i);

      const badEmail = await send('POST', '/api/v1/contacts', {
        account: acmeId,
        name: 'Nobody',
        email: 'not-an-address',
      });
      expect(badEmail.statusCode).toBe(400);
      expect(badEmail.json()).toMatchObject({ code: 'validation', details: { field: 'email' } });

      const duplicate = await send('POST', '/api/v1/contacts', {
        account: 'Big Acme',
        name: 'Zoe Again',
        email: 'ZOE@acme.io',
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({
        code: 'conflict',
        details: { field: 'email', contactId: contact.id },
      });
      expect(duplicate.json().detail).toContain('Zoë Ångström at Acme Robotics');

      const audit = await t.store.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity_id', '=', contact.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['contact.create']);
    });

    it('edits a contact at the version read, refuses a stale one and a taken e-mail', async () => {
      const a = (
        await send('POST', '/api/v1/contacts', {
          account: acmeId,
          name: 'Ana',
          email: 'ana@acme.io',
        })
      ).json();
      await send('POST', '/api/v1/contacts', {
        account: acmeId,
        name: 'Ben',
        email: 'ben@acme.io',
      });
      const url = `/api/v1/contacts/${a.id}`;
      const noMatch = await send('PATCH', url, { title: 'CTO' });
      expect(noMatch.statusCode).toBe(428);
      const ok = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner, 'if-match': '"1"' },
        payload: { title: 'CTO', phone: null, name: ' Ana Lima ' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ name: 'Ana Lima', title: 'CTO', version: 2 });
      expect(ok.headers.etag).toBe('"2"');
      const stale = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner, 'if-match': '"1"' },
        payload: { title: 'CEO' },
      });
      expect(stale.statusCode).toBe(412);
      const taken = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner, 'if-match': '"2"' },
        payload: { email: 'ben@acme.io' },
      });
      expect(taken.statusCode).toBe(409);
      expect((await get(url)).json()).toMatchObject({ email: 'ana@acme.io', version: 2 });
      const actions = await t.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', a.id)
        .orderBy('at')
        .execute();
      expect(actions.map((x) => x.action)).toEqual(['contact.create', 'contact.update']);
    });

    it('renames an account, refusing a name another account has', async () => {
      const other = (await send('POST', '/api/v1/accounts', { name: 'Initech' })).json();
      const url = `/api/v1/accounts/${other.id}`;
      const read = await get(url);
      expect(read.headers.etag).toBe('"1"');
      const clash = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner, 'if-match': '"1"' },
        payload: { name: ' big acme ' },
      });
      expect(clash.statusCode).toBe(409);
      const renamed = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner, 'if-match': '"1"' },
        payload: { name: '  Initech Corp ', domain: 'initech.example' },
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'Initech Corp', domain: 'initech.example' });
    });

    it('lists accounts with counts over the deals the reader can see', async () => {
      const all = (await get('/api/v1/accounts')).json();
      const acme = all.find((a: { id: string }) => a.id === acmeId);
      expect(acme).toMatchObject({ dealCount: 2, openDealCount: 2 });
      expect(acme.openValue).toEqual([{ currency: 'USD', amount: 6200 }]);
      expect(acme.lastTouchAt).toBe('2026-11-24T14:00:00.000Z');
      expect(acme.contactCount).toBeGreaterThanOrEqual(3);
      const asRep = (await get('/api/v1/accounts', rep)).json();
      const repAcme = asRep.find((a: { id: string }) => a.id === acmeId);
      // The rep sees the shared address book, but only their own deal in the figures.
      expect(repAcme).toMatchObject({
        dealCount: 1,
        openValue: [{ currency: 'USD', amount: 1200 }],
      });
      // The rep logged the call at 10:00 in Berlin.
      expect(repAcme.lastTouchAt).toBe('2026-11-23T09:00:00.000Z');
    });

    it('gives the account timeline newest first, without deals the reader cannot see', async () => {
      const events = (await get(`/api/v1/accounts/${acmeId}/timeline`)).json();
      const kinds = events.map((e: { kind: string }) => e.kind);
      expect(kinds).toContain('call');
      expect(kinds).toContain('touch');
      expect(kinds).toContain('contact-added');
      const ats = events.map((e: { at: string }) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);
      const touch = events.find((e: { kind: string }) => e.kind === 'touch');
      expect(touch).toMatchObject({
        dealId: ownerDealId,
        touchKind: 'email',
        text: 'Sent the rollout plan',
      });
      const repEvents = (await get(`/api/v1/accounts/${acmeId}/timeline`, rep)).json();
      expect(JSON.stringify(repEvents)).not.toContain(ownerDealId);
      expect(JSON.stringify(repEvents)).toContain(repDealId);
    });

    it('isolates workspaces: another workspace can neither read nor write', async () => {
      expect((await get(`/api/v1/accounts/${acmeId}`, outsider)).statusCode).toBe(404);
      expect((await get(`/api/v1/accounts/${acmeId}/timeline`, outsider)).statusCode).toBe(404);
      const list = (await get('/api/v1/accounts', outsider)).json();
      expect(list.map((a: { name: string }) => a.name)).toEqual(['Acme Outside']);
      const contacts = (await get(`/api/v1/contacts?account=${acmeId}`)).json();
      const someone = contacts[0];
      expect((await get(`/api/v1/contacts/${someone.id}`, outsider)).statusCode).toBe(404);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/contacts/${someone.id}`,
        headers: { ...outsider, 'if-match': '"1"' },
        payload: { name: 'Taken' },
      });
      expect(patch.statusCode).toBe(404);
      const add = await send('POST', '/api/v1/contacts', { account: acmeId, name: 'X' }, outsider);
      expect(add.statusCode).toBe(404);
      const found = (await get('/api/v1/search?q=acme', outsider)).json();
      expect(found.results.map((r: { title: string }) => r.title)).toEqual(['Acme Outside']);
    });

    it('ranks search results: whole name, then prefix, then word, ignoring case and accents', async () => {
      const res = await get('/api/v1/search?q=ACME');
      expect(res.statusCode).toBe(200);
      const titles = res
        .json()
        .results.map((r: { kind: string; title: string }) => `${r.kind}:${r.title}`);
      expect(titles.indexOf('account:Acme Robotics')).toBeLessThan(
        titles.indexOf('account:Big Acme'),
      );
      expect(titles).not.toContain('account:Acme Outside');
      // Deals and contacts found by their account's name come after the accounts named so.
      expect(titles.indexOf('account:Big Acme')).toBeLessThan(
        titles.indexOf('deal:Warehouse pilot'),
      );

      const accents = (await get(`/api/v1/search?q=${encodeURIComponent('societe gen')}`)).json();
      expect(accents.results[0]).toMatchObject({ kind: 'account', title: 'Société Générale' });
      const reverse = (await get(`/api/v1/search?q=${encodeURIComponent('ZOE ANGSTROM')}`)).json();
      expect(reverse.results[0]).toMatchObject({
        kind: 'contact',
        title: 'Zoë Ångström',
        accountName: 'Acme Robotics',
      });
      const inside = (await get('/api/v1/search?q=house')).json();
      expect(inside.results.map((r: { title: string }) => r.title)).toEqual(['Warehouse pilot']);
      const wildcard = (await get(`/api/v1/search?q=${encodeURIComponent('%')}`)).statusCode;
      expect(wildcard).toBe(400);
      // Punctuation separates words: every word must be found, so no LIKE wildcard reaches SQL.
      const words = (await get(`/api/v1/search?q=${encodeURIComponent('pil%war')}`)).json();
      expect(words.results.map((r: { title: string }) => r.title)).toEqual(['Warehouse pilot']);
    });

    it('offers the people named in a call’s notes as attendees: contacts first, then new names', async () => {
      const res = await send('POST', '/api/v1/calls/preview', {
        dealId: ownerDealId,
        at: '2026-11-24T09:30',
        notes: 'Call with zoe angstrom. Met Raj Patel from their IT team; Raj will send the specs.',
        attendees: [{ name: 'Ben', side: 'theirs' }],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().suggestedAttendees).toEqual([
        { name: 'Zoë Ångström', contactId: expect.stringMatching(/^ct_/), mentions: 1 },
        { name: 'Raj Patel', contactId: null, mentions: 2 },
      ]);
    });

    it('shows a rep only the deals they can see in search', async () => {
      const asRep = (await get('/api/v1/search?q=rollout', rep)).json();
      expect(asRep.results).toEqual([]);
      const asOwner = (await get('/api/v1/search?q=rollout')).json();
      expect(asOwner.results[0]).toMatchObject({
        kind: 'deal',
        id: ownerDealId,
        detail: expect.any(String),
      });
    });
  });
}
