/*
 * `momentum serve` with IMAP_URL reads the shared mailbox beside the web server (issue 18:
 * `mail watch` is the same reader without it), against a real Dovecot, and never prints the
 * mailbox credentials.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, mailboxClient, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { initAnnArgs } from '../support/cli.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');

describe.skipIf(DOVECOT_MISSING !== null)('momentum serve with IMAP_URL', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-serve-imap-'));
  let dovecot: Dovecot;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PORT;
  delete env.MAIL_SMTP_PORT;
  delete env.MAIL_WORKSPACE_ID;

  beforeAll(async () => {
    dovecot = await startDovecot();
    const init = spawnSync(process.execPath, [BIN, ...initAnnArgs('Acme Sales')], {
      cwd,
      env,
      encoding: 'utf8',
    });
    expect(init.status, init.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('files what arrives in the mailbox, and stops with the server', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-jobs'], {
      cwd,
      env: { ...env, IMAP_URL: dovecot.url, MAIL_ADDRESS: dovecot.user },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    for (let i = 0; i < 600 && !/waiting for mail/.test(out); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/waiting for mail \(IDLE\)/);
    const client = await mailboxClient(dovecot);
    await client.append(
      'INBOX',
      [
        'Message-ID: <serve-imap-1@acme.test>',
        'Date: Thu, 26 Nov 2026 10:30:00 -0500',
        'From: Ann Lee <ann@acme.test>',
        'To: Jen Park <jen@globex.test>',
        'Subject: Hello',
        '',
        'Jen, good to talk.',
        '',
      ].join('\r\n'),
    );
    await client.logout();
    for (let i = 0; i < 300 && !/mail ml_\w+: unfiled/.test(out); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/mail ml_\w+: unfiled/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toContain(dovecot.pass);
  }, 90_000);
});
