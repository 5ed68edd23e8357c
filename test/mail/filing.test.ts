import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import {
  addCommitment,
  getCommitment,
} from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import {
  dismissMailMatch,
  fileMailOnDeal,
  keepMailMatch,
  listInbox,
  listMailProposals,
} from '../../src/core/mail/flows/file-message.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { intakeEml } from '../../src/app/mail/intake.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

interface Eml {
  id: string;
  from: string;
  to: string;
  cc?: string;
  date: string;
  subject: string;
  body: string;
  attach?: string;
}

function eml(m: Eml): string {
  const head = [
    `Message-ID: <${m.id}@test.example>`,
    `Date: ${m.date}`,
    `From: ${m.from}`,
    `To: ${m.to}`,
    ...(m.cc ? [`Cc: ${m.cc}`] : []),
    `Subject: ${m.subject}`,
    'MIME-Version: 1.0',
  ];
  if (!m.attach)
    return [...head, 'Content-Type: text/plain; charset=utf-8', '', m.body].join('\r\n');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body,
    '--b1',
    `Content-Type: application/pdf; name="${m.attach}"`,
    `Content-Disposition: attachment; filename="${m.attach}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 pretend').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

const settings = { maxBytes: 64 * 1024, ownAddresses: ['momentum@northwind.example'] };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`e-mail in on ${dialect.name}`, () => {
    let t: TestContext;
    let ws = '';
    let rep: Actor;
    let tokyo: Actor;
    let other: Actor;
    let dealId = '';
    let pricingId = '';
    let usageId = '';

    beforeAll(async () => {
      // Thu 2026-11-26 20:00 UTC: 15:00 in New York, Fri 05:00 in Tokyo.
      t = await openTestContext(dialect.name, '2026-11-26T20:00:00Z');
      const seeded = await seedWorkspace(t.ctx);
      ws = seeded.workspace.id;
      rep = (
        await seedMember(t.ctx, ws, 'alice@northwind.example', 'rep', 'America/New_York', 'US')
      ).actor;
      tokyo = (await seedMember(t.ctx, ws, 'kenji@northwind.example', 'rep', 'Asia/Tokyo', 'JP'))
        .actor;
      other = (await seedMember(t.ctx, ws, 'mark@northwind.example', 'rep', 'Europe/Berlin', 'DE'))
        .actor;
      await addAccount(t.ctx, seeded.actor, { name: 'Acme' });
      await addAccount(t.ctx, seeded.actor, { name: 'Globex' });
      await addContact(t.ctx, seeded.actor, {
        account: 'Acme',
        name: 'Sarah Chen',
        email: 'sarah.chen@acme.example',
      });
      await addContact(t.ctx, seeded.actor, {
        account: 'Globex',
        name: 'Jen Park',
        email: 'jen@globex.example',
      });
      dealId = (await addDeal(t.ctx, rep, { account: 'Acme', title: 'Acme rollout' })).id;
      await addDeal(t.ctx, rep, { account: 'Globex', title: 'Globex pilot' });
      await addDeal(t.ctx, rep, { account: 'Globex', title: 'Globex expansion' });
      await addDeal(t.ctx, tokyo, { account: 'Acme', title: 'Acme Japan' });
      pricingId = (
        await addCommitment(t.ctx, rep, {
          dealId,
          side: 'ours',
          text: 'send the pricing sheet',
          due: '2026-11-27',
        })
      ).id;
      await addCommitment(t.ctx, rep, {
        dealId,
        side: 'ours',
        text: 'set up a sandbox for their team',
        due: '2026-12-04',
      });
      usageId = (
        await addCommitment(t.ctx, rep, {
          dealId,
          side: 'theirs',
          text: 'share usage data for the last quarter',
        })
      ).id;
    });
    afterAll(async () => t?.close());

    const pricingMail = eml({
      id: 'pricing-1',
      from: 'Alice Martin <alice@northwind.example>',
      to: 'Sarah Chen <sarah.chen@acme.example>',
      cc: 'momentum@northwind.example',
      date: 'Thu, 26 Nov 2026 09:14:00 -0500',
      subject: 'Acme - pricing sheet',
      attach: 'Acme-Pricing-2026.pdf',
      body: "Hi Sarah,\n\nAs promised, attached is the pricing sheet. I'll send the contract by Tuesday.\n\nAlice\n\nOn Tue, Nov 24, 2026 Sarah Chen <sarah.chen@acme.example> wrote:\n> Can you also set up a sandbox for our team?",
    });

    it('files a member’s message on the one open deal, as an e-mail touch at its sent time, and proposes the promise it keeps', async () => {
      const r = await intakeEml(t.ctx, ws, pricingMail, 'upload', settings);
      expect(r.duplicate).toBe(false);
      expect(r.message).toMatchObject({
        status: 'filed',
        direction: 'outgoing',
        memberId: rep.memberId,
        dealId,
        sentAt: '2026-11-26T14:14:00.000Z',
        attachments: [{ name: 'Acme-Pricing-2026.pdf', size: expect.any(Number) }],
      });
      const touches = await t.ctx.touches.listForDeal(t.ctx.runner.executor, dealId, 50);
      expect(touches.map((x) => [x.kind, x.at, x.id])).toContainEqual([
        'email',
        '2026-11-26T14:14:00.000Z',
        r.message.touchId,
      ]);
      // The quoted "set up a sandbox" is not evidence; the sandbox promise is not proposed.
      expect(r.matches.map((m) => [m.commitment.id, m.match.band])).toEqual([
        [pricingId, 'confident'],
      ]);
      expect(r.matches[0]!.match.matched.join(' ')).toMatch(/pricing/);
      // A new promise, dated from the sent time in Alice's zone: Tuesday is 1 December.
      expect(r.message.proposedPromises).toEqual([
        expect.objectContaining({ side: 'ours', due: '2026-12-01' }),
      ]);
      expect(r.message.proposedPromises[0]!.text).toMatch(/contract/);
    });

    it('never files the same message twice', async () => {
      const again = await intakeEml(t.ctx, ws, pricingMail, 'imap', settings);
      expect(again.duplicate).toBe(true);
      const touches = await t.ctx.touches.listForDeal(t.ctx.runner.executor, dealId, 50);
      expect(touches.filter((x) => x.kind === 'email')).toHaveLength(1);
    });

    it('shows the proposal on Today, and keeping it marks the promise done at the sent time (early)', async () => {
      const proposals = await listMailProposals(t.ctx, rep);
      expect(proposals.map((p) => p.commitment.text)).toEqual(['send the pricing sheet']);
      expect(await listMailProposals(t.ctx, other)).toEqual([]);
      const kept = await keepMailMatch(t.ctx, rep, proposals[0]!.match.id);
      expect(kept.commitment).toMatchObject({
        state: 'done',
        doneAt: '2026-11-26T14:14:00.000Z',
        classification: 'early',
      });
      // Keeping it from the e-mail is a touch on the deal, like keeping it anywhere else.
      const touches = await t.ctx.touches.listForDeal(t.ctx.runner.executor, dealId, 50);
      expect(
        touches.filter((x) => x.kind === 'delivery').map((x) => [x.commitmentId, x.at]),
      ).toEqual([[pricingId, '2026-11-26T14:14:00.000Z']]);
      expect((await getCommitment(t.ctx, rep, pricingId)).state).toBe('done');
      expect(await listMailProposals(t.ctx, rep)).toEqual([]);
      await expect(keepMailMatch(t.ctx, rep, proposals[0]!.match.id)).rejects.toThrow(/already/);
    });

    it('reads a forward to the shared mailbox: the forwarder is the member, the recipients come from the forwarded headers', async () => {
      const r = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'fwd-1',
          from: 'Alice Martin <alice@northwind.example>',
          to: 'momentum@northwind.example',
          date: 'Thu, 26 Nov 2026 10:00:00 -0500',
          subject: 'Fwd: Sandbox',
          body: 'Logging this.\n\n---------- Forwarded message ---------\nFrom: Alice Martin <alice@northwind.example>\nDate: Thu, Nov 26, 2026 at 9:50 AM\nSubject: Sandbox\nTo: Sarah Chen <sarah.chen@acme.example>\n\nHi Sarah, your sandbox is set up: https://acme.sandbox.northwind.example\n',
        }),
        'imap',
        settings,
      );
      expect(r.message).toMatchObject({
        status: 'filed',
        dealId,
        recipients: ['sarah.chen@acme.example'],
      });
      expect(r.matches.map((m) => [m.commitment.text, m.match.band])).toEqual([
        ['set up a sandbox for their team', 'confident'],
      ]);
      const dismissed = await dismissMailMatch(t.ctx, rep, r.matches[0]!.match.id);
      expect(dismissed.state).toBe('dismissed');
    });

    it('refuses a member forwarding another member’s message, and a stranger’s', async () => {
      const forwarded = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'fwd-2',
          from: 'alice@northwind.example',
          to: 'momentum@northwind.example',
          date: 'Thu, 26 Nov 2026 10:00:00 -0500',
          subject: 'Fwd: Pricing',
          body: '---------- Forwarded message ---------\nFrom: Mark <mark@northwind.example>\nSubject: Pricing\nTo: sarah.chen@acme.example\n\nHere is the pricing.',
        }),
        'imap',
        settings,
      );
      expect(forwarded.message.status).toBe('refused');
      expect(forwarded.message.reason).toMatch(/another member/);
      const stranger = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'spam-1',
          from: 'deals@spam.example',
          to: 'momentum@northwind.example',
          date: 'Thu, 26 Nov 2026 10:00:00 -0500',
          subject: 'Cheap pricing',
          body: 'Attached is the pricing sheet.',
        }),
        'smtp',
        settings,
      );
      expect(stranger.message).toMatchObject({ status: 'refused', touchId: null });
      expect(stranger.message.reason).toMatch(/not a member/);
    });

    it('reads a refused message again when it comes back, once what refused it is put right', async () => {
      const raw = eml({
        id: 're-read-1',
        from: 'Bo Lind <bo@northwind.example>',
        to: 'sarah.chen@acme.example',
        cc: 'momentum@northwind.example',
        date: 'Thu, 26 Nov 2026 11:00:00 -0500',
        subject: 'Sandbox',
        body: 'Hi Sarah, I will send the sandbox login by Friday.',
      });
      const first = await intakeEml(t.ctx, ws, raw, 'smtp', settings);
      expect(first.message).toMatchObject({ status: 'refused', memberId: null });
      // Still refused: read again, not taken for a copy of what was filed.
      const again = await intakeEml(t.ctx, ws, raw, 'imap', settings);
      expect(again).toMatchObject({ duplicate: false, message: { id: first.message.id } });
      expect(again.message.status).toBe('refused');

      const { member: bo } = await seedMember(t.ctx, ws, 'bo@northwind.example', 'rep');
      const filed = await intakeEml(t.ctx, ws, raw, 'imap', settings);
      expect(filed.duplicate).toBe(false);
      expect(filed.message).toMatchObject({ id: first.message.id, memberId: bo.id });
      expect(filed.message.status).not.toBe('refused');
      const stored = await t.ctx.mail.findByKey(t.store.executor, ws, filed.message.messageKey);
      expect(stored).toMatchObject({ id: first.message.id, status: filed.message.status });
      // Once read for a member, the same message again is the copy it always was.
      const copy = await intakeEml(t.ctx, ws, raw, 'smtp', settings);
      expect(copy).toMatchObject({ duplicate: true, message: { id: first.message.id } });
    });

    it('asks which deal when several fit, and files it on the one chosen', async () => {
      const r = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'globex-1',
          from: 'alice@northwind.example',
          to: 'jen@globex.example',
          date: 'Thu, 26 Nov 2026 11:00:00 -0500',
          subject: 'Hello',
          body: 'Jen, good to meet you today.',
        }),
        'upload',
        settings,
      );
      expect(r.message.status).toBe('ambiguous');
      expect(r.candidates.map((d) => d.title).sort()).toEqual(['Globex expansion', 'Globex pilot']);
      expect((await listInbox(t.ctx, rep)).map((m) => m.id)).toContain(r.message.id);
      expect(await listInbox(t.ctx, other)).toEqual([]);
      const filed = await fileMailOnDeal(t.ctx, rep, r.message.id, r.candidates[0]!.id);
      expect(filed.message).toMatchObject({ status: 'filed', dealId: r.candidates[0]!.id });
      expect((await listInbox(t.ctx, rep)).map((m) => m.id)).not.toContain(r.message.id);
    });

    it('keeps a message with no known customer unfiled, saying why', async () => {
      const r = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'unknown-1',
          from: 'alice@northwind.example',
          to: 'someone@newco.example',
          date: 'Thu, 26 Nov 2026 11:00:00 -0500',
          subject: 'Intro',
          body: 'Hi!',
        }),
        'upload',
        settings,
      );
      expect(r.message.status).toBe('unfiled');
      expect(r.message.reason).toMatch(/someone@newco\.example/);
    });

    it('matches a contact’s incoming message against their promises', async () => {
      const r = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'usage-1',
          from: 'Sarah Chen <sarah.chen@acme.example>',
          to: 'alice@northwind.example',
          cc: 'momentum@northwind.example',
          date: 'Thu, 26 Nov 2026 12:00:00 -0500',
          subject: 'Usage numbers',
          attach: 'acme_usage_Q3.csv',
          body: 'Alice, attached our usage data for last quarter.',
        }),
        'smtp',
        settings,
      );
      expect(r.message).toMatchObject({ status: 'filed', direction: 'incoming', dealId });
      expect(r.matches.map((m) => m.commitment.id)).toEqual([usageId]);
      expect(r.message.proposedPromises).toEqual([]);
    });

    it('dates new promises in the member’s zone: "tomorrow" at 20:30 UTC is Friday in New York, Saturday in Tokyo', async () => {
      const body = "Sarah, I'll send the case study tomorrow.";
      const ny = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'tz-ny',
          from: 'alice@northwind.example',
          to: 'sarah.chen@acme.example',
          date: 'Thu, 26 Nov 2026 19:30:00 +0000',
          subject: 'Case study',
          body,
        }),
        'upload',
        settings,
      );
      const jp = await intakeEml(
        t.ctx,
        ws,
        eml({
          id: 'tz-jp',
          from: 'kenji@northwind.example',
          to: 'sarah.chen@acme.example',
          date: 'Thu, 26 Nov 2026 19:30:00 +0000',
          subject: 'Case study',
          body,
        }),
        'upload',
        settings,
      );
      expect(ny.message.proposedPromises.map((p) => p.due)).toEqual(['2026-11-27']);
      expect(jp.message.proposedPromises.map((p) => p.due)).toEqual(['2026-11-28']);
    });

    it('refuses a message over the size limit with the reason, before reading it', async () => {
      const big = eml({
        id: 'big-1',
        from: 'alice@northwind.example',
        to: 'sarah.chen@acme.example',
        date: 'Thu, 26 Nov 2026 11:00:00 -0500',
        subject: 'Big',
        body: 'x'.repeat(70 * 1024),
      });
      await expect(intakeEml(t.ctx, ws, big, 'upload', settings)).rejects.toThrow(
        /over the 65536-byte limit/,
      );
    });
  });
}
