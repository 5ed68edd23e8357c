import type { Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../../core/notifications/ports.ts';
import { emailConfigured, type MailConfig } from './mail-config.ts';

/** An error from the SMTP exchange, with every trace of the credentials taken out. */
export class MailDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

function secretsOf(smtpUrl: string): string[] {
  try {
    const u = new URL(smtpUrl);
    const found = [u.password, decodeURIComponent(u.password)].filter((s) => s.length >= 3);
    return [...new Set(found)];
  } catch {
    return [];
  }
}

/** Removes the URL's password (raw and decoded) and any base64 of it from a message. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join('***');
    out = out.split(Buffer.from(s).toString('base64')).join('***');
  }
  return out;
}

const NOT_CONFIGURED: Mailer = {
  configured: false,
  send: () => Promise.reject(new MailDeliveryError('E-mail is not configured.')),
};

/**
 * The mailer over SMTP (nodemailer), or one that is not configured. Nodemailer's own logger is
 * off and its errors are rethrown as a MailDeliveryError whose message has the password
 * scrubbed, so neither a log line nor an error reply can show it. Connections are not pooled:
 * a digest or an invitation is one message, and a pool would hold sockets between ticks.
 */
export function smtpMailer(config: MailConfig): Mailer {
  if (!emailConfigured(config)) return NOT_CONFIGURED;
  const secrets = secretsOf(config.smtpUrl!);
  // Loaded on first send, so that commands which never mail start without it.
  let transport: Promise<Transporter> | null = null;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(config.smtpUrl!, {
        from: config.from!,
        logger: false,
        debug: false,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      }),
    ));
  return {
    configured: true,
    async send(mail: OutgoingMail) {
      try {
        await (
          await open()
        ).sendMail({
          from: config.from!,
          to: { name: mail.to.name, address: mail.to.address },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.headers && { headers: mail.headers }),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new MailDeliveryError(`Sending e-mail failed: ${scrub(message, secrets)}`);
      }
    },
  };
}
