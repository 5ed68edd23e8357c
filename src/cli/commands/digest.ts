import type { Command } from 'commander';
import { sendDigestNow } from '../../app/digest/send-digest.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import {
  getDigestSettings,
  updateDigestSettings,
  type DigestSettings,
} from '../../core/notifications/flows/digest-preferences.ts';
import { EMAIL_NOT_CONFIGURED } from '../../core/notifications/ports.ts';
import { parseIsoDate } from '../../core/time/dates.ts';
import { DomainError, invalid } from '../../core/kernel/errors.ts';
import { printJson } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

function describeSettings(s: DigestSettings, configured: boolean): string {
  const state = s.enabled
    ? `on, at ${s.time} on your business days (${s.timeZone})`
    : `off (it would go at ${s.time}, ${s.timeZone})`;
  return `Daily digest: ${state}.\n${configured ? '' : `${EMAIL_NOT_CONFIGURED}.\n`}`;
}

export function registerDigestCommands(program: Command): void {
  const digest = program
    .command('digest')
    .description('The daily digest e-mail: send it now, turn it on or off, set its time');

  digest
    .command('send')
    .description(
      "Send a member's digest now (you, or --as EMAIL); the same digest is never sent twice",
    )
    .option('--date <date>', "the digest's day, YYYY-MM-DD (default: today in the member's zone)")
    .option('--json', 'print {"outcome", "localDate", "to"}')
    .addHelpText(
      'after',
      '\nNeeds SMTP_URL and MOMENTUM_FROM. A digest already sent (by this command or by the\nserver at the member\'s digest time) is not sent again: it prints "already sent".',
    )
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const member = await ctx.members.findById(
          ctx.runner.executor,
          actor.workspaceId,
          actor.memberId,
        );
        if (!member) throw new DomainError('not-found', 'No such member.');
        const localDate = opts.date
          ? parseIsoDate(opts.date, '--date').toString()
          : localDateOf(ctx.clock.now(), member.timeZone);
        const result = await sendDigestNow(ctx, {
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          localDate,
        });
        if (result.outcome === 'skipped') {
          throw invalid(`Not sent: ${result.reason ?? 'skipped'}.`);
        }
        if (opts.json) return printJson(result);
        process.stdout.write(
          result.outcome === 'sent'
            ? `Sent the digest for ${localDate} to ${result.to}.\n`
            : `The digest for ${localDate} to ${result.to} was already sent; not sending it again.\n`,
        );
      });
    });

  digest
    .command('settings')
    .description('Show or change your digest: --on/--off, --time HH:MM (in your time zone)')
    .option('--time <hh:mm>', 'when it goes, on a 24-hour clock in your zone, e.g. 08:00')
    .option('--on', 'turn the digest on')
    .option('--off', 'turn the digest off')
    .option('--json', 'print the settings as JSON')
    .action(async (opts, command: Command) => {
      if (opts.on && opts.off) throw invalid('Give --on or --off, not both.');
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const change = opts.on || opts.off || opts.time !== undefined;
        const settings = change
          ? await updateDigestSettings(ctx, actor, {
              ...(opts.on && { enabled: true }),
              ...(opts.off && { enabled: false }),
              ...(opts.time !== undefined && { time: String(opts.time) }),
            })
          : await getDigestSettings(ctx, actor);
        if (opts.json) return printJson({ ...settings, emailConfigured: ctx.mailer.configured });
        process.stdout.write(describeSettings(settings, ctx.mailer.configured));
      });
    });
}
