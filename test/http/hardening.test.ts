import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, unknown> };
};

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`a hardened API on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let token: string;
    let dealId: string;

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx, 'Hard Co', 'owner@hard.example');
      token = await tokenFor(t.ctx, ws.actor);
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      dealId = (await addDeal(t.ctx, ws.actor, { account: 'Globex', title: 'Pilot' })).id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload });
    const dealRow = () =>
      t.store.db.selectFrom('deals').selectAll().where('id', '=', dealId).executeTakeFirstOrThrow();

    it.each([
      ['/api/v1/health', "default-src 'none'"],
      ['/', "script-src 'self'"],
      ['/docs/', "style-src 'self' 'unsafe-inline'"],
      ['/api/v1/nowhere', "default-src 'none'"],
    ])('sets the security headers on %s', async (url, csp) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-security-policy']).toContain(csp);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      // Plain http: HSTS would be meaningless (it is tested over https in auth.test.ts).
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps API answers out of shared caches', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer(token) });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it.each([
      ['the owner', { account: 'Globex', title: 'X', ownerId: 'mb_someone' }, 'ownerId'],
      ['the workspace', { account: 'Globex', title: 'X', workspaceId: 'ws_other' }, 'workspaceId'],
      ['the version', { account: 'Globex', title: 'X', version: 9 }, 'version'],
      ['the id', { account: 'Globex', title: 'X', id: 'dl_mine' }, 'id'],
    ])('refuses to let a new deal set %s', async (_what, body, field) => {
      const before = await t.store.db.selectFrom('deals').select('id').execute();
      const res = await post('/api/v1/deals', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation' });
      expect(res.json().detail).toContain(`unknown field "${field}"`);
      expect(await t.store.db.selectFrom('deals').select('id').execute()).toEqual(before);
    });

    it.each([[{ ownerId: 'mb_someone' }], [{ status: 'won' }], [{ version: 5 }], [{}]])(
      'refuses a deal update of %j and changes nothing',
      async (body) => {
        const before = await dealRow();
        const res = await app.inject({
          method: 'PATCH',
          url: `/api/v1/deals/${dealId}`,
          headers: { ...bearer(token), 'if-match': '"1"' },
          payload: body,
        });
        expect(res.statusCode).toBe(400);
        expect(await dealRow()).toEqual(before);
      },
    );

    it('answers an oversized body with 413, before reading it all', async () => {
      const huge = { name: 'x'.repeat(600 * 1024) };
      const res = await post('/api/v1/accounts', huge);
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('payload-too-large');
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.example', password: 'p'.repeat(20_000) },
      });
      expect(login.statusCode).toBe(413);
    });

    it.each([
      ['a body that is not JSON', '{"name": ', 'application/json', 400],
      ['a body sent as text', 'name=Globex', 'text/plain', 400],
      ['a body sent as XML', '<name>Globex</name>', 'application/xml', 415],
      ['a NUL character', '{"name":"Glo\\u0000bex"}', 'application/json', 400],
    ])('answers %s with a clear 4xx problem', async (_case, payload, type, status) => {
      const res = await post('/api/v1/accounts', payload, { 'content-type': type });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status, type: expect.stringContaining('/problems/') });
    });

    it('refuses a NUL in the path before it reaches the database', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/deals/dl_%00x',
        headers: bearer(token),
      });
      expect(res.statusCode).toBe(400);
    });

    it.each([
      ['a malformed percent-encoding', '/api/v1/deals/%E0%A4%A'],
      ['an id longer than the router takes', `/api/v1/deals/${'a'.repeat(300)}`],
    ])('answers %s with a 400 problem', async (_case, url) => {
      const res = await app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation', status: 400 });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('never shows a stack trace or SQL, even when the database is gone', async () => {
      const broken = await openTestContext(dialect.name);
      const ws = await seedWorkspace(broken.ctx, 'Broken Co', 'owner@broken.example');
      const brokenToken = await tokenFor(broken.ctx, ws.actor);
      const server = await startTestServer(broken);
      try {
        await broken.store.close();
        const res = await server.inject({
          method: 'GET',
          url: '/api/v1/deals',
          headers: bearer(brokenToken),
        });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toMatchObject({ code: 'internal', status: 500 });
        expect(res.body).not.toMatch(/select|from "|at .*\.ts|Error:|kysely|sqlite|postgres/i);
      } finally {
        await server.close();
        await broken.database.dispose();
      }
    });

    it('describes every API route in /openapi.json, with its errors', async () => {
      const doc = (
        await app.inject({ method: 'GET', url: '/openapi.json' })
      ).json<OpenApiDocument>();
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
      const api = app.routeCatalogue.filter((r) => r.url.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(10);
      for (const route of api) {
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        const op = doc.paths[path]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.url}`).toBeDefined();
        const statuses = Object.keys(op!.responses);
        expect(
          statuses.some((s) => s.startsWith('2')),
          route.url,
        ).toBe(true);
        for (const s of ['400', '401', '429']) expect(statuses, route.url).toContain(s);
        if (route.method !== 'GET') expect(statuses, route.url).toContain('403');
        const body = op!.requestBody?.content['application/json']?.schema;
        if (body) {
          expect(body.additionalProperties, `${route.method} ${route.url}`).toBe(false);
          expect(statuses).toContain('413');
        }
      }
    });

    it('serves the docs page that renders the document', async () => {
      const page = await app.inject({ method: 'GET', url: '/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('swagger-ui');
      const json = await app.inject({ method: 'GET', url: '/docs/json' });
      expect(json.json().openapi).toBe('3.1.0');
    });
  });
}
