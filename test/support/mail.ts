import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Mailer, OutgoingMail } from '../../src/core/notifications/ports.ts';

/** A mailer that keeps what it is given (unit tests); `fail` makes the next sends throw. */
export function memoryMailer(): Mailer & { sent: OutgoingMail[]; fail: number } {
  const box = {
    configured: true as const,
    sent: [] as OutgoingMail[],
    fail: 0,
    async send(mail: OutgoingMail) {
      await new Promise((r) => setImmediate(r));
      if (box.fail > 0) {
        box.fail--;
        throw new Error('SMTP refused (simulated)');
      }
      box.sent.push(mail);
    },
  };
  return box;
}

export interface Received {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a random local port (smtp-server), which parses each message it takes
 * with mailparser. With `auth`, it requires that user and password (AUTH PLAIN/LOGIN over a
 * plain connection, which is fine on loopback).
 */
export async function startSmtpPeer(auth?: { user: string; pass: string }) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, callback) {
      if (auth && a.username === auth.user && a.password === auth.pass) {
        return callback(null, { user: a.username });
      }
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            for (const w of waiters.splice(0)) w();
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: auth
      ? `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@127.0.0.1:${port}`
      : `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once at least `n` messages have arrived (or rejects after `ms`). */
    async waitFor(n: number, ms = 10_000): Promise<Received[]> {
      const deadline = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} e-mails, got ${received.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The SMTP peer in a child process (see smtp-peer-process.mjs); messages land in `dir`. */
export async function startSmtpPeerProcess() {
  const { spawn } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-smtp-'));
  const child = spawn(
    process.execPath,
    [path.resolve(import.meta.dirname, 'smtp-peer-process.mjs'), dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`SMTP peer exited with ${code}`)));
  });
  const read = async (): Promise<ParsedMail[]> => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
  };
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    read,
    async waitFor(n: number, ms = 15_000): Promise<ParsedMail[]> {
      const deadline = Date.now() + ms;
      for (;;) {
        const mails = await read();
        if (mails.length >= n) return mails;
        if (Date.now() > deadline) throw new Error(`expected ${n} e-mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
