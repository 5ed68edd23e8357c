import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  sessionFrom,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  tokenFor,
  type TestServer,
} from '../support/http.ts';

const signupBody = (email: string, workspace = 'First Co') => ({
  workspace,
  name: 'Fay First',
  email,
  password: TEST_PASSWORD,
  timeZone: 'Europe/Berlin',
  region: 'DE',
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`sign-up, sign-in and sessions on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const me = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/v1/me', headers });

    it('lets the first person sign up, with an HttpOnly SameSite=Lax cookie, then closes', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: signupBody('fay@first.example'),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        member: { email: 'fay@first.example', role: 'owner' },
        workspace: { name: 'First Co' },
      });
      const cookie = res.cookies[0]!;
      expect(cookie).toMatchObject({
        name: 'momentum_session',
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
      });
      // Plain http is accepted on localhost only; there the cookie cannot be Secure.
      expect(cookie.secure).toBeUndefined();
      expect(cookie.value).toMatch(/^mss_[A-Za-z0-9_-]{43}$/);

      const browser = sessionFrom(res);
      const who = await me({ cookie: browser.cookie });
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ credential: 'session', csrfToken: browser.csrfToken });

      // Only a hash of the cookie is stored.
      const rows = await t.store.db.selectFrom('sessions').select('token_hash').execute();
      const digest = createHash('sha256').update(cookie.value).digest('hex');
      expect(rows.map((r) => r.token_hash)).toContain(digest);
      expect(JSON.stringify(rows)).not.toContain(cookie.value);
      const stored = await t.store.db.selectFrom('users').select('password_hash').execute();
      expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: signupBody('second@first.example', 'Second Co'),
      });
      expect(again.statusCode).toBe(403);
      expect(again.json()).toMatchObject({ code: 'forbidden' });
    });

    it('keeps sign-up open on a server run with --open-signup', async () => {
      const open = await startTestServer(t, { openSignup: true });
      try {
        const res = await open.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: signupBody('tenant@second.example', 'Tenant Two'),
        });
        expect(res.statusCode, res.body).toBe(201);
        // The address has an account now: without its password, no new workspace for it.
        const dup = await open.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: {
            ...signupBody('tenant@second.example', 'Tenant Three'),
            password: 'somebody else entirely',
          },
        });
        expect(dup.statusCode).toBe(409);
      } finally {
        await open.close();
      }
    });

    it.each([
      ['too short', 'Ab1!xyz'],
      ['a common password', 'Password123!'],
      ['a common word with a year', 'Summer2026'],
      ['the e-mail name', 'newcomer2025'],
      ['too repetitive', 'abababababab'],
      ['too long', 'x'.repeat(300)],
    ])('refuses a weak password at sign-up (%s)', async (_why, password) => {
      const open = await startTestServer(t, { openSignup: true });
      try {
        const res = await open.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: { ...signupBody('newcomer@example.com', 'Weak Co'), password },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('validation');
      } finally {
        await open.close();
      }
    });

    it('answers a wrong password and an unknown e-mail alike', async () => {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'fay@first.example', password: 'not the password at all' },
      });
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@first.example', password: 'not the password at all' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().detail).toBe(unknown.json().detail);
      expect(wrong.cookies).toEqual([]);
    });

    it('rotates the session at sign-in: the cookie held before stops working', async () => {
      const first = await signIn(app, 'fay@first.example');
      const second = sessionFrom(
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: first.headers(),
          payload: { email: 'fay@first.example', password: TEST_PASSWORD },
        }),
      );
      expect(second.cookie).not.toBe(first.cookie);
      expect((await me({ cookie: first.cookie })).statusCode).toBe(401);
      expect((await me({ cookie: second.cookie })).statusCode).toBe(200);
    });

    it('revokes the session on the server at sign-out', async () => {
      const browser = await signIn(app, 'fay@first.example');
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: browser.headers(),
      });
      expect(out.statusCode).toBe(204);
      expect(out.cookies[0]).toMatchObject({ name: 'momentum_session', value: '' });
      // A copy of the cookie kept by an attacker is worthless now.
      expect((await me({ cookie: browser.cookie })).statusCode).toBe(401);
    });

    it('ends sessions after 7 idle days, and 30 days after sign-in at the latest', async () => {
      const idle = await signIn(app, 'fay@first.example');
      t.clock.advance(7 * 24 * 3600_000 + 1000);
      expect((await me({ cookie: idle.cookie })).statusCode).toBe(401);

      const busy = await signIn(app, 'fay@first.example');
      for (let day = 0; day < 29; day++) {
        t.clock.advance(24 * 3600_000);
        expect((await me({ cookie: busy.cookie })).statusCode).toBe(200);
      }
      t.clock.advance(24 * 3600_000);
      expect((await me({ cookie: busy.cookie })).statusCode).toBe(401);
    });

    it('signs every session out when the password changes, and hands the browser a new one', async () => {
      const here = await signIn(app, 'fay@first.example');
      const elsewhere = await signIn(app, 'fay@first.example');
      const owner = await t.ctx.users.findByEmail(t.ctx.runner.executor, 'fay@first.example');
      const [membership] = await t.ctx.members.listActiveByUser(t.ctx.runner.executor, owner!.id);
      const token = await tokenFor(t.ctx, {
        memberId: membership!.id,
        workspaceId: membership!.workspaceId,
        role: 'owner',
      });

      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: here.headers(),
        payload: { currentPassword: 'guess guess guess', newPassword: 'violet harbour drums' },
      });
      expect(wrong.statusCode).toBe(403);

      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: here.headers(),
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'violet harbour drums' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const fresh = sessionFrom(res);
      expect((await me({ cookie: here.cookie })).statusCode).toBe(401);
      expect((await me({ cookie: elsewhere.cookie })).statusCode).toBe(401);
      expect((await me({ cookie: fresh.cookie })).statusCode).toBe(200);
      expect((await me(bearer(token))).statusCode).toBe(200);
      await signIn(app, 'fay@first.example', 'violet harbour drums');
    });

    it('uses a __Host- Secure cookie over https and on any host but localhost', async () => {
      const proxied = await startTestServer(t, {
        trustProxy: 1,
        publicOrigin: 'https://crm.example.com',
      });
      try {
        const viaHttps = await proxied.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-proto': 'https', host: 'crm.example.com' },
          payload: { email: 'fay@first.example', password: 'violet harbour drums' },
        });
        expect(viaHttps.statusCode, viaHttps.body).toBe(200);
        expect(viaHttps.cookies[0]).toMatchObject({
          name: '__Host-momentum_session',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
          path: '/',
        });
        expect(viaHttps.cookies[0]!.domain).toBeUndefined();
        expect(viaHttps.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      } finally {
        await proxied.close();
      }
      const onLan = await startTestServer(t, { publicOrigin: 'http://crm.internal:3000' });
      try {
        const lan = await onLan.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { host: 'crm.internal:3000' },
          payload: { email: 'fay@first.example', password: 'violet harbour drums' },
        });
        expect(lan.cookies[0]).toMatchObject({ name: '__Host-momentum_session', secure: true });
        expect(lan.headers['strict-transport-security']).toBeUndefined();
      } finally {
        await onLan.close();
      }
    });
  });

  describe.skipIf(!dialect.available)(`invitations and removal on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let ownerToken: string;
    let managerToken: string;
    let repToken: string;
    let workspaceId: string;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx, 'Invite Co', 'owner@invite.example');
      workspaceId = ws.workspace.id;
      ownerToken = await tokenFor(t.ctx, ws.actor);
      const manager = await seedMember(t.ctx, workspaceId, 'manager@invite.example', 'manager');
      managerToken = await tokenFor(t.ctx, manager.actor);
      const rep = await seedMember(t.ctx, workspaceId, 'rep@invite.example', 'rep');
      repToken = await tokenFor(t.ctx, rep.actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const invite = (token: string, email: string, role: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: bearer(token),
        payload: { email, role },
      });
    const accept = (token: string, password = TEST_PASSWORD) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/accept-invitation',
        payload: { token, name: 'Nina New', password, timeZone: 'Asia/Tokyo', region: 'JP' },
      });

    it.each([
      ['owner', 'owner', 201],
      ['manager', 'manager', 201],
      ['manager', 'owner', 403],
      ['rep', 'rep', 403],
    ])('a %s inviting a %s gets %i', async (who, role, status) => {
      const token = { owner: ownerToken, manager: managerToken, rep: repToken }[who]!;
      const res = await invite(token, `${who}-invites-${role}@invite.example`, role);
      expect(res.statusCode, res.body).toBe(status);
    });

    it('lets the invitee join once by setting a password, then signs them in', async () => {
      const created = await invite(ownerToken, 'nina@invite.example', 'manager');
      const { token, invitation } = created.json();
      expect(token).toMatch(/^inv_/);
      const listed = await app.inject({
        method: 'GET',
        url: '/api/v1/invitations',
        headers: bearer(managerToken),
      });
      expect(listed.json().map((i: { id: string }) => i.id)).toContain(invitation.id);
      expect(listed.body).not.toContain(token);

      const joined = await accept(token);
      expect(joined.statusCode, joined.body).toBe(201);
      expect(joined.json().member).toMatchObject({
        email: 'nina@invite.example',
        role: 'manager',
        timeZone: 'Asia/Tokyo',
      });
      const browser = sessionFrom(joined);
      const who = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: browser.cookie },
      });
      expect(who.json().workspace.id).toBe(workspaceId);
      expect((await accept(token)).statusCode).toBe(404);
      await signIn(app, 'nina@invite.example');
    });

    it('refuses an expired or revoked invitation', async () => {
      const expiring = (await invite(ownerToken, 'late@invite.example', 'rep')).json();
      const revoked = (await invite(ownerToken, 'gone@invite.example', 'rep')).json();
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/v1/invitations/${revoked.invitation.id}`,
        headers: bearer(managerToken),
      });
      expect(del.statusCode).toBe(204);
      expect((await accept(revoked.token)).statusCode).toBe(404);
      t.clock.advance(7 * 24 * 3600_000 + 1);
      expect((await accept(expiring.token)).statusCode).toBe(404);
    });

    it('asks someone who already has an account for that password, not a new one', async () => {
      const other = await seedWorkspace(t.ctx, 'Other Co', 'known@other.example');
      await givePassword(t.ctx, other.owner);
      const { token } = (await invite(ownerToken, 'known@other.example', 'rep')).json();
      const takeover = await accept(token, 'attacker chosen phrase');
      expect(takeover.statusCode).toBe(401);
      const joined = await accept(token, TEST_PASSWORD);
      expect(joined.statusCode, joined.body).toBe(201);
      expect(joined.json().member.role).toBe('rep');
    });

    it('removing a member revokes their sessions and API tokens at once', async () => {
      const leaver = await seedMember(t.ctx, workspaceId, 'leaver@invite.example', 'rep');
      await givePassword(t.ctx, leaver.member);
      const browser = await signIn(app, 'leaver@invite.example');
      const token = await tokenFor(t.ctx, leaver.actor);

      const byRep = await app.inject({
        method: 'DELETE',
        url: `/api/v1/members/${leaver.member.id}`,
        headers: bearer(repToken),
      });
      expect(byRep.statusCode).toBe(403);

      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/v1/members/${leaver.member.id}`,
        headers: bearer(managerToken),
      });
      expect(removed.statusCode).toBe(204);
      const asToken = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: bearer(token),
      });
      const asCookie = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: browser.cookie },
      });
      expect(asToken.statusCode).toBe(401);
      expect(asCookie.statusCode).toBe(401);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'leaver@invite.example', password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
      const members = await app.inject({
        method: 'GET',
        url: '/api/v1/members',
        headers: bearer(ownerToken),
      });
      expect(members.body).not.toContain('leaver@invite.example');

      // Re-invited, they come back with the role of the new invitation.
      const { token: again } = (
        await invite(ownerToken, 'leaver@invite.example', 'manager')
      ).json();
      const back = await accept(again);
      expect(back.statusCode, back.body).toBe(201);
      expect(back.json().member).toMatchObject({ id: leaver.member.id, role: 'manager' });
    });
  });
}
