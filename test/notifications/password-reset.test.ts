import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/app/mail/smtp-mailer.ts';
import { EMAIL_NOT_CONFIGURED } from '../../src/core/notifications/ports.ts';
import { RESET_LINK_INVALID } from '../../src/core/auth/flows/password-reset.ts';
import { RESET_REQUESTED, settleResetRequests } from '../../src/http/routes/password-resets.ts';
import { seedMember } from '../support/fixtures.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import {
  bearer,
  givePassword,
  signIn,
  startTestServer,
  tokenFor,
  TEST_ORIGIN,
  type TestServer,
} from '../support/http.ts';
import { startSmtpPeer } from '../support/mail.ts';
import { newRep } from '../today/scenario.ts';

const PUBLIC = 'https://crm.example.com';
const NEW_PASSWORD = 'violet harbour lamps at dawn';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`password resets on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let peer: Awaited<ReturnType<typeof startSmtpPeer>>;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      peer = await startSmtpPeer();
      t.ctx.publicUrl = PUBLIC;
      t.ctx.mailer = smtpMailer({
        smtpUrl: peer.url,
        from: 'momentum@example.com',
        publicUrl: PUBLIC,
      });
      app = await startTestServer(t);
    });
    afterAll(async () => {
      await app?.close();
      await peer?.close();
      await t?.close();
    });

    const request = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/password-resets',
        headers: { origin: TEST_ORIGIN },
        payload: { email },
      });
    const confirm = (token: string, password = NEW_PASSWORD) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/password-resets/confirm',
        headers: { origin: TEST_ORIGIN },
        payload: { token, password },
      });
    /** Asks for a reset over HTTP and reads the token from the e-mail that arrives for it. */
    async function mailedToken(email: string): Promise<string> {
      const before = peer.received.length;
      const res = await request(email);
      expect(res.statusCode).toBe(202);
      await settleResetRequests();
      const mail = (await peer.waitFor(before + 1))[before]!;
      expect(mail.to).toEqual([email]);
      const text = String(mail.parsed.text);
      const match = new RegExp(`${PUBLIC}/reset-password/(\\S+)`).exec(text);
      expect(match, text).not.toBeNull();
      expect(mail.parsed.html).toContain(`${PUBLIC}/reset-password/`);
      return decodeURIComponent(match![1]!);
    }

    it('e-mails a link that sets a new password once, signs out every session and signs in fresh', async () => {
      const { member } = await newRep(t);
      await givePassword(t.ctx, member);
      const old = await signIn(app, member.email);
      const token = await mailedToken(member.email);

      const done = await confirm(token);
      expect(done.statusCode, done.body).toBe(204);
      const fresh = done.cookies.find((c) => c.name === 'momentum_session');
      expect(fresh?.value).toBeTruthy();
      // The fresh session works; the one from before the reset does not.
      const meFresh = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `${fresh!.name}=${fresh!.value}` },
      });
      expect(meFresh.statusCode).toBe(200);
      expect(meFresh.json()).toMatchObject({ member: { email: member.email } });
      const meOld = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: old.cookie },
      });
      expect(meOld.statusCode).toBe(401);
      // The new password signs in, the old one no longer does.
      await signIn(app, member.email, NEW_PASSWORD);
      const oldPassword = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: member.email, password: 'plum tractor quietly sings' },
      });
      expect(oldPassword.statusCode).toBe(401);

      // Once only.
      const again = await confirm(token, 'another fine long passphrase');
      expect(again.statusCode).toBe(400);
      expect(again.headers['content-type']).toMatch(/problem\+json/);
      expect(again.json().detail).toBe(RESET_LINK_INVALID);
      // Only the hash of the token is stored.
      const rows = await t.store.db.selectFrom('password_resets').select('token_hash').execute();
      expect(rows.map((r) => r.token_hash)).not.toContain(token);
    });

    it('answers an unknown address exactly like a known one, and mails nothing for it', async () => {
      const { member } = await newRep(t);
      const before = peer.received.length;
      const known = await request(member.email);
      const unknown = await request('nobody-here@example.com');
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(unknown.body).toBe(known.body);
      expect(known.json()).toEqual({ message: RESET_REQUESTED });
      await settleResetRequests();
      await peer.waitFor(before + 1);
      // Give a stray second message the time to arrive before counting.
      await new Promise((r) => setTimeout(r, 300));
      expect(peer.received.slice(before).map((m) => m.to)).toEqual([[member.email]]);
    });

    it('refuses an expired link, an unknown one, and an older link once a newer is asked for', async () => {
      const { member } = await newRep(t);
      const first = await mailedToken(member.email);
      const second = await mailedToken(member.email);
      expect(second).not.toBe(first);
      const stale = await confirm(first);
      expect(stale.statusCode).toBe(400);
      expect(stale.json().detail).toBe(RESET_LINK_INVALID);
      const unknown = await confirm('mpr_not-a-real-token');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().detail).toBe(RESET_LINK_INVALID);

      t.clock.advance(61 * 60_000);
      try {
        const expired = await confirm(second);
        expect(expired.statusCode).toBe(400);
        expect(expired.json().detail).toBe(RESET_LINK_INVALID);
      } finally {
        t.clock.set('2026-11-24T15:00:00Z');
      }
      // A link just inside its hour still works (the refusal above was the clock's doing).
      const third = await mailedToken(member.email);
      t.clock.advance(59 * 60_000);
      try {
        expect((await confirm(third)).statusCode).toBe(204);
      } finally {
        t.clock.set('2026-11-24T15:00:00Z');
      }
    });

    it('applies the sign-up password rules', async () => {
      const { member } = await newRep(t);
      const token = await mailedToken(member.email);
      const weak = await confirm(token, 'short');
      expect(weak.statusCode).toBe(400);
      expect(weak.json().detail).not.toBe(RESET_LINK_INVALID);
      // A refused password does not use the link up.
      expect((await confirm(token)).statusCode).toBe(204);
    });

    it('limits requests per address, whatever the caller', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request('Limit@Example.com')).statusCode);
      expect(statuses).toEqual([202, 202, 202, 429]);
      // Another address is not held back by that one.
      expect((await request('other-limit@example.com')).statusCode).toBe(202);
      await settleResetRequests();
    });

    it('lets an owner create a link for their member, shown and e-mailed; never across workspaces', async () => {
      const a = await newRep(t);
      const b = await newRep(t);
      const ownerA = await tokenFor(t.ctx, a.owner);
      const ownerB = await tokenFor(t.ctx, b.owner);
      const repA = await tokenFor(t.ctx, a.actor);
      const create = (token: string, memberId: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/members/${memberId}/password-reset`,
          headers: bearer(token),
        });

      const before = peer.received.length;
      const made = await create(ownerA, a.member.id);
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ emailed: true, notice: null });
      const link = String(made.json().link);
      expect(link.startsWith(`${PUBLIC}/reset-password/`)).toBe(true);
      const mail = (await peer.waitFor(before + 1))[before]!;
      expect(String(mail.parsed.text)).toContain(link);

      // Another workspace's owner cannot find, let alone reset, a member of A.
      expect((await create(ownerB, a.member.id)).statusCode).toBe(404);
      // A rep may not make links.
      expect((await create(repA, a.member.id)).statusCode).toBe(403);

      // Without e-mail, the link is still shown to the owner, with the reason.
      const mailer = t.ctx.mailer;
      t.ctx.mailer = smtpMailer({ smtpUrl: '', from: '', publicUrl: PUBLIC });
      try {
        const shown = await create(ownerA, a.member.id);
        expect(shown.statusCode).toBe(201);
        expect(shown.json()).toMatchObject({ emailed: false, notice: EMAIL_NOT_CONFIGURED });
        // The newer link ended the e-mailed one.
        const token = decodeURIComponent(link.slice(`${PUBLIC}/reset-password/`.length));
        expect((await confirm(token)).statusCode).toBe(400);
        const newer = decodeURIComponent(
          String(shown.json().link).slice(`${PUBLIC}/reset-password/`.length),
        );
        expect((await confirm(newer)).statusCode).toBe(204);
      } finally {
        t.ctx.mailer = mailer;
      }
    });

    it('refuses a link for someone who is also a member of another workspace', async () => {
      const a = await newRep(t);
      const b = await newRep(t);
      // b's rep also joins a's workspace: a's owner must not be able to take over b's account.
      await seedMember(t.ctx, a.owner.workspaceId, b.member.email, 'rep', 'UTC', 'US');
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/members/${encodeURIComponent(b.member.email)}/password-reset`,
        headers: bearer(await tokenFor(t.ctx, a.owner)),
      });
      expect(res.statusCode).toBe(403);
    });

    it('needs a same-origin request, like the other public sign-in routes', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/password-resets',
        headers: { origin: 'https://evil.example' },
        payload: { email: 'x@example.com' },
      });
      expect(res.statusCode).toBe(403);
    });
  });
}
