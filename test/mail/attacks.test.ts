/*
 * E-mail in under attack (issue 18's safety): a rep uploading someone else's message, a wrong
 * password in IMAP_URL, the SMTP receiver asked to take mail for addresses that are not
 * Momentum's, HTML with scripts, malformed and deeply nested MIME, and one message arriving by
 * all three sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { listMailProposals } from '../../src/core/mail/flows/file-message.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { runImapReader, watchImap } from '../../src/app/mail/imap.ts';
import { askUntil } from '../support/eventually.ts';
import { intakeEml } from '../../src/app/mail/intake.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/app/mail/smtp.ts';
import { openTestContext, type TestContext } from '../support/dialects.ts';
import { DOVECOT_MISSING, mailboxClient, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { seedMailWorld, seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { sendSmtp } from '../support/smtp-client.ts';

const settings = { maxBytes: 64 * 1024, ownAddresses: ['momentum@mail.test'] };

function eml(
  id: string,
  from: string,
  to: string,
  subject: string,
  body: string,
  type = 'text/plain',
): string {
  return [
    `Message-ID: <${id}@northwind.example>`,
    'Date: Thu, 26 Nov 2026 09:14:00 -0500',
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    `Content-Type: ${type}; charset=utf-8`,
    '',
    body,
    '',
  ].join('\r\n');
}

describe('e-mail in under attack', () => {
  let t: TestContext;
  let app: TestServer;
  let ws = '';
  let alice: Actor;
  let kenjiToken = '';
  let aliceDeal = '';

  const touchesOnAliceDeal = async () =>
    (await t.ctx.touches.listForDeal(t.ctx.runner.executor, aliceDeal, 100)).length;
  const upload = (token: string, raw: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/mail/messages',
      headers: { ...bearer(token), 'content-type': 'message/rfc822' },
      payload: raw,
    });

  beforeAll(async () => {
    t = await openTestContext('sqlite', '2026-11-26T20:00:00Z');
    app = await startTestServer(t);
    ({ workspaceId: ws, alice, dealId: aliceDeal } = await seedMailWorld(t.ctx));
    const kenji = (
      await seedMember(t.ctx, ws, 'kenji@northwind.example', 'rep', 'Asia/Tokyo', 'JP')
    ).actor;
    kenjiToken = await tokenFor(t.ctx, kenji);
    await addCommitment(t.ctx, alice, {
      dealId: aliceDeal,
      side: 'ours',
      text: 'send the pricing sheet',
      due: '2026-11-30',
    });
    await addCommitment(t.ctx, alice, {
      dealId: aliceDeal,
      side: 'theirs',
      text: 'send their usage data',
      due: '2026-11-30',
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  describe('an upload is filed only for the member who uploads it', () => {
    it("refuses a rep's upload of another member's message, and files nothing for them", async () => {
      const before = await touchesOnAliceDeal();
      const res = await upload(
        kenjiToken,
        eml(
          'spoof-upload-1',
          'Alice Martin <alice@northwind.example>',
          'sarah.chen@acme.example',
          'Pricing',
          'Sarah, attached is the pricing sheet.',
        ),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/your own/i);
      expect(await touchesOnAliceDeal()).toBe(before);
      expect(await listMailProposals(t.ctx, alice)).toEqual([]);
    });

    it("refuses a rep's upload of a contact's message to another member", async () => {
      const before = await touchesOnAliceDeal();
      const res = await upload(
        kenjiToken,
        eml(
          'spoof-upload-2',
          'Sarah <sarah.chen@acme.example>',
          'alice@northwind.example',
          'Usage data',
          'Alice, attached our usage data.',
        ),
      );
      expect(res.statusCode).toBe(400);
      expect(await touchesOnAliceDeal()).toBe(before);
    });

    it('leaves the real message free to be filed later (a refused upload does not take its id)', async () => {
      const r = await sendSmtp(
        smtpPort(),
        eml(
          'spoof-upload-1',
          'Alice Martin <alice@northwind.example>',
          'sarah.chen@acme.example',
          'Pricing',
          'Sarah, attached is the pricing sheet.',
        ),
      );
      expect(r.some((l) => l.startsWith('250'))).toBe(true);
      const proposals = await listMailProposals(t.ctx, alice);
      expect(proposals.map((p) => p.commitment.text)).toContain('send the pricing sheet');
    });
  });

  let smtp: SmtpReceiver | null = null;
  const smtpPort = () => smtp!.port;
  beforeAll(async () => {
    smtp = await startSmtpReceiver(t.ctx, { port: 0, workspaceId: ws, settings });
  });
  afterAll(async () => smtp?.close());

  describe('the SMTP receiver', () => {
    it('takes mail only for its own addresses: no relaying, no catch-all', async () => {
      const replies = await sendSmtp(
        smtpPort(),
        eml('relay-1', 'x@evil.example', 'victim@elsewhere.example', 'hi', 'hello'),
        { rcpt: 'victim@elsewhere.example' },
      );
      expect(replies.some((l) => /^550/.test(l) && /momentum@mail\.test/.test(l))).toBe(true);
      expect(replies.some((l) => /^354/.test(l))).toBe(false);
    });

    it('refuses a message without headers with the reason, and stays up', async () => {
      const replies = await sendSmtp(smtpPort(), 'garbage\x00\x01 not mime\r\n\r\n\x02');
      expect(replies.some((l) => /^250 .*(refused|no sender)/i.test(l) || /^5\d\d/.test(l))).toBe(
        true,
      );
      const again = await sendSmtp(
        smtpPort(),
        eml('after-garbage', 'x@evil.example', 'momentum@mail.test', 'hi', 'hello'),
      );
      expect(again.some((l) => l.startsWith('250'))).toBe(true);
    });

    it('reads a deeply nested multipart without falling over', async () => {
      const depth = 300;
      const parts: string[] = [];
      for (let i = 0; i < depth; i++)
        parts.push(`--b${i}`, `Content-Type: multipart/mixed; boundary="b${i + 1}"`, '');
      parts.push(`--b${depth}`, 'Content-Type: text/plain', '', 'deep', `--b${depth}--`);
      for (let i = depth - 1; i >= 0; i--) parts.push(`--b${i}--`);
      const raw = [
        'Message-ID: <deep@evil.example>',
        'From: alice@northwind.example',
        'To: sarah.chen@acme.example',
        'Subject: deep',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b0"',
        '',
        ...parts,
        '',
      ].join('\r\n');
      const replies = await sendSmtp(smtpPort(), raw);
      // Filed, refused or unfiled: the receiver answers the DATA, whichever it is.
      expect(replies.filter((l) => /^(250|5\d\d) /.test(l)).length).toBeGreaterThanOrEqual(3);
      const after = await sendSmtp(
        smtpPort(),
        eml('after-deep', 'x@evil.example', 'momentum@mail.test', 'hi', 'hello'),
      );
      expect(after.some((l) => l.startsWith('250'))).toBe(true);
    });
  });

  describe('HTML', () => {
    it('keeps only text: no script, no style, no markup reaches the store or the API', async () => {
      const html =
        '<html><head><style>p{color:red}</style><script>alert("stolen-cookie")</script></head>' +
        '<body><p onclick="alert(1)">Hi Sarah</p><img src=x onerror="alert(2)">' +
        '<iframe src="https://evil.example"></iframe></body></html>';
      await sendSmtp(
        smtpPort(),
        eml(
          'html-1',
          'Sarah <sarah.chen@acme.example>',
          'alice@northwind.example',
          'hi',
          html,
          'text/html',
        ),
      );
      const row = await t.ctx.mail.findByKey(t.ctx.runner.executor, ws, 'html-1@northwind.example');
      expect(row?.bodyText).toContain('Hi Sarah');
      expect(row?.bodyText).not.toMatch(/<|stolen-cookie|color:red|onerror/);
    });
  });

  describe.skipIf(DOVECOT_MISSING !== null)('against Dovecot', () => {
    let dovecot: Dovecot;
    beforeAll(async () => {
      dovecot = await startDovecot();
    }, 30_000);
    afterAll(async () => dovecot?.stop());

    it('a wrong password in IMAP_URL fails with a reason that names neither it nor the user', async () => {
      const wrong = 'Wr0ng-Pa55word-zq';
      const url = dovecot.url.replace(`:${encodeURIComponent(dovecot.pass)}@`, `:${wrong}@`);
      expect(url).toContain(wrong);
      const logs: string[] = [];
      const error = await watchImap(t.ctx, ws, url, {
        once: true,
        settings,
        log: (l) => logs.push(l),
      }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const said = `${error!.message}\n${String(error!.stack)}\n${JSON.stringify(error)}\n${logs.join('\n')}`;
      expect(said).not.toContain(wrong);
      expect(said).not.toContain(dovecot.pass);
      expect(said).not.toContain(dovecot.user);
      expect(error!.message).toMatch(/log ?in|authenticat/i);
      expect(error!.message).toContain(`127.0.0.1:${dovecot.port}`);
    });

    it('files a message that comes by SMTP, IMAP and upload once', async () => {
      const raw = eml(
        'three-ways',
        'Alice Martin <alice@northwind.example>',
        'sarah.chen@acme.example',
        'Call notes',
        'Sarah, thanks for the call today.',
      );
      const before = await touchesOnAliceDeal();
      await sendSmtp(smtpPort(), raw);
      const client = await mailboxClient(dovecot);
      await client.append('INBOX', raw);
      await client.logout();
      const read = await watchImap(t.ctx, ws, dovecot.url, { once: true, settings });
      expect(read.read).toBe(1);
      const aliceToken = await tokenFor(t.ctx, alice);
      const res = await upload(aliceToken, raw);
      expect(res.statusCode).toBe(200);
      expect(res.json().duplicate).toBe(true);
      expect(await touchesOnAliceDeal()).toBe(before + 1);
    });
  });
});

describe('a forged From: the mailbox server’s verdict (MAIL_AUTHSERV_ID)', () => {
  let t: TestContext;
  let ws = '';
  let dealId = '';
  const checked = { ...settings, authServId: 'mx.northwind.example' };
  const touches = async () =>
    (await t.ctx.touches.listForDeal(t.ctx.runner.executor, dealId, 100)).length;
  const forged = (id: string, results: string[]) =>
    [
      ...results.map((r) => `Authentication-Results: ${r}`),
      eml(id, 'Alice Martin <alice@northwind.example>', 'sarah.chen@acme.example', 'Hi', 'Hello'),
    ].join('\r\n');

  beforeAll(async () => {
    t = await openTestContext('sqlite', '2026-11-26T20:00:00Z');
    ({ workspaceId: ws, dealId } = await seedMailWorld(t.ctx));
  });
  afterAll(async () => t?.close());

  it.each([
    ['no verdict at all', []],
    ['a failed DMARC', ['mx.northwind.example; dmarc=fail (p=NONE) header.from=northwind.example']],
    ['a pass written by someone else', ['evil.example; dmarc=pass header.from=northwind.example']],
    [
      'a DKIM pass for another domain',
      [
        'mx.northwind.example; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=evil.example',
      ],
    ],
    [
      'a forged pass below the server’s own fail',
      [
        'mx.northwind.example; dmarc=fail header.from=northwind.example',
        'mx.northwind.example; dmarc=pass header.from=northwind.example',
      ],
    ],
  ])('refuses a member’s message with %s, and files nothing', async (_what, results) => {
    const before = await touches();
    const r = await intakeEml(
      t.ctx,
      ws,
      forged(`forged-${results.length}-${_what}`, results),
      'imap',
      checked,
    );
    expect(r.message.status).toBe('refused');
    expect(r.message.reason).toMatch(/not authenticated|could not be authenticated/i);
    expect(await touches()).toBe(before);
  });

  it('files a member’s message the server authenticated (DMARC, or aligned DKIM)', async () => {
    const before = await touches();
    const a = await intakeEml(
      t.ctx,
      ws,
      forged('real-1', [
        'mx.northwind.example; dkim=pass header.d=northwind.example; dmarc=pass (p=REJECT) header.from=northwind.example',
      ]),
      'imap',
      checked,
    );
    expect(a.message.status).toBe('filed');
    const b = await intakeEml(
      t.ctx,
      ws,
      forged('real-2', [
        'MX.Northwind.Example 1; dkim=pass (2048-bit key) header.d=northwind.example header.s=s1',
      ]),
      'imap',
      checked,
    );
    expect(b.message.status).toBe('filed');
    expect(await touches()).toBe(before + 2);
  });
});

describe.skipIf(DOVECOT_MISSING !== null)('the long-running IMAP reader', () => {
  let t: TestContext;
  let dovecot: Dovecot;
  let ws = '';
  beforeAll(async () => {
    t = await openTestContext('sqlite', '2026-11-26T20:00:00Z');
    ws = (await seedWorkspace(t.ctx)).workspace.id;
    await seedMember(t.ctx, ws, 'alice@northwind.example', 'rep', 'America/New_York', 'US');
    dovecot = await startDovecot();
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
    await t?.close();
  });

  it('says why it cannot log in, tries again, and stops when asked', async () => {
    const wrong = 'Wr0ng-Pa55word-zq';
    const url = dovecot.url.replace(`:${encodeURIComponent(dovecot.pass)}@`, `:${wrong}@`);
    const stop = new AbortController();
    const logs: string[] = [];
    const running = runImapReader(t.ctx, ws, url, {
      signal: stop.signal,
      log: (l) => logs.push(l),
      retrySeconds: 0.2,
      settings,
    });
    const tried = await askUntil(
      () => logs.filter((l) => /refused the login/.test(l)).length >= 2,
      // Dovecot answers a failed login after a delay of its own (longer on a loaded machine).
      30_000,
    );
    expect(tried).not.toBeNull();
    stop.abort();
    await running;
    expect(logs.join('\n')).not.toContain(wrong);
    expect(logs.join('\n')).not.toContain(dovecot.user);
  }, 60_000);

  it('refuses a message over the size limit with the reason, and marks it seen', async () => {
    const client = await mailboxClient(dovecot);
    await client.append(
      'INBOX',
      eml(
        'huge-1',
        'Alice <alice@northwind.example>',
        'x@nowhere.example',
        'Big',
        'x'.repeat(100_000),
      ),
    );
    await client.logout();
    const logs: string[] = [];
    const s = await watchImap(t.ctx, ws, dovecot.url, {
      once: true,
      settings,
      log: (l) => logs.push(l),
    });
    expect(s).toEqual({ read: 1, filed: 0, refused: 1 });
    expect(logs.join('\n')).toMatch(/over the 65536-byte limit/);
    expect((await watchImap(t.ctx, ws, dovecot.url, { once: true, settings })).read).toBe(0);
  }, 30_000);

  it('files what arrives until stopped', async () => {
    const stop = new AbortController();
    const running = runImapReader(t.ctx, ws, dovecot.url, {
      signal: stop.signal,
      log: () => undefined,
      retrySeconds: 0.2,
      settings,
    });
    const client = await mailboxClient(dovecot);
    await client.append(
      'INBOX',
      eml('reader-1', 'Alice <alice@northwind.example>', 'x@nowhere.example', 'Hi', 'Hello'),
    );
    await client.logout();
    const find = () =>
      t.ctx.mail.findByKey(t.ctx.runner.executor, ws, 'reader-1@northwind.example');
    expect(await askUntil(async () => (await find()) !== null, 10_000)).not.toBeNull();
    const row = await find();
    expect(row?.status).toBe('unfiled');
    stop.abort();
    expect((await running).read).toBe(1);
  }, 30_000);
});
