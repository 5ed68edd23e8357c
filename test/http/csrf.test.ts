import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  tokenFor,
  type BrowserSession,
  type TestServer,
} from '../support/http.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`CSRF protection on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let browser: BrowserSession;
    let token: string;
    let counter = 0;

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx, 'Csrf Co', 'owner@csrf.example');
      await givePassword(t.ctx, ws.owner);
      browser = await signIn(app, 'owner@csrf.example');
      token = await tokenFor(t.ctx, ws.actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const accounts = async () =>
      (await t.store.db.selectFrom('accounts').select('id').execute()).length;
    const addAccount = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers,
        payload: { name: `Account ${++counter}` },
      });

    it.each<[string, () => Record<string, string>, number]>([
      ['session with its token, same origin', () => browser.headers(), 201],
      ['session with its token and no Origin (not a browser)', () => withoutOrigin(), 201],
      [
        'session without the token',
        () => ({ cookie: browser.cookie, origin: 'http://localhost' }),
        403,
      ],
      ['session with a wrong token', () => browser.headers({ 'x-csrf-token': 'csrf_guess' }), 403],
      [
        'session from another origin',
        () => browser.headers({ origin: 'https://evil.example' }),
        403,
      ],
      [
        'session from another port',
        () => browser.headers({ origin: 'http://localhost:8080' }),
        403,
      ],
      ['session with Origin: null', () => browser.headers({ origin: 'null' }), 403],
      ['session marked cross-site', () => browser.headers({ 'sec-fetch-site': 'cross-site' }), 403],
      [
        'bearer token from any origin',
        () => ({ ...bearer(token), origin: 'https://evil.example' }),
        201,
      ],
    ])('%s → %i, and nothing is written when refused', async (_case, headers, status) => {
      const before = await accounts();
      const res = await addAccount(headers());
      expect(res.statusCode, res.body).toBe(status);
      expect(await accounts()).toBe(before + (status === 201 ? 1 : 0));
      if (status === 403) expect(res.json().code).toBe('forbidden');
    });

    function withoutOrigin() {
      const { origin: _origin, ...rest } = browser.headers();
      return rest;
    }

    it('lets a session read without the token (safe methods change nothing)', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/accounts',
        headers: { cookie: browser.cookie, origin: 'https://evil.example' },
      });
      expect(res.statusCode).toBe(200);
    });

    it('refuses a sign-in posted from another site (login CSRF)', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'https://evil.example' },
        payload: { email: 'owner@csrf.example', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(403);
      expect(res.cookies).toEqual([]);
    });

    it('compares with the configured public origin when there is one', async () => {
      const behindProxy = await startTestServer(t, { publicOrigin: 'https://crm.example.com' });
      try {
        const ok = await behindProxy.inject({
          method: 'POST',
          url: '/api/v1/accounts',
          headers: browser.headers({ origin: 'https://crm.example.com' }),
          payload: { name: 'Via proxy' },
        });
        expect(ok.statusCode, ok.body).toBe(201);
        const wrongScheme = await behindProxy.inject({
          method: 'POST',
          url: '/api/v1/accounts',
          headers: browser.headers({ origin: 'http://crm.example.com' }),
          payload: { name: 'Via http' },
        });
        expect(wrongScheme.statusCode).toBe(403);
      } finally {
        await behindProxy.close();
      }
    });
  });
}
