/*
 * Attacks on accounts, each reproduced as an attacker would run it against a server with open
 * sign-up (issue 11): one identity across workspaces must never be taken over through an
 * invitation, squatted before `init`, or guessed through a side door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleWorkspace } from '../../src/app/demo/load-sample-workspace.ts';
import { initWorkspace } from '../../src/core/workspaces/flows/init-workspace.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  sessionFrom,
  startTestServer,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type BrowserSession,
  type TestServer,
} from '../support/http.ts';

const ATTACKER_PASSWORD = 'attacker picks this phrase';
const ATTACKER_IP = '192.0.2.66';
const PROFILE = { timeZone: 'Europe/Berlin', region: 'DE' };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `accounts that cannot be taken over on ${dialect.name}`,
    () => {
      let t: TestContext;
      let app: TestServer;
      let attacker: BrowserSession;
      let attackerIp = 0;
      // Each test comes from its own address, so that the limits one test provokes do not
      // answer for the next.
      const nextIp = () => `192.0.2.${++attackerIp}`;

      beforeAll(async () => {
        t = await openTestContext(dialect.name);
        app = await startTestServer(t, {
          openSignup: true,
          bearerFailureLimit: { max: 30, windowMs: 60_000 },
          signInLimits: {
            perIp: { max: 8, windowMs: 15 * 60_000 },
            perAccountAndIp: { max: 3, windowMs: 15 * 60_000 },
            perAccount: { max: 6, windowMs: 60 * 60_000 },
            trustMs: 30 * 24 * 3600_000,
          },
        });
        const signup = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          remoteAddress: ATTACKER_IP,
          payload: {
            workspace: 'Evil Co',
            name: 'Mallory',
            email: 'mallory@evil.example',
            password: ATTACKER_PASSWORD,
            ...PROFILE,
          },
        });
        expect(signup.statusCode, signup.body).toBe(201);
        attacker = sessionFrom(signup);
      });
      afterAll(async () => {
        await app?.close();
        await t?.close();
      });

      const invite = async (email: string, role = 'owner') => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/invitations',
          headers: attacker.headers(),
          payload: { email, role },
        });
        expect(res.statusCode, res.body).toBe(201);
        return String(res.json().token);
      };
      const accept = (token: string, password: string, remoteAddress = nextIp()) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/accept-invitation',
          remoteAddress,
          payload: { token, name: 'Whoever', password, ...PROFILE },
        });
      const login = (email: string, password: string, remoteAddress = nextIp()) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          payload: { email, password },
        });
      const signUp = (email: string, password: string, remoteAddress = nextIp()) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          remoteAddress,
          payload: { workspace: 'Another Co', name: 'Someone', email, password, ...PROFILE },
        });
      const hashOf = async (email: string) =>
        (
          await t.store.db
            .selectFrom('users')
            .select('password_hash')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).password_hash;

      it('1. an invitation never sets the password of an account made by `momentum init`', async () => {
        await seedWorkspace(t.ctx, 'Victim Co', 'victim@victim.example');
        const token = await invite('victim@victim.example');
        const takeover = await accept(token, ATTACKER_PASSWORD);
        expect(takeover.statusCode, takeover.body).toBeGreaterThanOrEqual(400);
        expect(takeover.headers['set-cookie']).toBeUndefined();
        expect(await hashOf('victim@victim.example')).toBeNull();
        expect((await login('victim@victim.example', ATTACKER_PASSWORD)).statusCode).toBe(401);
      });

      it('1. an account with a password joins another workspace only with that password', async () => {
        const victim = await seedWorkspace(t.ctx, 'Known Co', 'known@victim.example');
        await givePassword(t.ctx, victim.owner);
        const token = await invite('known@victim.example', 'rep');
        expect((await accept(token, ATTACKER_PASSWORD)).statusCode).toBe(401);
        const joined = await accept(token, TEST_PASSWORD);
        expect(joined.statusCode, joined.body).toBe(201);
        expect(joined.json().member.role).toBe('rep');
        // Still the victim's own password.
        expect((await login('known@victim.example', TEST_PASSWORD)).statusCode).toBe(200);
      });

      it('2. an address squatted through an invitation cannot become the owner of a new workspace', async () => {
        const token = await invite('ceo@newco.example', 'rep');
        expect((await accept(token, ATTACKER_PASSWORD)).statusCode).toBe(201);
        await expect(
          initWorkspace(t.ctx, {
            workspace: 'NewCo',
            name: 'The CEO',
            email: 'ceo@newco.example',
            ...PROFILE,
          }),
        ).rejects.toThrow(/already has a Momentum account/);
        const signup = await signUp('ceo@newco.example', 'the real ceo phrase');
        expect(signup.statusCode, signup.body).toBe(409);
        const sample = await app.inject({
          method: 'POST',
          url: '/api/v1/demo',
          remoteAddress: nextIp(),
          payload: {
            workspace: 'NewCo sample',
            name: 'The CEO',
            email: 'ceo@newco.example',
            password: 'the real ceo phrase',
            ...PROFILE,
          },
        });
        expect(sample.statusCode, sample.body).toBe(409);
        const workspaces = await t.store.db
          .selectFrom('workspaces')
          .select('name')
          .where('name', 'in', ['NewCo', 'Another Co', 'NewCo sample'])
          .execute();
        expect(workspaces).toEqual([]);
      });

      it('2. signing up with an existing account and its password adds a workspace to it', async () => {
        const first = await signUp('founder@twice.example', TEST_PASSWORD);
        expect(first.statusCode, first.body).toBe(201);
        const second = await signUp('founder@twice.example', TEST_PASSWORD);
        expect(second.statusCode, second.body).toBe(201);
        const me = await app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { cookie: sessionFrom(second).cookie },
        });
        expect(me.json().memberships).toHaveLength(2);
      });

      it('3. accept-invitation shares the sign-in limiter: a locked account cannot be guessed there', async () => {
        const victim = await seedWorkspace(t.ctx, 'Locked Co', 'locked@victim.example');
        await givePassword(t.ctx, victim.owner);
        const ip = nextIp();
        for (let i = 0; i < 3; i++) {
          expect((await login('locked@victim.example', `wrong guess ${i}`, ip)).statusCode).toBe(
            401,
          );
        }
        expect((await login('locked@victim.example', 'wrong guess 4', ip)).statusCode).toBe(429);
        const statuses = [];
        for (let i = 0; i < 4; i++) {
          statuses.push(
            (await accept(await invite('locked@victim.example'), `guess ${i}`, ip)).statusCode,
          );
        }
        expect(statuses).toEqual([429, 429, 429, 429]);
        // Even the right password is not checked while the account is locked from there.
        const right = await accept(await invite('locked@victim.example'), TEST_PASSWORD, ip);
        expect(right.statusCode).toBe(429);
      });

      it('6. "already has an account" answers are throttled like failed sign-ins', async () => {
        await seedWorkspace(t.ctx, 'Enum Co', 'enum@victim.example');
        const ip = nextIp();
        const statuses = [];
        for (let i = 0; i < 5; i++)
          statuses.push((await signUp('enum@victim.example', TEST_PASSWORD, ip)).statusCode);
        expect(statuses.slice(0, 3)).toEqual([409, 409, 409]);
        expect(statuses.slice(3)).toEqual([429, 429]);
      });

      it('10. look-alike addresses are one account, and invisible characters are refused', async () => {
        const nfc = 'jos\u00e9@accents.example';
        const nfd = 'jose\u0301@accents.example';
        expect((await signUp(nfc, TEST_PASSWORD)).statusCode).toBe(201);
        const again = await signUp(nfd, 'a different long phrase');
        expect(again.statusCode, again.body).toBe(409);
        expect((await login(nfd, TEST_PASSWORD)).statusCode).toBe(200);
        expect((await login(` JOS\u00c9@ACCENTS.example `, TEST_PASSWORD)).statusCode).toBe(200);
        for (const sneaky of [
          'ze\u200bro@accents.example',
          'rtl\u202e@accents.example',
          'bell\u0007@accents.example',
        ]) {
          const res = await signUp(sneaky, TEST_PASSWORD);
          expect(res.statusCode, sneaky).toBe(400);
        }
        const users = await t.store.db
          .selectFrom('users')
          .select('email')
          .where('email', 'like', '%accents.example')
          .execute();
        expect(users.map((u) => u.email)).toEqual([nfc]);
      });

      it('11. a second sample workspace works, and a failed one leaves nothing behind', async () => {
        const sample = (email: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/demo',
            remoteAddress: nextIp(),
            payload: {
              workspace: 'Sample',
              name: 'Sam',
              email,
              password: TEST_PASSWORD,
              ...PROFILE,
            },
          });
        const first = await sample('sam1@sample-owner.example');
        expect(first.statusCode, first.body).toBe(201);
        const second = await sample('sam2@sample-owner.example');
        expect(second.statusCode, second.body).toBe(201);
        expect(second.json().workspace.id).not.toBe(first.json().workspace.id);

        const counts = async () =>
          Promise.all(
            (['workspaces', 'users', 'members', 'deals', 'audit_log', 'sessions'] as const).map(
              async (table) =>
                Number(
                  (
                    await t.store.db
                      .selectFrom(table)
                      .select((eb) => eb.fn.countAll().as('n'))
                      .executeTakeFirstOrThrow()
                  ).n,
                ),
            ),
          );
        const before = await counts();
        // The disk fills up halfway through the story.
        let inserted = 0;
        const failing = {
          ...t.ctx,
          deals: {
            ...t.ctx.deals,
            insert: async (...args: Parameters<typeof t.ctx.deals.insert>) => {
              if (++inserted > 5) throw new Error('disk full');
              return t.ctx.deals.insert(...args);
            },
          },
        };
        await expect(
          createSampleWorkspace(
            failing,
            {
              workspace: 'Doomed',
              name: 'Sam',
              email: 'sam3@sample-owner.example',
              password: TEST_PASSWORD,
              ...PROFILE,
            },
            { open: true },
          ),
        ).rejects.toThrow('disk full');
        expect(inserted).toBeGreaterThan(5);
        expect(await counts()).toEqual(before);
      }, 180_000);

      it('12. JSON types are not coerced: a boolean is not an amount', async () => {
        const headers = attacker.headers();
        await app.inject({
          method: 'POST',
          url: '/api/v1/accounts',
          headers,
          payload: { name: 'Globex' },
        });
        for (const payload of [
          { account: 'Globex', title: 'Bool', amount: true },
          { account: 'Globex', title: 'Text', amount: '12' },
          { account: 'Globex', title: 42 },
        ]) {
          const res = await app.inject({ method: 'POST', url: '/api/v1/deals', headers, payload });
          expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        }
        // Query strings are text by nature; numbers there still parse.
        const audit = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=5', headers });
        expect(audit.statusCode, audit.body).toBe(200);
      });

      it('8. guessed bearer tokens are limited per client address', async () => {
        const ip = nextIp();
        const statuses = new Set<number>();
        for (let i = 0; i < 120; i++) {
          const res = await app.inject({
            method: 'GET',
            url: '/api/v1/deals',
            remoteAddress: ip,
            headers: bearer(`mtm_guess${i}`),
          });
          statuses.add(res.statusCode);
          if (res.statusCode === 429) {
            expect(res.headers['retry-after']).toBeDefined();
            break;
          }
        }
        expect([...statuses]).toEqual([401, 429]);
        // Another address is not affected.
        const other = await app.inject({
          method: 'GET',
          url: '/api/v1/deals',
          remoteAddress: nextIp(),
          headers: bearer('mtm_guess'),
        });
        expect(other.statusCode).toBe(401);
      });

      it('9. a request for another host name (DNS rebinding) is refused', async () => {
        const rebinding = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { host: 'evil.example', origin: 'http://evil.example' },
          payload: { email: 'mallory@evil.example', password: ATTACKER_PASSWORD },
        });
        expect(rebinding.statusCode).toBe(400);
        expect(rebinding.headers['set-cookie']).toBeUndefined();
        const read = await app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { host: 'evil.example:80', cookie: attacker.cookie },
        });
        expect(read.statusCode).toBe(400);
        for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
          const ok = await app.inject({ method: 'GET', url: '/api/v1/health', headers: { host } });
          expect(ok.statusCode, host).toBe(200);
        }
        const configured = await startTestServer(t, { publicOrigin: 'https://crm.example.com' });
        try {
          const good = await configured.inject({
            method: 'GET',
            url: '/api/v1/health',
            headers: { host: 'crm.example.com' },
          });
          expect(good.statusCode).toBe(200);
          const bad = await configured.inject({
            method: 'GET',
            url: '/api/v1/health',
            headers: { host: 'evil.example' },
          });
          expect(bad.statusCode).toBe(400);
          // A page cannot make a browser send a loopback name for its own site, and a proxy
          // that rewrites Host usually sends one: still accepted.
          const upstream = await configured.inject({
            method: 'GET',
            url: '/api/v1/health',
            headers: { host: '127.0.0.1:3000' },
          });
          expect(upstream.statusCode).toBe(200);
        } finally {
          await configured.close();
        }
      });

      it('keeps origin checks working for the signed-in attacker', async () => {
        const res = await app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { cookie: attacker.cookie, origin: TEST_ORIGIN },
        });
        expect(res.statusCode).toBe(200);
      });
    },
  );
}
