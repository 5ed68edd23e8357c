import type { IssuedReset } from '../../core/auth/flows/password-reset.ts';
import { PASSWORD_RESET_MINUTES } from '../../core/auth/flows/password-reset.ts';
import { escapeHtml } from '../../core/notifications/digest-content.ts';
import { EMAIL_NOT_CONFIGURED, type Mailer } from '../../core/notifications/ports.ts';

export type ResetMailDeps = { mailer: Mailer; publicUrl: string };

export interface ResetDelivery {
  emailed: boolean;
  link: string;
  /** Why it was not e-mailed (e-mail not configured, or the send failed). */
  notice: string | null;
}

export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password/${encodeURIComponent(token)}`;
}

/** E-mails a reset's one-time link to the member's address, when e-mail is configured. */
export async function emailPasswordReset(
  deps: ResetMailDeps,
  issued: IssuedReset,
): Promise<ResetDelivery> {
  const link = resetLink(deps.publicUrl, issued.token);
  if (!deps.mailer.configured) return { emailed: false, link, notice: EMAIL_NOT_CONFIGURED };
  const subject = 'Reset your Momentum password';
  const text =
    `Someone (hopefully you) asked to reset the password of ${issued.member.email} on Momentum.\n\n` +
    `Set a new password:\n${link}\n\n` +
    `The link works once and expires in ${PASSWORD_RESET_MINUTES} minutes. Setting a new password signs you out everywhere.\n` +
    `If you did not ask for this, ignore this e-mail; your password stays as it is.\n`;
  const e = escapeHtml;
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>` +
    `<body style="font-family: system-ui, sans-serif; line-height: 1.5">` +
    `<p>Someone (hopefully you) asked to reset the password of ${e(issued.member.email)} on Momentum.</p>` +
    `<p><a href="${e(link)}">Set a new password</a></p>` +
    `<p style="font-size: small">The link works once and expires in ${PASSWORD_RESET_MINUTES} minutes. If you did not ask for this, ignore this e-mail.</p>` +
    `</body></html>`;
  try {
    await deps.mailer.send({
      to: { name: issued.member.name, address: issued.member.email },
      subject,
      text,
      html,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return { emailed: true, link, notice: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { emailed: false, link, notice: `${message} Pass the link on yourself.` };
  }
}
