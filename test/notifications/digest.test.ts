import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import {
  membersDueForDigest,
  sendDailyDigest,
  sendDigestNow,
} from '../../src/app/digest/send-digest.ts';
import { smtpMailer } from '../../src/app/mail/smtp-mailer.ts';
import {
  previewUnsubscribe,
  unsubscribe,
  updateDigestSettings,
} from '../../src/core/notifications/flows/digest-preferences.ts';
import { updateMemberSettings } from '../../src/core/workspaces/flows/update-member-settings.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { memoryMailer, startSmtpPeer } from '../support/mail.ts';
import { dealFor, newRep, promise } from '../today/scenario.ts';

const PUBLIC = 'https://momentum.example.com';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the daily digest on ${dialect.name}`, () => {
    let t: TestContext;
    let peer: Awaited<ReturnType<typeof startSmtpPeer>>;

    /** The test context with a real SMTP mailer pointed at the in-test peer. */
    const smtpCtx = (): AppContext => ({
      ...t.ctx,
      publicUrl: PUBLIC,
      mailer: smtpMailer({
        smtpUrl: peer.url,
        from: 'Momentum <momentum@example.com>',
        publicUrl: PUBLIC,
      }),
    });

    beforeAll(async () => {
      // Tuesday 24 November 2026, 08:30 in New York.
      t = await openTestContext(dialect.name, '2026-11-24T13:30:00Z');
      peer = await startSmtpPeer();
    });
    afterAll(async () => {
      await peer?.close();
      await t?.close();
    });

    it('sends today, what is late and the neglected deals, in both parts, through SMTP', async () => {
      const rep = await newRep(t);
      const evil = await dealFor(t, rep, { title: '<script>alert(1)</script>' });
      const late = await dealFor(t, rep, {
        title: 'Globex renewal',
        touchedAt: '2026-11-23T10:00',
      });
      await promise(t, rep.actor, late, {
        side: 'ours',
        text: 'Send the Q&A pricing',
        due: '2026-11-20',
      });
      const before = peer.received.length;

      const outcome = await sendDailyDigest(smtpCtx(), {
        workspaceId: rep.member.workspaceId,
        memberId: rep.member.id,
        localDate: '2026-11-24',
      });
      expect(outcome).toBe('sent');
      const [mail] = (await peer.waitFor(before + 1)).slice(before);
      expect(mail!.to).toEqual([rep.email]);
      expect(mail!.from).toBe('momentum@example.com');
      const parsed = mail!.parsed;
      expect(parsed.subject).toMatch(/^Momentum 2026-11-24: \d+ items?, 1 late/);
      const text = parsed.text ?? '';
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      // Today's items with their reasons, late and neglected, the march, links into the app.
      expect(text).toContain('Send the Q&A pricing');
      expect(text).toMatch(/Late \(1\)\n\s+- Send the Q&A pricing \(Globex renewal\): .+/);
      expect(text).toMatch(/Neglected deals \([1-9]\d*\)/);
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toMatch(/March: 0 of 3–4 touches today/);
      expect(text).toContain(`${PUBLIC}/deals/${late}`);
      expect(text).toContain(`${PUBLIC}/deals/${evil}`);
      // The HTML part shows the deal's name as text, never as markup.
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('Send the Q&amp;A pricing');
      expect(html).toContain(`href="${PUBLIC}/deals/${late}"`);
      // RFC 8058 one-click unsubscribe, and the same link in the body.
      const head = mail!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
      const header = head.match(/^List-Unsubscribe: <([^>]+)>\r?$/im)?.[1];
      expect(header).toMatch(new RegExp(`^${PUBLIC}/unsubscribe/${rep.member.id}\\.[\\w-]+$`));
      expect(text).toContain(header!);
      expect(html).toContain(`href="${header}"`);

      // The same digest is never sent twice.
      const again = await sendDailyDigest(smtpCtx(), {
        workspaceId: rep.member.workspaceId,
        memberId: rep.member.id,
        localDate: '2026-11-24',
      });
      expect(again).toBe('already-sent');
      await new Promise((r) => setTimeout(r, 200));
      expect(peer.received.filter((m) => m.to.includes(rep.email))).toHaveLength(1);

      // The unsubscribe link works without signing in: looking at it changes nothing, the
      // click turns the digest off, and a forged one is refused.
      const token = decodeURIComponent(header!.split('/unsubscribe/')[1]!);
      expect(await previewUnsubscribe(t.ctx, token)).toEqual({ email: rep.email, enabled: true });
      await expect(previewUnsubscribe(t.ctx, `${token.slice(0, -2)}xx`)).rejects.toThrow(
        /not valid/,
      );
      await unsubscribe(t.ctx, token);
      expect(await previewUnsubscribe(t.ctx, token)).toEqual({ email: rep.email, enabled: false });
      const next = await sendDigestNow(smtpCtx(), {
        workspaceId: rep.member.workspaceId,
        memberId: rep.member.id,
        localDate: '2026-11-25',
      });
      expect(next.outcome).toBe('skipped');
      expect(next.reason).toMatch(/turned off/);
    });

    it('sends once when two sends race, and again after SMTP failed', async () => {
      const rep = await newRep(t);
      const mailer = memoryMailer();
      const ctx = { ...t.ctx, mailer };
      const key = {
        workspaceId: rep.member.workspaceId,
        memberId: rep.member.id,
        localDate: '2026-11-24',
      };
      const outcomes = await Promise.all([sendDailyDigest(ctx, key), sendDailyDigest(ctx, key)]);
      expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
      expect(mailer.sent).toHaveLength(1);

      // A failed SMTP exchange releases the claim: the retry sends it, once.
      const day = { ...key, localDate: '2026-11-25' };
      mailer.fail = 1;
      await expect(sendDailyDigest(ctx, day)).rejects.toThrow(/refused/);
      expect(
        (await t.ctx.digests.findSend(t.ctx.runner.executor, rep.member.id, '2026-11-25'))?.status,
      ).toBe('failed');
      expect(await sendDailyDigest(ctx, day)).toBe('sent');
      expect(await sendDailyDigest(ctx, day)).toBe('already-sent');
      expect(mailer.sent).toHaveLength(2);
      const send = await t.ctx.digests.findSend(t.ctx.runner.executor, rep.member.id, '2026-11-25');
      expect(send).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it.runIf(dialect.name === 'postgres')(
      'sends once when two connections (two servers) race on PostgreSQL',
      async () => {
        const rep = await newRep(t);
        const second = await openStore(t.database.config);
        try {
          const mailer = memoryMailer();
          const one = { ...t.ctx, mailer };
          const two = { ...contextFor(second, t.clock), mailer };
          const key = {
            workspaceId: rep.member.workspaceId,
            memberId: rep.member.id,
            localDate: '2026-11-24',
          };
          for (let round = 0; round < 3; round++) {
            const date = `2026-11-2${4 + round}`;
            const outcomes = await Promise.all([
              sendDailyDigest(one, { ...key, localDate: date }),
              sendDailyDigest(two, { ...key, localDate: date }),
            ]);
            expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
          }
          expect(mailer.sent).toHaveLength(3);
        } finally {
          await second.close();
        }
      },
    );

    it('is skipped, with the reason, when e-mail is not configured', async () => {
      const rep = await newRep(t);
      const result = await sendDigestNow(t.ctx, {
        workspaceId: rep.member.workspaceId,
        memberId: rep.member.id,
        localDate: '2026-11-24',
      });
      expect(result).toMatchObject({
        outcome: 'skipped',
        reason: 'E-mail is not configured: set SMTP_URL and MOMENTUM_FROM',
      });
    });

    it('finds who is due in their own zone, on their business days, once', async () => {
      const ny = await newRep(t, { timeZone: 'America/New_York', region: 'US' });
      const india = await newRep(t, { timeZone: 'Asia/Kolkata', region: 'IN' });
      const off = await newRep(t, { timeZone: 'America/New_York', region: 'US' });
      await updateDigestSettings(t.ctx, off.actor, { enabled: false });
      await updateDigestSettings(t.ctx, india.actor, { time: '09:15' });
      const ids = new Set([ny.member.id, india.member.id, off.member.id]);
      const dueAt = async (iso: string) =>
        (await membersDueForDigest(t.ctx, Temporal.Instant.from(iso)))
          .filter((d) => ids.has(d.memberId))
          .map((d) => `${d.memberId === ny.member.id ? 'ny' : 'in'} ${d.localDate}`)
          .sort();

      // Wed 2 Dec 2026: 03:44Z is 09:14 in Kolkata (not yet), 03:45Z is 09:15 there; it is
      // still Tuesday evening in New York, whose Tuesday digest time (08:00) has passed.
      expect(await dueAt('2026-12-02T03:44:00Z')).toEqual(['ny 2026-12-01']);
      expect(await dueAt('2026-12-02T03:45:00Z')).toEqual(['in 2026-12-02', 'ny 2026-12-01']);
      // 07:59 in New York (EST, -5) is not yet; 08:00 is.
      expect(await dueAt('2026-12-02T12:59:00Z')).toEqual(['in 2026-12-02']);
      expect(await dueAt('2026-12-02T13:00:00Z')).toEqual(['in 2026-12-02', 'ny 2026-12-02']);

      // Once sent (or being sent), a member is no longer due for that date.
      const mailer = memoryMailer();
      await sendDailyDigest(
        { ...t.ctx, mailer },
        { workspaceId: ny.member.workspaceId, memberId: ny.member.id, localDate: '2026-12-02' },
      );
      expect(await dueAt('2026-12-02T13:00:00Z')).toEqual(['in 2026-12-02']);

      // Thanksgiving (Thu 26 Nov 2026) is a holiday in the US, not in India; Saturday is no one's.
      expect(await dueAt('2026-11-26T15:00:00Z')).toEqual(['in 2026-11-26']);
      expect(await dueAt('2026-11-28T15:00:00Z')).toEqual([]);
      // A day off is not a business day either.
      await updateMemberSettings(t.ctx, india.owner, india.member.id, { daysOff: ['2026-11-27'] });
      expect(await dueAt('2026-11-27T15:00:00Z')).toEqual(['ny 2026-11-27']);
    });

    it('follows DST: 08:00 in New York on the day the clocks change', async () => {
      // Sunday is a business day for a member whose weekend is Friday and Saturday.
      const ny = await newRep(t, { timeZone: 'America/New_York', region: 'US' });
      await updateMemberSettings(t.ctx, ny.owner, ny.member.id, { weekend: 'fri,sat' });
      const dueAt = async (iso: string) =>
        (await membersDueForDigest(t.ctx, Temporal.Instant.from(iso)))
          .filter((d) => d.memberId === ny.member.id)
          .map((d) => d.localDate);
      // Spring forward, Sun 8 Mar 2026: 08:00 EDT is 12:00Z (on the Saturday before it was 13:00Z).
      expect(await dueAt('2026-03-08T11:59:00Z')).toEqual([]);
      expect(await dueAt('2026-03-08T12:00:00Z')).toEqual(['2026-03-08']);
      // Fall back, Sun 1 Nov 2026: 08:00 EST is 13:00Z; 12:30Z is still 07:30 there.
      expect(await dueAt('2026-11-01T12:30:00Z')).toEqual([]);
      expect(await dueAt('2026-11-01T13:00:00Z')).toEqual(['2026-11-01']);
    });

    it('keeps the digest settings per member, versioned and audited', async () => {
      const rep = await newRep(t);
      const changed = await updateDigestSettings(t.ctx, rep.actor, { time: '7:30', enabled: true });
      expect(changed).toMatchObject({ enabled: true, time: '07:30', timeZone: 'America/New_York' });
      await expect(updateDigestSettings(t.ctx, rep.actor, { time: '25:00' })).rejects.toThrow(
        /HH:MM/,
      );
      const rows = await kyselyOf(t.ctx.runner.executor)
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', rep.member.id)
        .where('action', 'like', 'digest.%')
        .execute();
      expect(rows.map((r) => r.action)).toEqual(['digest.settings']);
    });
  });
}
