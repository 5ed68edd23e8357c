import type { Invitation } from '../../core/auth/ports.ts';
import { escapeHtml } from '../../core/notifications/digest-content.ts';
import { EMAIL_NOT_CONFIGURED, type Mailer } from '../../core/notifications/ports.ts';
import { INVITATION_DAYS } from '../../core/auth/flows/invitations.ts';
import type { MemberRepository, WorkspaceRepository } from '../../core/workspaces/ports.ts';
import type { TransactionRunner } from '../../core/kernel/transactions.ts';

export type InvitationMailDeps = {
  runner: TransactionRunner;
  mailer: Mailer;
  publicUrl: string;
  workspaces: Pick<WorkspaceRepository, 'findById'>;
  members: Pick<MemberRepository, 'findById'>;
};

/** Whether the invitation went out by e-mail; when not, why (the link is shown instead). */
export interface InvitationDelivery {
  emailed: boolean;
  /** The link to pass on by hand when it was not e-mailed. */
  link: string;
  notice: string | null;
}

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
  if (!deps.mailer.configured) return { emailed: false, link, notice: EMAIL_NOT_CONFIGURED };
  const ex = deps.runner.executor;
  const [workspace, inviter] = await Promise.all([
    deps.workspaces.findById(ex, invitation.workspaceId),
    deps.members.findById(ex, invitation.workspaceId, invitation.invitedBy),
  ]);
  const where = workspace?.name ?? 'Momentum';
  const who = inviter?.name ?? 'A colleague';
  const subject = `${who} invited you to ${where} on Momentum`;
  const text =
    `${who} invited you to join ${where} on Momentum as ${invitation.role}.\n\n` +
    `Join (set your password or sign in with your existing one):\n${link}\n\n` +
    `The link works once and expires in ${INVITATION_DAYS} days (${invitation.expiresAt}).\n` +
    `If you did not expect this, ignore this e-mail.\n`;
  const e = escapeHtml;
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>` +
    `<body style="font-family: system-ui, sans-serif; line-height: 1.5">` +
    `<p>${e(who)} invited you to join <strong>${e(where)}</strong> on Momentum as ${e(invitation.role)}.</p>` +
    `<p><a href="${e(link)}">Join ${e(where)}</a></p>` +
    `<p style="font-size: small">The link works once and expires in ${INVITATION_DAYS} days. If you did not expect this, ignore this e-mail.</p>` +
    `</body></html>`;
  try {
    await deps.mailer.send({
      to: { name: '', address: invitation.email },
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
