import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  startTestServer,
  TEST_PASSWORD,
  tokenFor,
  type TestServer,
} from '../support/http.ts';

// Addresses from the documentation ranges (RFC 5737): app.inject never touches a network.
const ATTACKER = '192.0.2.66';
const HOME = '198.51.100.7';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`rate limits on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let workspaceId: string;

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t, {
        signInLimits: {
          perIp: { max: 8, windowMs: 15 * 60_000 },
          perAccountAndIp: { max: 3, windowMs: 15 * 60_000 },
          perAccount: { max: 6, windowMs: 60 * 60_000 },
          trustMs: 30 * 24 * 3600_000,
        },
      });
      const ws = await seedWorkspace(t.ctx, 'Limits Co', 'owner@limits.example');
      workspaceId = ws.workspace.id;
      for (const name of ['ann', 'bob', 'cat']) {
        const m = await seedMember(t.ctx, workspaceId, `${name}@limits.example`, 'rep');
        await givePassword(t.ctx, m.member);
      }
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const login = (email: string, password: string, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email, password },
      });

    it('limits each API token on its own, answering 429 with Retry-After', async () => {
      const limited = await startTestServer(t, { requestsPerMinute: 5 });
      try {
        const ws = await seedWorkspace(t.ctx, 'Busy Co', 'busy@limits.example');
        const noisy = await tokenFor(t.ctx, ws.actor, 'noisy');
        const quiet = await tokenFor(t.ctx, ws.actor, 'quiet');
        const get = (token: string) =>
          limited.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer(token) });
        for (let i = 0; i < 5; i++) {
          const res = await get(noisy);
          expect(res.statusCode).toBe(200);
          // Counted once per request, the budget left told on each answer.
          expect(res.headers['x-ratelimit-limit']).toBe('5');
          expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
        }
        const refused = await get(noisy);
        expect(refused.statusCode).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(refused.json()).toMatchObject({ code: 'rate-limited', status: 429 });
        expect((await get(quiet)).statusCode).toBe(200);
        // Pages and the API docs are not counted.
        expect((await limited.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('slows guessing at one account from one address without locking the owner out', async () => {
      for (let i = 0; i < 3; i++) {
        expect((await login('ann@limits.example', `wrong guess ${i}`, ATTACKER)).statusCode).toBe(
          401,
        );
      }
      const blocked = await login('ann@limits.example', TEST_PASSWORD, ATTACKER);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('rate-limited');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      // Ann herself, from home, signs in as usual.
      expect((await login('ann@limits.example', TEST_PASSWORD, HOME)).statusCode).toBe(200);

      // Once the window has passed, the address may try again.
      t.clock.advance(retryAfter * 1000);
      expect((await login('ann@limits.example', TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
    });

    it('slows one address trying many accounts', async () => {
      t.clock.advance(60 * 60_000);
      const accounts = ['bob', 'cat', 'nobody1', 'nobody2'];
      for (let i = 0; i < 8; i++) {
        const res = await login(`${accounts[i % 4]}@limits.example`, `guess ${i}`, ATTACKER);
        expect(res.statusCode).toBe(401);
      }
      const next = await login('cat@limits.example', TEST_PASSWORD, ATTACKER);
      expect(next.statusCode).toBe(429);
      expect((await login('cat@limits.example', TEST_PASSWORD, HOME)).statusCode).toBe(200);
    });

    it('slows many addresses trying one account, except where its owner signed in before', async () => {
      t.clock.advance(2 * 60 * 60_000);
      // Bob signed in from home once.
      expect((await login('bob@limits.example', TEST_PASSWORD, HOME)).statusCode).toBe(200);
      for (let i = 0; i < 6; i++) {
        const res = await login('bob@limits.example', `guess ${i}`, `203.0.113.${i + 1}`);
        expect(res.statusCode).toBe(401);
      }
      expect((await login('bob@limits.example', TEST_PASSWORD, '203.0.113.99')).statusCode).toBe(
        429,
      );
      expect((await login('bob@limits.example', TEST_PASSWORD, HOME)).statusCode).toBe(200);
    });

    it('caps sign-in attempts per address per minute, whatever their outcome', async () => {
      const strict = await startTestServer(t, { authRequestsPerMinute: 3 });
      try {
        const attempt = () =>
          strict.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '192.0.2.200',
            payload: { email: 'cat@limits.example', password: TEST_PASSWORD },
          });
        for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(200);
        const refused = await attempt();
        expect(refused.statusCode).toBe(429);
        expect(refused.headers['retry-after']).toBeDefined();
      } finally {
        await strict.close();
      }
    });
  });
}
