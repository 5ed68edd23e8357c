import type { Invitation } from '../../core/auth/ports.ts';
import { escapeHtml } from '../../core/notifications/digest-content.ts';
import { EMAIL_NOT_CONFIGURED, type Mailer } from '../../core/notifications/ports.ts';
import { INVITATION_DAYS } from '../../core/auth/flows/invitations.ts';
import type { MemberRepository, WorkspaceRepository } from '../../core/workspaces/ports.ts';
import type { TransactionRunner } from '../../core/kernel/transactions.ts';
import { sendLinkMail, type LinkDelivery } from './link-mail.ts';

export type InvitationMailDeps = {
  runner: TransactionRunner;
  mailer: Mailer;
  publicUrl: string;
  workspaces: Pick<WorkspaceRepository, 'findById'>;
  members: Pick<MemberRepository, 'findById'>;
};

export type InvitationDelivery = LinkDelivery;

export function joinLink(publicUrl: string, token: string): string {
  return `${publicUrl}/join?token=${encodeURIComponent(token)}`;
}

/**
 * E-mails an invitation's one-time link to the invited address, when e-mail is configured. The
 * invitation exists either way: a failed or unconfigured send only means the inviter passes the
 * link on. The link works once and expires with the invitation (INVITATION_DAYS).
 */
export async function emailInvitation(
  deps: InvitationMailDeps,
  invitation: Invitation,
  token: string,
): Promise<InvitationDelivery> {
  const link = joinLink(deps.publicUrl, token);
  // Without e-mail there is nothing to look up: the inviter passes the link on.
  if (!deps.mailer.configured) return { emailed: false, link, notice: EMAIL_NOT_CONFIGURED };
  const ex = deps.runner.executor;
  const [workspace, inviter] = await Promise.all([
    deps.workspaces.findById(ex, invitation.workspaceId),
    deps.members.findById(ex, invitation.workspaceId, invitation.invitedBy),
  ]);
  const where = workspace?.name ?? 'Momentum';
  const who = inviter?.name ?? 'A colleague';
  const e = escapeHtml;
  return sendLinkMail(deps.mailer, {
    to: { name: '', address: invitation.email },
    subject: `${who} invited you to ${where} on Momentum`,
    link,
    intro: {
      text: `${who} invited you to join ${where} on Momentum as ${invitation.role}.`,
      html: `${e(who)} invited you to join <strong>${e(where)}</strong> on Momentum as ${e(invitation.role)}.`,
    },
    action: {
      label: 'Join (set your password or sign in with your existing one)',
      linkText: `Join ${where}`,
    },
    footer: {
      text:
        `The link works once and expires in ${INVITATION_DAYS} days (${invitation.expiresAt}).\n` +
        `If you did not expect this, ignore this e-mail.`,
      html: `The link works once and expires in ${INVITATION_DAYS} days. If you did not expect this, ignore this e-mail.`,
    },
  });
}
