import { escapeHtml } from '../../core/notifications/digest-content.ts';
import { EMAIL_NOT_CONFIGURED, type Mailer } from '../../core/notifications/ports.ts';

/** Whether a one-time link went out by e-mail; when not, why (the link is shown instead). */
export interface LinkDelivery {
  emailed: boolean;
  /** The link to pass on by hand when it was not e-mailed. */
  link: string;
  notice: string | null;
}

/** A short message whose point is one link: invitations and password resets. */
export interface LinkMail {
  to: { name: string; address: string };
  subject: string;
  link: string;
  /** The sentence before the link, as plain text and as (escaped by the caller) HTML. */
  intro: { text: string; html: string };
  /** The label above the link in the text part, and the link's own words in the HTML part. */
  action: { label: string; linkText: string };
  /** The small print after the link (validity, what to do if unexpected). */
  footer: { text: string; html: string };
}

/**
 * Sends a link e-mail when e-mail is configured. Whatever the link grants exists either way: an
 * unconfigured or failed send only means someone passes the link on by hand.
 */
export async function sendLinkMail(mailer: Mailer, mail: LinkMail): Promise<LinkDelivery> {
  const { link } = mail;
  if (!mailer.configured) return { emailed: false, link, notice: EMAIL_NOT_CONFIGURED };
  const e = escapeHtml;
  const text = `${mail.intro.text}\n\n${mail.action.label}:\n${link}\n\n${mail.footer.text}\n`;
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(mail.subject)}</title></head>` +
    `<body style="font-family: system-ui, sans-serif; line-height: 1.5">` +
    `<p>${mail.intro.html}</p>` +
    `<p><a href="${e(link)}">${e(mail.action.linkText)}</a></p>` +
    `<p style="font-size: small">${mail.footer.html}</p>` +
    `</body></html>`;
  try {
    await mailer.send({
      to: mail.to,
      subject: mail.subject,
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
