import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { classifyDatabaseError } from '../database-failures.ts';
import { fileMail, type FileMailResult } from '../../core/mail/flows/file-message.ts';
import type { MailSource } from '../../core/mail/types.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { senderVerdict } from '../../core/mail/authentication.ts';
import { DEFAULT_MAX_MESSAGE_BYTES, MessageTooLargeError, parseEml } from './parse-eml.ts';

/** The e-mail-in settings read from the environment. Credentials are never part of it. */
export interface MailSettings {
  maxBytes: number;
  /** Momentum's own addresses (the BCC/forwarding address): never taken for a customer. */
  ownAddresses: string[];
  /**
   * MAIL_AUTHSERV_ID: the id under which the mailbox's own server writes its SPF/DKIM/DMARC
   * verdict (Authentication-Results). When set, a message from a member's address is filed for
   * them only when that server authenticated it; unset, the From header is taken as it is.
   */
  authServId?: string | null;
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const max = Number(env.MAIL_MAX_BYTES);
  return {
    maxBytes: Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_MESSAGE_BYTES,
    ownAddresses: (env.MAIL_ADDRESS ?? '')
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean),
    authServId: env.MAIL_AUTHSERV_ID?.trim() || null,
  };
}

/**
 * Reads one raw message (from IMAP, SMTP, an upload or `mail import`) and files it. A message
 * over the size limit is refused with the reason before it is parsed.
 */
export async function intakeEml(
  ctx: AppContext,
  workspaceId: string,
  raw: Buffer | string,
  source: MailSource,
  settings: MailSettings = mailSettingsFromEnv(),
  /** An upload: the member handing it in, for whom alone it may be filed. */
  onlyFor?: string,
): Promise<FileMailResult> {
  let parsed;
  try {
    parsed = await parseEml(raw, settings.maxBytes);
  } catch (error) {
    if (error instanceof MessageTooLargeError) throw new DomainError('validation', error.message);
    throw error;
  }
  const messageKey =
    parsed.messageId ??
    `sha256:${createHash('sha256')
      .update(typeof raw === 'string' ? raw : raw)
      .digest('hex')}`;
  const incoming = {
    workspaceId,
    messageKey,
    source,
    from: parsed.from,
    to: parsed.to,
    cc: parsed.cc,
    sentAt: parsed.sentAt,
    subject: parsed.subject,
    text: parsed.text,
    attachments: parsed.attachments.map((a) => ({ name: a.name, size: a.size })),
    size: parsed.size,
    ownAddresses: settings.ownAddresses,
    ...(onlyFor !== undefined && { onlyFor }),
    // An upload comes from its signed-in member; mail from the mailbox or the SMTP receiver
    // carries only what its From header claims, unless the receiving server vouched for it.
    ...(onlyFor === undefined &&
      settings.authServId &&
      parsed.from && {
        senderVerdict: senderVerdict(
          parsed.authenticationResults,
          settings.authServId,
          parsed.from.address,
        ),
      }),
  };
  try {
    return await fileMail(ctx, incoming);
  } catch (error) {
    // The same message read at the same moment from two sources (the mailbox and the SMTP
    // receiver): the second writer loses the unique key and reads it as seen before.
    if (classifyDatabaseError(error)?.kind === 'unique') return fileMail(ctx, incoming);
    throw error;
  }
}
