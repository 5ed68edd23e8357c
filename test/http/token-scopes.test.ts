/*
 * API tokens carry scopes, and the audit log says which credential made each change (issue 11):
 * a leaked read-only token cannot write, a token cannot mint tokens unless made with that right
 * (nor wider ones than its own), and every entry names the session or token behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  signIn,
  startTestServer,
  type BrowserSession,
  type TestServer,
} from '../support/http.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `token scopes and audited credentials on ${dialect.name}`,
    () => {
      let t: TestContext;
      let app: TestServer;
      let actor: Awaited<ReturnType<typeof seedWorkspace>>['actor'];
      let browser: BrowserSession;
      beforeAll(async () => {
        t = await openTestContext(dialect.name);
        app = await startTestServer(t);
        const ws = await seedWorkspace(t.ctx, 'Scopes Co', 'owner@scopes.example');
        actor = ws.actor;
        await givePassword(t.ctx, ws.owner);
        browser = await signIn(app, 'owner@scopes.example');
      });
      afterAll(async () => {
        await app?.close();
        await t?.close();
      });

      const make = async (scopes?: string[]) =>
        createApiToken(t.ctx, actor, { name: 'script', ...(scopes && { scopes }) });
      const createAccount = (headers: Record<string, string>, name: string) =>
        app.inject({ method: 'POST', url: '/api/v1/accounts', headers, payload: { name } });
      const mint = (headers: Record<string, string>, scopes?: string[]) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers,
          payload: { name: 'minted', ...(scopes && { scopes }) },
        });

      it('a read token reads and cannot write', async () => {
        const { secret, token } = await make(['read']);
        expect(token.scopes).toEqual(['read']);
        expect(
          (await app.inject({ url: '/api/v1/accounts', headers: bearer(secret) })).statusCode,
        ).toBe(200);
        const write = await createAccount(bearer(secret), 'Read Only Inc');
        expect(write.statusCode, write.body).toBe(403);
        expect(write.json().detail).toMatch(/may not make changes/);
      });

      it('a token made without the right cannot mint or revoke tokens', async () => {
        const plain = await make();
        expect(plain.token.scopes).toEqual(['read', 'write']);
        expect((await createAccount(bearer(plain.secret), 'Writer Inc')).statusCode).toBe(201);
        const minted = await mint(bearer(plain.secret));
        expect(minted.statusCode, minted.body).toBe(403);
        const other = await make();
        const revoke = await app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${other.token.id}`,
          headers: bearer(plain.secret),
        });
        expect(revoke.statusCode).toBe(403);
      });

      it('a token with the right mints only scopes it has', async () => {
        const minter = await make(['read', 'tokens']);
        const narrower = await mint(bearer(minter.secret), ['read']);
        expect(narrower.statusCode, narrower.body).toBe(201);
        expect(narrower.json().scopes).toEqual(['read']);
        const wider = await mint(bearer(minter.secret), ['read', 'write']);
        expect(wider.statusCode).toBe(403);
        // A session is limited by role only, and chooses the scopes.
        const bySession = await mint(browser.headers(), ['read', 'write', 'tokens']);
        expect(bySession.statusCode, bySession.body).toBe(201);
        expect(bySession.json().scopes).toEqual(['read', 'write', 'tokens']);
        const bad = await mint(browser.headers(), ['admin']);
        expect(bad.statusCode).toBe(400);
      });

      it('records the session or token that made each change', async () => {
        const { secret, token } = await make();
        const viaToken = await createAccount(bearer(secret), 'Via Token Inc');
        const viaSession = await createAccount(browser.headers(), 'Via Session Inc');
        expect(viaToken.statusCode).toBe(201);
        expect(viaSession.statusCode).toBe(201);
        const me = await app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } });
        expect(me.statusCode).toBe(200);
        const log = await app.inject({ url: '/api/v1/audit?limit=50', headers: bearer(secret) });
        expect(log.statusCode, log.body).toBe(200);
        const entries: { entityId: string; actorId: string; credentialId: string | null }[] =
          log.json();
        const of = (id: string) => entries.find((e) => e.entityId === id);
        expect(of(viaToken.json().id)).toMatchObject({
          actorId: actor.memberId,
          credentialId: token.id,
        });
        expect(of(viaSession.json().id)?.credentialId).toMatch(/^se_/);
        const rows = await t.store.db
          .selectFrom('audit_log')
          .select('credential_id')
          .where('entity_id', '=', viaSession.json().id)
          .execute();
        expect(rows[0]!.credential_id).toBe(of(viaSession.json().id)?.credentialId);
      });
    },
  );
}
