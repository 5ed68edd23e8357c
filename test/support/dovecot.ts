import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/*
 * A real IMAP server for the e-mail-in tests: Debian's Dovecot (apt-get install dovecot-imapd),
 * run in the foreground with a config file in a temporary folder, on a free port, with one
 * passwd-file user. Mail is owned by "nobody" (Dovecot refuses to serve mail as root). Tests
 * skip with DOVECOT_MISSING when the binary is absent.
 */

const BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p));

export const DOVECOT_MISSING = BINARY
  ? null
  : 'Dovecot is not installed (apt-get install -y dovecot-imapd); the IMAP tests are skipped.';

export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  url: string;
  stop(): Promise<void>;
}

/** A connected IMAP client of the test mailbox, for a test that puts mail in it (log out after). */
export async function mailboxClient(dovecot: Dovecot): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.pass },
    logger: false,
  });
  await client.connect();
  return client;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `dovecot exited (${child.exitCode}): ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`,
      );
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `dovecot did not listen on ${port}: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`,
  );
}

export async function startDovecot(): Promise<Dovecot> {
  if (!BINARY) throw new Error(DOVECOT_MISSING!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'momentum@mail.test';
  const pass = `pw-${Math.random().toString(36).slice(2)}`;
  const uid = idOf('-u', 'nobody');
  const gid = idOf('-g', 'nobody');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.chownSync(home, uid, gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}::::::\n`);
  const log = path.join(dir, 'dovecot.log');
  const config = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    config,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${log}`,
      `info_log_path = ${log}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${home}/%u/Maildir`,
      `mail_uid = ${uid}`,
      `mail_gid = ${gid}`,
      `first_valid_uid = ${Math.min(uid, 500)}`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${uid} gid=${gid} home=${home}/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service stats {',
      '  unix_listener stats-reader {',
      '    mode = 0666',
      '  }',
      '  unix_listener stats-writer {',
      '    mode = 0666',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(BINARY, ['-F', '-c', config], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  return {
    port,
    user,
    pass,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/INBOX`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
