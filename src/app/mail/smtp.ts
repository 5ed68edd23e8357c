import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../context.ts';
import { isDomainError } from '../../core/kernel/errors.ts';
import { intakeEml, mailSettingsFromEnv, type MailSettings } from './intake.ts';

/*
 * An SMTP receiver for sites that point a domain's MX (or a forwarding rule) at Momentum.
 * `momentum serve` starts it when MAIL_SMTP_PORT is set. Every message is accepted or refused
 * whole: over the size limit it is refused at SIZE/DATA with the reason (552); otherwise it is
 * filed, or recorded as refused with the reason when its sender is not a member.
 */

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

export interface SmtpOptions {
  port: number;
  host?: string;
  workspaceId: string;
  settings?: MailSettings;
  log?: (line: string) => void;
}

export async function startSmtpReceiver(
  ctx: AppContext,
  options: SmtpOptions,
): Promise<SmtpReceiver> {
  const settings = options.settings ?? mailSettingsFromEnv();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxBytes,
    banner: 'Momentum e-mail in',
    logger: false,
    // Mail is taken only for Momentum's own addresses (MAIL_ADDRESS): nothing is ever relayed,
    // and the receiver is no catch-all for a domain.
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (settings.ownAddresses.length === 0 || settings.ownAddresses.includes(to)) {
        callback();
        return;
      }
      const err = new Error(
        `No mailbox here for ${to}: this server takes mail only for ${settings.ownAddresses.join(', ')} and relays nothing.`,
      ) as Error & { responseCode: number };
      err.responseCode = 550;
      callback(err);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const err = new Error(
            `Message refused: over the ${settings.maxBytes}-byte limit for e-mail in.`,
          ) as Error & { responseCode: number };
          err.responseCode = 552;
          callback(err);
          return;
        }
        intakeEml(ctx, options.workspaceId, Buffer.concat(chunks), 'smtp', settings)
          .then((r) => {
            options.log?.(`smtp: mail ${r.message.id} ${r.message.status}`);
            // Taken either way (a refused message is recorded with its reason); the reply says
            // what became of it.
            const what = r.duplicate
              ? 'seen before, nothing filed again'
              : r.message.status === 'filed'
                ? 'filed'
                : `${r.message.status}: ${r.message.reason ?? ''}`.trim();
            callback(null, `Received ${r.message.id}: ${what}`.replace(/[\r\n]+/g, ' '));
          })
          .catch((error: Error) => {
            // A reason the sender can act on (too large, malformed) refuses the message for
            // good; anything else is ours, so the sender is asked to try again later and the
            // details stay in the log.
            const known = isDomainError(error);
            options.log?.(`smtp: ${known ? 'refused' : 'failed'}: ${error.message}`);
            const err = new Error(
              known
                ? `Message refused: ${error.message}`
                : 'Message not filed: a problem on our side; try again later.',
            ) as Error & { responseCode: number };
            err.responseCode = known ? 550 : 451;
            callback(err);
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The workspace mail is filed in: MAIL_WORKSPACE_ID, or the only workspace. */
export async function mailWorkspaceId(ctx: AppContext): Promise<string> {
  const wanted = process.env.MAIL_WORKSPACE_ID;
  if (wanted) return wanted;
  const sole = await ctx.workspaces.findSole(ctx.runner.executor);
  if (!sole)
    throw new Error('Set MAIL_WORKSPACE_ID: e-mail in needs to know which workspace to file in.');
  return sole.id;
}
