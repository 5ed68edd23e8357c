import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { listMailProposals } from '../../src/core/mail/flows/file-message.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { parseImapUrl, redactImapUrl, watchImap } from '../../src/app/mail/imap.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/app/mail/smtp.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { DOVECOT_MISSING, mailboxClient, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { askUntil } from '../support/eventually.ts';
import { seedMailWorld } from '../support/fixtures.ts';
import { sendSmtp } from '../support/smtp-client.ts';

/*
 * The sources of e-mail in against real servers: a Dovecot IMAP server started for the test
 * (skipped, saying why, when Dovecot is not installed) and the SMTP receiver in process, spoken
 * to over a socket.
 */

const settings = { maxBytes: 32 * 1024, ownAddresses: ['momentum@mail.test'] };

function message(id: string, subject: string, body: string, attach?: string): string {
  const head = [
    `Message-ID: <${id}@northwind.example>`,
    'Date: Thu, 26 Nov 2026 09:14:00 -0500',
    'From: Alice Martin <alice@northwind.example>',
    'To: Sarah Chen <sarah.chen@acme.example>',
    'Bcc: momentum@mail.test',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
  ];
  if (!attach) return [...head, 'Content-Type: text/plain', '', body, ''].join('\r\n');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="x"',
    '',
    '--x',
    'Content-Type: text/plain',
    '',
    body,
    '--x',
    `Content-Type: application/pdf; name="${attach}"`,
    `Content-Disposition: attachment; filename="${attach}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('pdf').toString('base64'),
    '--x--',
    '',
  ].join('\r\n');
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`e-mail in sources on ${dialect.name}`, () => {
    let t: TestContext;
    let ws = '';
    let rep: Actor;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-26T20:00:00Z');
      const world = await seedMailWorld(t.ctx);
      ws = world.workspaceId;
      rep = world.alice;
      for (const text of [
        'send the pricing sheet',
        'send over the MSA',
        'share a case study from a logistics customer',
      ]) {
        await addCommitment(t.ctx, rep, {
          dealId: world.dealId,
          side: 'ours',
          text,
          due: '2026-11-30',
        });
      }
    });
    afterAll(async () => t?.close());

    describe('the SMTP receiver', () => {
      let smtp: SmtpReceiver;
      beforeAll(async () => {
        smtp = await startSmtpReceiver(t.ctx, { port: 0, workspaceId: ws, settings });
      });
      afterAll(async () => smtp?.close());

      it('files a message delivered over SMTP and proposes the promise it keeps', async () => {
        const replies = await sendSmtp(
          smtp.port,
          message(
            'smtp-1',
            'MSA',
            'Sarah, our MSA is attached for your legal team.',
            'Northwind-MSA.pdf',
          ),
        );
        expect(replies.some((l) => l.startsWith('250') && /queued|OK|Accepted/i.test(l))).toBe(
          true,
        );
        const proposals = await listMailProposals(t.ctx, rep);
        expect(proposals.map((p) => p.commitment.text)).toContain('send over the MSA');
      });

      it('refuses a message over the size limit with the reason (552)', async () => {
        const replies = await sendSmtp(
          smtp.port,
          message('smtp-big', 'Big', 'x'.repeat(40 * 1024)),
        );
        expect(replies.some((l) => /^552/.test(l) && /limit/i.test(l))).toBe(true);
      });
    });

    describe.skipIf(DOVECOT_MISSING !== null)('the IMAP reader against Dovecot', () => {
      let dovecot: Dovecot;
      let client: ImapFlow;
      beforeAll(async () => {
        dovecot = await startDovecot();
        client = await mailboxClient(dovecot);
      }, 30_000);
      afterAll(async () => {
        await client?.logout().catch(() => undefined);
        await dovecot?.stop();
      });

      it('reads unseen mail once, files it, and never files it again', async () => {
        await client.append(
          'INBOX',
          message(
            'imap-1',
            'Acme pricing',
            'Hi Sarah, attached is the pricing sheet.',
            'Acme-Pricing.pdf',
          ),
        );
        const logs: string[] = [];
        const first = await watchImap(t.ctx, ws, dovecot.url, {
          once: true,
          settings,
          log: (l) => logs.push(l),
        });
        expect(first).toEqual({ read: 1, filed: 1, refused: 0 });
        expect((await listMailProposals(t.ctx, rep)).map((p) => p.commitment.text)).toContain(
          'send the pricing sheet',
        );
        // The credentials never reach the log.
        expect(logs.join('\n')).not.toContain(dovecot.pass);
        expect(logs.join('\n')).toContain(`127.0.0.1:${dovecot.port}`);
        const second = await watchImap(t.ctx, ws, dovecot.url, { once: true, settings });
        expect(second.read).toBe(0);
      });

      it('waits with IDLE and files what arrives', async () => {
        const stop = new AbortController();
        const watching = watchImap(t.ctx, ws, dovecot.url, { settings, signal: stop.signal });
        await new Promise((r) => setTimeout(r, 500));
        await client.append(
          'INBOX',
          message(
            'imap-2',
            'Logistics case study',
            "Sarah, here's the case study from Freightline, a logistics customer: https://northwind.example/c/freightline",
          ),
        );
        const asks = await askUntil(
          async () =>
            (await listMailProposals(t.ctx, rep)).some(
              (p) => p.commitment.text === 'share a case study from a logistics customer',
            ),
          10_000,
        );
        expect(asks).not.toBeNull();
        stop.abort();
        const summary = await watching;
        expect(summary.filed).toBe(1);
      }, 30_000);
    });

    it.runIf(DOVECOT_MISSING !== null)(`skips the IMAP tests: ${DOVECOT_MISSING}`, () => {
      expect(DOVECOT_MISSING).toMatch(/apt-get install/);
    });
  });
}

describe('IMAP_URL', () => {
  it('reads host, port, user, password and mailbox, and redacts the credentials for logs', () => {
    const url = 'imaps://momentum%40acme.example:s3cr%2Ft@imap.acme.example/Sales';
    expect(parseImapUrl(url)).toEqual({
      host: 'imap.acme.example',
      port: 993,
      secure: true,
      user: 'momentum@acme.example',
      pass: 's3cr/t',
      mailbox: 'Sales',
    });
    expect(redactImapUrl(url)).toBe('imaps://imap.acme.example:993/Sales');
    expect(parseImapUrl('imap://u:p@localhost').port).toBe(143);
    expect(() => parseImapUrl('https://x')).toThrow(/imap/);
  });
});
