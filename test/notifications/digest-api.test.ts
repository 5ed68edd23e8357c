import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/app/mail/smtp-mailer.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { startSmtpPeer } from '../support/mail.ts';
import { newRep } from '../today/scenario.ts';

const PUBLIC = 'https://crm.example.com';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `digest and invitation e-mail over HTTP on ${dialect.name}`,
    () => {
      let t: TestContext;
      let app: TestServer;
      let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
      let rep: Awaited<ReturnType<typeof newRep>>;
      let repToken: string;
      let ownerToken: string;

      beforeAll(async () => {
        t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
        peer = await startSmtpPeer({ user: 'momentum', pass: 'hunter2-very-secret' });
        t.ctx.publicUrl = PUBLIC;
        t.ctx.mailer = smtpMailer({
          smtpUrl: peer.url,
          from: 'momentum@example.com',
          publicUrl: PUBLIC,
        });
        app = await startTestServer(t);
        rep = await newRep(t);
        repToken = await tokenFor(t.ctx, rep.actor);
        ownerToken = await tokenFor(t.ctx, rep.owner);
      });
      afterAll(async () => {
        await app?.close();
        await peer?.close();
        await t?.close();
      });

      it('reads and changes one’s own digest settings', async () => {
        const shown = await app.inject({
          method: 'GET',
          url: '/api/v1/me/digest',
          headers: bearer(repToken),
        });
        expect(shown.json()).toEqual({
          enabled: true,
          time: '08:00',
          timeZone: 'America/New_York',
          version: 0,
          emailConfigured: true,
          notice: null,
        });
        const changed = await app.inject({
          method: 'PATCH',
          url: '/api/v1/me/digest',
          headers: bearer(repToken),
          payload: { time: '06:45', enabled: true },
        });
        expect(changed.statusCode).toBe(200);
        expect(changed.json()).toMatchObject({ time: '06:45', enabled: true });
        const bad = await app.inject({
          method: 'PATCH',
          url: '/api/v1/me/digest',
          headers: bearer(repToken),
          payload: { time: '6pm' },
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.headers['content-type']).toMatch(/problem\+json/);
      });

      it('lets owners send a digest now, once; unsubscribes in one click without signing in', async () => {
        const send = (token: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/digest/send',
            headers: bearer(token),
            payload: { memberId: rep.member.id, date: '2026-11-24' },
          });
        expect((await send(repToken)).statusCode).toBe(403);
        const first = await send(ownerToken);
        expect(first.json()).toEqual({ outcome: 'sent', localDate: '2026-11-24', to: rep.email });
        expect((await send(ownerToken)).json()).toMatchObject({ outcome: 'already-sent' });
        const mails = (await peer.waitFor(1)).filter((m) => m.to.includes(rep.email));
        expect(mails).toHaveLength(1);
        const link = /Unsubscribe in one click: (\S+)/.exec(mails[0]!.parsed.text ?? '')![1]!;
        const path = link.slice(PUBLIC.length);
        expect(path).toMatch(/^\/unsubscribe\/mb_/);

        // GET only asks (mail scanners follow links); the page's button POSTs.
        const page = await app.inject({ method: 'GET', url: path });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.body).toContain('Unsubscribe from the daily digest?');
        expect(page.body).toContain(`<form method="post" action="${path}">`);
        const still = await app.inject({
          method: 'GET',
          url: '/api/v1/me/digest',
          headers: bearer(repToken),
        });
        expect(still.json().enabled).toBe(true);

        // A mail client's RFC 8058 one-click POST, form-encoded, with no cookie or CSRF token.
        const click = await app.inject({
          method: 'POST',
          url: path,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'https://mail.example.net',
          },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(click.statusCode).toBe(200);
        expect(click.body).toContain('You are unsubscribed');
        const off = await app.inject({
          method: 'GET',
          url: '/api/v1/me/digest',
          headers: bearer(repToken),
        });
        expect(off.json().enabled).toBe(false);

        const forged = await app.inject({ method: 'POST', url: `${path.slice(0, -3)}abc` });
        expect(forged.statusCode).toBe(404);
        expect(forged.body).toContain('not valid');
        const evil = await app.inject({
          method: 'GET',
          url: '/unsubscribe/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        });
        expect(evil.statusCode).toBe(404);
        expect(evil.body).not.toContain('<script>');
      });

      it('e-mails an invitation’s one-time link, and still returns the link', async () => {
        const before = peer.received.length;
        const invited = await app.inject({
          method: 'POST',
          url: '/api/v1/invitations',
          headers: bearer(ownerToken),
          payload: { email: 'newbie@example.com', role: 'rep' },
        });
        expect(invited.statusCode).toBe(201);
        const body = invited.json();
        expect(body).toMatchObject({ emailed: true, notice: null });
        expect(body.link).toBe(`${PUBLIC}/join?token=${encodeURIComponent(body.token)}`);
        const [mail] = (await peer.waitFor(before + 1)).slice(before);
        expect(mail!.to).toEqual(['newbie@example.com']);
        expect(mail!.parsed.subject).toMatch(/invited you to Scenario \d+ on Momentum/);
        expect(mail!.parsed.text).toContain(body.link);
        expect(mail!.parsed.html).toContain(`href="${body.link.replaceAll('&', '&amp;')}"`);

        // The link works once.
        const accept = (password: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/auth/accept-invitation',
            payload: {
              token: body.token,
              name: 'New Bie',
              password,
              timeZone: 'Europe/Paris',
              region: 'FR',
            },
          });
        expect((await accept('plum tractor quietly sings')).statusCode).toBe(201);
        const twice = await accept('plum tractor quietly sings');
        expect(twice.statusCode).toBe(404);
        expect(twice.json().detail).toMatch(/already used/);
      });

      it('expires an e-mailed invitation after seven days', async () => {
        const invited = await app.inject({
          method: 'POST',
          url: '/api/v1/invitations',
          headers: bearer(ownerToken),
          payload: { email: 'late@example.com', role: 'rep' },
        });
        const { token } = invited.json();
        t.clock.advance(7 * 24 * 3600_000 + 1000);
        try {
          const late = await app.inject({
            method: 'POST',
            url: '/api/v1/auth/accept-invitation',
            payload: {
              token,
              name: 'Late',
              password: 'plum tractor quietly sings',
              timeZone: 'UTC',
              region: 'US',
            },
          });
          expect(late.statusCode).toBe(404);
          expect(late.json().detail).toMatch(/expired/);
        } finally {
          t.clock.advance(-(7 * 24 * 3600_000 + 1000));
        }
      });

      it('shows the link and says why when e-mail is not configured, and never the SMTP password', async () => {
        const saved = t.ctx.mailer;
        t.ctx.mailer = { configured: false, send: () => Promise.reject(new Error('off')) };
        try {
          const invited = await app.inject({
            method: 'POST',
            url: '/api/v1/invitations',
            headers: bearer(ownerToken),
            payload: { email: 'nomail@example.com', role: 'rep' },
          });
          expect(invited.json()).toMatchObject({
            emailed: false,
            notice: 'E-mail is not configured: set SMTP_URL and MOMENTUM_FROM',
          });
          const settings = await app.inject({
            method: 'GET',
            url: '/api/v1/me/digest',
            headers: bearer(repToken),
          });
          expect(settings.json()).toMatchObject({
            emailConfigured: false,
            notice: 'E-mail is not configured: set SMTP_URL and MOMENTUM_FROM',
          });
        } finally {
          t.ctx.mailer = saved;
        }
        // A wrong password: the SMTP server refuses; the reply says so without the password.
        const secret = 'W r0ng-Pa55/word';
        t.ctx.mailer = smtpMailer({
          smtpUrl: `smtp://momentum:${encodeURIComponent(secret)}@127.0.0.1:${peer.port}`,
          from: 'momentum@example.com',
          publicUrl: PUBLIC,
        });
        try {
          const invited = await app.inject({
            method: 'POST',
            url: '/api/v1/invitations',
            headers: bearer(ownerToken),
            payload: { email: 'refused@example.com', role: 'rep' },
          });
          expect(invited.statusCode).toBe(201);
          const body = invited.json();
          expect(body.emailed).toBe(false);
          expect(body.notice).toMatch(/Sending e-mail failed/);
          expect(invited.body).not.toContain(secret);
          expect(invited.body).not.toContain(encodeURIComponent(secret));
          const digest = await app.inject({
            method: 'POST',
            url: '/api/v1/digest/send',
            headers: bearer(ownerToken),
            payload: { date: '2026-11-24' },
          });
          expect(digest.statusCode).toBe(500);
          expect(digest.body).not.toContain(secret);
          expect(digest.body).not.toContain(encodeURIComponent(secret));
        } finally {
          t.ctx.mailer = saved;
        }
      });
    },
  );
}
