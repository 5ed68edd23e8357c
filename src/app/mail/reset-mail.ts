import type { IssuedReset } from '../../core/auth/flows/password-reset.ts';
import { PASSWORD_RESET_MINUTES } from '../../core/auth/flows/password-reset.ts';
import { escapeHtml } from '../../core/notifications/digest-content.ts';
import type { Mailer } from '../../core/notifications/ports.ts';
import { sendLinkMail, type LinkDelivery } from './link-mail.ts';

export type ResetMailDeps = { mailer: Mailer; publicUrl: string };

export type ResetDelivery = LinkDelivery;

export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password/${encodeURIComponent(token)}`;
}

/** E-mails a reset's one-time link to the member's address, when e-mail is configured. */
export async function emailPasswordReset(
  deps: ResetMailDeps,
  issued: IssuedReset,
): Promise<ResetDelivery> {
  const { email, name } = issued.member;
  const asked = (address: string) =>
    `Someone (hopefully you) asked to reset the password of ${address} on Momentum.`;
  return sendLinkMail(deps.mailer, {
    to: { name, address: email },
    subject: 'Reset your Momentum password',
    link: resetLink(deps.publicUrl, issued.token),
    intro: { text: asked(email), html: asked(escapeHtml(email)) },
    action: { label: 'Set a new password', linkText: 'Set a new password' },
    footer: {
      text:
        `The link works once and expires in ${PASSWORD_RESET_MINUTES} minutes. Setting a new password signs you out everywhere.\n` +
        `If you did not ask for this, ignore this e-mail; your password stays as it is.`,
      html: `The link works once and expires in ${PASSWORD_RESET_MINUTES} minutes. If you did not ask for this, ignore this e-mail.`,
    },
  });
}
