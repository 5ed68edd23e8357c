import { EMAIL_NOT_CONFIGURED } from '../../core/notifications/ports.ts';

/** How the server sends e-mail and where its links point, from the environment. */
export interface MailConfig {
  /** smtp://user:pass@host:587 or smtps://…:465; null when unset (nothing is sent). */
  smtpUrl: string | null;
  /** The From address, e.g. "Momentum <momentum@example.com>". */
  from: string | null;
  /** Links in e-mails start with this (no trailing slash). */
  publicUrl: string;
}

/**
 * SMTP_URL and MOMENTUM_FROM turn e-mail on (both are needed). MOMENTUM_PUBLIC_URL is where the
 * app is reached from outside; without it MOMENTUM_ORIGIN (the allowed origin), and without that
 * http://localhost:PORT.
 */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new Error(
      `SMTP_URL must start with smtp:// or smtps:// (got "${smtpUrl.split(':')[0]}:…").`,
    );
  }
  const publicUrl = (
    env.MOMENTUM_PUBLIC_URL?.trim() ||
    env.MOMENTUM_ORIGIN?.trim() ||
    `http://localhost:${env.PORT?.trim() || 3000}`
  ).replace(/\/+$/, '');
  return { smtpUrl, from: env.MOMENTUM_FROM?.trim() || null, publicUrl };
}

export function emailConfigured(config: MailConfig): boolean {
  return Boolean(config.smtpUrl && config.from);
}

/** The sentence Settings and the CLI show when e-mail is off. */
export const NOT_CONFIGURED_MESSAGE = EMAIL_NOT_CONFIGURED;

/** SMTP_URL with its password (and user) replaced, for logs and messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'smtp://***';
  }
}
