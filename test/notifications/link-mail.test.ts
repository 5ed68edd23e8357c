import { describe, expect, it } from 'vitest';
import { sendLinkMail, type LinkMail } from '../../src/app/mail/link-mail.ts';
import {
  EMAIL_NOT_CONFIGURED,
  type Mailer,
  type OutgoingMail,
} from '../../src/core/notifications/ports.ts';

const mail: LinkMail = {
  to: { name: 'Ann <Lee>', address: 'ann@example.com' },
  subject: 'Join <Acme>',
  link: 'https://momentum.example/join?token=a&b',
  intro: { text: 'Bo invited you to <Acme>.', html: 'Bo invited you to &lt;Acme&gt;.' },
  action: { label: 'Join', linkText: 'Join <Acme>' },
  footer: { text: 'Works once.', html: 'Works <em>once</em>.' },
};

function recordingMailer(fail?: Error): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    configured: true,
    sent,
    async send(message: OutgoingMail) {
      if (fail) throw fail;
      sent.push(message);
    },
  } as Mailer & { sent: OutgoingMail[] };
}

describe('a one-link e-mail (invitations, password resets)', () => {
  it('sends the link in both parts, escaping what the caller did not', async () => {
    const mailer = recordingMailer();
    const delivery = await sendLinkMail(mailer, mail);
    expect(delivery).toEqual({ emailed: true, link: mail.link, notice: null });
    const [sent] = mailer.sent;
    expect(sent!.text).toBe(
      'Bo invited you to <Acme>.\n\nJoin:\nhttps://momentum.example/join?token=a&b\n\nWorks once.\n',
    );
    expect(sent!.html).toContain('<a href="https://momentum.example/join?token=a&amp;b">');
    expect(sent!.html).toContain('>Join &lt;Acme&gt;</a>');
    expect(sent!.html).toContain('<title>Join &lt;Acme&gt;</title>');
    expect(sent!.html).toContain('Works <em>once</em>.');
    expect(sent!.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('hands the link back to pass on when e-mail is not configured or the send fails', async () => {
    const unconfigured = { ...recordingMailer(), configured: false };
    expect(await sendLinkMail(unconfigured, mail)).toEqual({
      emailed: false,
      link: mail.link,
      notice: EMAIL_NOT_CONFIGURED,
    });
    const failing = recordingMailer(new Error('Connection refused.'));
    expect(await sendLinkMail(failing, mail)).toEqual({
      emailed: false,
      link: mail.link,
      notice: 'Connection refused. Pass the link on yourself.',
    });
  });
});
