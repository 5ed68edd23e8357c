import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addAccount, addContact } from '../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment, getCommitment } from '../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../src/core/deals/flows/manage-deals.ts';
import type { Actor } from '../src/core/workspaces/types.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../src/app/mail/smtp.ts';
import { sendSmtp } from '../test/support/smtp-client.ts';
import { hasChromium, openBrowser, type Browser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createWorkspaceInBrowser } from './support/setup.ts';

/*
 * E-mail in, end to end (issue 18): the rep BCCs Momentum on the e-mail that sends the pricing
 * sheet; it arrives over SMTP at the receiver, Today proposes "Kept? send the pricing sheet" with
 * the words that matched, and one click marks the promise kept at the e-mail's sent time.
 */
const THURSDAY = '2026-11-26T20:00:00Z';

describe.skipIf(!hasChromium)('a BCC’d e-mail keeps a promise', () => {
  let server: TestServer;
  let smtp: SmtpReceiver;
  let owner: Browser;
  let actor: Actor;
  let promiseId = '';

  beforeAll(async () => {
    server = await startServer(THURSDAY);
    owner = await openBrowser({ now: new Date(THURSDAY) });
    const { page } = owner;
    await createWorkspaceInBrowser(page, server.url);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    const ex = server.ctx.runner.executor;
    const workspace = (await server.ctx.workspaces.findSole(ex))!;
    const member = (await server.ctx.members.listByWorkspace(ex, workspace.id))[0]!;
    actor = { memberId: member.id, workspaceId: workspace.id, role: member.role };
    await addAccount(server.ctx, actor, { name: 'Globex' });
    await addContact(server.ctx, actor, {
      account: 'Globex',
      name: 'Jen Park',
      email: 'jen@globex.test',
    });
    const deal = await addDeal(server.ctx, actor, { account: 'Globex', title: 'Pilot' });
    promiseId = (
      await addCommitment(server.ctx, actor, {
        dealId: deal.id,
        side: 'ours',
        text: 'send the pricing sheet',
        due: '2026-11-30',
        madeOn: '2026-11-24',
      })
    ).id;
    smtp = await startSmtpReceiver(server.ctx, {
      port: 0,
      workspaceId: workspace.id,
      settings: { maxBytes: 1024 * 1024, ownAddresses: ['momentum@acme.test'] },
    });
  });

  afterAll(async () => {
    await smtp?.close();
    await owner?.close();
    await server?.close();
  });

  test('Today proposes it with the words that matched, and Mark kept keeps it', async () => {
    const replies = await sendSmtp(
      smtp.port,
      [
        'Message-ID: <e2e-pricing@acme.test>',
        'Date: Thu, 26 Nov 2026 10:30:00 -0500',
        'From: Ann Lee <ann@acme.test>',
        'To: Jen Park <jen@globex.test>',
        'Subject: Globex pricing',
        'Content-Type: text/plain',
        '',
        'Jen, as promised, here is the pricing sheet: https://acme.test/p/globex',
        '',
      ].join('\r\n'),
      { rcpt: 'momentum@acme.test' },
    );
    expect(replies.some((l) => l.startsWith('250 Received'))).toBe(true);

    const { page } = owner;
    await page.goto(`${server.url}/`);
    const card = page.getByRole('region', { name: 'Kept by e-mail?' });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Kept? send the pricing sheet');
    expect(text).toMatch(/matched: .*pricing sheet/);
    await card.getByRole('button', { name: 'Mark kept' }).click();
    await card.waitFor({ state: 'detached' });
    const kept = await getCommitment(server.ctx, actor, promiseId);
    expect(kept).toMatchObject({ state: 'done', doneAt: '2026-11-26T15:30:00.000Z' });
    expect(kept.classification).toBe('early');
  });

  test('the Inbox takes an uploaded .eml that fits no deal, and files it on the deal chosen', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eml-')), 'hello.eml');
    fs.writeFileSync(
      file,
      [
        'Message-ID: <e2e-inbox@acme.test>',
        'Date: Thu, 26 Nov 2026 11:00:00 -0500',
        'From: Ann Lee <ann@acme.test>',
        'To: Someone New <new@newco.test>',
        'Subject: Hello from Acme',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Nice to meet you.<script>alert(1)</script></p>',
        '',
      ].join('\r\n'),
    );
    const { page } = owner;
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByLabel('An .eml file saved from your mail client').setInputFiles(file);
    const waiting = page.getByRole('list', { name: 'E-mail waiting for a deal' });
    await waiting.waitFor();
    const row = waiting.getByRole('listitem').filter({ hasText: 'Hello from Acme' });
    expect(await row.textContent()).toContain('new@newco.test');
    await row.getByLabel('Deal for “Hello from Acme”').selectOption({ label: 'Pilot' });
    await row.getByRole('button', { name: 'File' }).click();
    await page.getByText('Nothing waiting.').waitFor();
  });

  test('Today asks which deal an e-mail to an account with two open deals is about, and files it there', async () => {
    await addAccount(server.ctx, actor, { name: 'Initech' });
    await addContact(server.ctx, actor, {
      account: 'Initech',
      name: 'Peter Gibbons',
      email: 'peter@initech.test',
    });
    const renewal = await addDeal(server.ctx, actor, { account: 'Initech', title: 'Renewal' });
    const upsell = await addDeal(server.ctx, actor, { account: 'Initech', title: 'Upsell' });
    const replies = await sendSmtp(
      smtp.port,
      [
        'Message-ID: <e2e-two-deals@acme.test>',
        'Date: Thu, 26 Nov 2026 12:00:00 -0500',
        'From: Ann Lee <ann@acme.test>',
        'To: Peter Gibbons <peter@initech.test>',
        'Subject: TPS reports',
        'Content-Type: text/plain',
        '',
        'Peter, good to talk. More soon.',
        '',
      ].join('\r\n'),
      { rcpt: 'momentum@acme.test' },
    );
    expect(replies.some((l) => l.startsWith('250 Received'))).toBe(true);

    const { page } = owner;
    await page.goto(`${server.url}/`);
    const card = page.getByRole('region', { name: 'Which deal is this e-mail about?' });
    await card.waitFor();
    const ask = card.getByRole('group', { name: 'TPS reports — to peter@initech.test' });
    await ask.waitFor();
    expect(await ask.getByRole('button').allTextContents()).toEqual(
      expect.arrayContaining(['Renewal', 'Upsell']),
    );
    await ask.getByRole('button', { name: 'Upsell' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Filed “TPS reports” on Upsell').waitFor();
    // The card went with its last ask: focus is on the page's heading, not lost to <body>.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');

    const ex = server.ctx.runner.executor;
    const onUpsell = await server.ctx.touches.listForDeal(ex, upsell.id, 10);
    expect(onUpsell.map((t) => [t.kind, t.at])).toEqual([['email', '2026-11-26T17:00:00.000Z']]);
    expect(await server.ctx.touches.listForDeal(ex, renewal.id, 10)).toEqual([]);
  });

  test('a new promise written in an e-mail is added from Today, once', async () => {
    const replies = await sendSmtp(
      smtp.port,
      [
        'Message-ID: <e2e-new-promise@acme.test>',
        'Date: Thu, 26 Nov 2026 13:00:00 -0500',
        'From: Ann Lee <ann@acme.test>',
        'To: Jen Park <jen@globex.test>',
        'Subject: Contract',
        'Content-Type: text/plain',
        '',
        "Jen, I'll send the contract by Tuesday.",
        '',
      ].join('\r\n'),
      { rcpt: 'momentum@acme.test' },
    );
    expect(replies.some((l) => l.startsWith('250 Received'))).toBe(true);
    const { page } = owner;
    await page.goto(`${server.url}/`);
    const card = page.getByRole('region', { name: 'Kept by e-mail?' });
    const row = card.getByRole('group', { name: /^New promise from your e-mail: .*contract/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/due Tue 1 Dec/);
    await row.getByRole('button', { name: 'Add' }).click();
    await row.waitFor({ state: 'detached' });
    const list = await server.ctx.commitments.listVisible(server.ctx.runner.executor, actor, {
      state: 'open',
    });
    const added = list.filter((c) => /contract/.test(c.text));
    expect(added.map((c) => [c.side, c.due, c.target])).toEqual([
      ['ours', '2026-12-01', '2026-11-30'],
    ]);
  });
});
