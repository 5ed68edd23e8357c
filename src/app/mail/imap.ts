import { ImapFlow } from 'imapflow';
import type { AppContext } from '../context.ts';
import { intakeEml, mailSettingsFromEnv, type MailSettings } from './intake.ts';
import { DEFAULT_MAX_MESSAGE_BYTES, MessageTooLargeError } from './parse-eml.ts';

/*
 * The shared mailbox reps BCC or forward to, read over IMAP (imapflow). Unseen messages are
 * filed and marked seen; then the reader waits with IDLE where the server offers it, and polls
 * otherwise. The URL carries the credentials, so it is never logged: only its host is.
 *
 *   IMAP_URL=imaps://user%40example.com:password@imap.example.com:993/INBOX
 */

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

export function parseImapUrl(url: string): ImapTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('IMAP_URL is not a URL (imap[s]://user:password@host[:port]/MAILBOX).');
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:')
    throw new Error('IMAP_URL must start with imap:// or imaps://.');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** The URL with its credentials removed, for logs. */
export function redactImapUrl(url: string): string {
  try {
    const t = parseImapUrl(url);
    return `${t.secure ? 'imaps' : 'imap'}://${t.host}:${t.port}/${t.mailbox}`;
  } catch {
    return '(invalid IMAP_URL)';
  }
}

export interface WatchOptions {
  once?: boolean;
  /** Seconds between polls when the server has no IDLE. */
  pollSeconds?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
  settings?: MailSettings;
  /** Accept a self-signed certificate (tests against a local server). */
  insecureTls?: boolean;
}

export interface ReadSummary {
  read: number;
  filed: number;
  refused: number;
}

async function readUnseen(
  ctx: AppContext,
  client: ImapFlow,
  workspaceId: string,
  options: WatchOptions,
  summary: ReadSummary,
): Promise<void> {
  const uids = (await client.search({ seen: false }, { uid: true })) || [];
  const limit = options.settings?.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  for (const uid of uids) {
    // The size first: a message over the limit is refused without being downloaded.
    const head = await client.fetchOne(String(uid), { size: true }, { uid: true });
    if (head && typeof head.size === 'number' && head.size > limit) {
      summary.read++;
      summary.refused++;
      options.log?.(
        `mail uid ${uid}: refused: ${new MessageTooLargeError(head.size, limit).message}`,
      );
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      continue;
    }
    const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!msg || !msg.source) continue;
    summary.read++;
    try {
      const r = await intakeEml(ctx, workspaceId, msg.source, 'imap', options.settings);
      if (r.message.status === 'refused') summary.refused++;
      else summary.filed++;
      options.log?.(
        `mail ${r.message.id}: ${r.message.status}${r.duplicate ? ' (seen before)' : ''}`,
      );
    } catch (error) {
      summary.refused++;
      options.log?.(`mail uid ${uid}: refused: ${(error as Error).message}`);
    }
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  }
}

/** Reads the mailbox: once, or until the signal aborts (IDLE, else polling). */
export async function watchImap(
  ctx: AppContext,
  workspaceId: string,
  url: string,
  options: WatchOptions = {},
): Promise<ReadSummary> {
  const target = parseImapUrl(url);
  const settings = options.settings ?? mailSettingsFromEnv();
  const opts = { ...options, settings };
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    // The reader only waits between reads, so it can go into IDLE after a second of quiet.
    autoIdleDelay: 1000,
    ...(options.insecureTls && { tls: { rejectUnauthorized: false } }),
  });
  const summary: ReadSummary = { read: 0, filed: 0, refused: 0 };
  try {
    await client.connect();
  } catch (error) {
    // imapflow's own error says only "Command failed"; the URL is named without its
    // credentials, and neither the user nor the password is repeated.
    const e = error as { authenticationFailed?: boolean; code?: string };
    const why = e.authenticationFailed
      ? 'the server refused the login: check the user and password in IMAP_URL'
      : `could not connect (${e.code ?? (error as Error).message})`;
    throw new Error(`IMAP ${redactImapUrl(url)}: ${why}.`);
  }
  options.log?.(`mail watch: connected to ${redactImapUrl(url)}`);
  // A held mailbox lock keeps imapflow from IDLE, so each read takes the lock only while it runs.
  const read = async () => {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      await readUnseen(ctx, client, workspaceId, opts, summary);
    } finally {
      lock.release();
    }
  };
  let busy = Promise.resolve();
  const next = () => {
    busy = busy.then(read).catch((e) => {
      options.log?.(`mail watch: ${(e as Error).message}`);
    });
  };
  try {
    await read();
    if (options.once) return summary;
    // Mail that arrived while the first read ran, or before the server heard IDLE, is announced
    // with EXISTS as soon as the listener is there; one more read catches the rest.
    client.on('exists', next);
    next();
    const idle = client.capabilities.has('IDLE');
    options.log?.(`mail watch: waiting for mail (${idle ? 'IDLE' : 'polling'})`);
    await new Promise<void>((resolve) => {
      const timer = idle
        ? null
        : setInterval(
            () => {
              next();
            },
            (options.pollSeconds ?? 60) * 1000,
          );
      const stop = () => {
        if (timer) clearInterval(timer);
        resolve();
      };
      if (options.signal?.aborted) stop();
      options.signal?.addEventListener('abort', stop, { once: true });
      client.on('close', stop);
    });
    await busy;
    return summary;
  } finally {
    await client.logout().catch(() => undefined);
  }
}

export interface ReaderOptions {
  signal: AbortSignal;
  log: (line: string) => void;
  /** Seconds to wait before connecting again after a failure or a dropped connection. */
  retrySeconds?: number;
  pollSeconds?: number;
  settings?: MailSettings;
  insecureTls?: boolean;
}

/**
 * The long-running reader (`momentum serve` with IMAP_URL, `momentum mail watch`): it watches
 * the mailbox and, when the connection fails or drops, says why (never the credentials) and
 * connects again after `retrySeconds`, until the signal aborts.
 */
export async function runImapReader(
  ctx: AppContext,
  workspaceId: string,
  url: string,
  options: ReaderOptions,
): Promise<ReadSummary> {
  const total: ReadSummary = { read: 0, filed: 0, refused: 0 };
  const retryMs = (options.retrySeconds ?? 30) * 1000;
  while (!options.signal.aborted) {
    try {
      const s = await watchImap(ctx, workspaceId, url, {
        signal: options.signal,
        log: options.log,
        ...(options.pollSeconds !== undefined && { pollSeconds: options.pollSeconds }),
        ...(options.settings && { settings: options.settings }),
        ...(options.insecureTls && { insecureTls: true }),
      });
      total.read += s.read;
      total.filed += s.filed;
      total.refused += s.refused;
      if (options.signal.aborted) break;
      options.log(`mail watch: the connection closed; connecting again in ${retryMs / 1000} s`);
    } catch (error) {
      options.log(`mail watch: ${(error as Error).message} Trying again in ${retryMs / 1000} s.`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      options.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
  return total;
}
