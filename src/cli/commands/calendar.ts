import fs from 'node:fs';
import type { Command } from 'commander';
import { readIcs, IMPORT_WINDOW_DAYS } from '../../app/calendar/read-ics.ts';
import { publicBaseUrl } from '../../app/public-url.ts';
import {
  feedPath,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from '../../core/calendar-feeds/flows/feeds.ts';
import {
  importMeetings,
  type ImportMeetingsReport,
} from '../../core/calendar-feeds/flows/import-meetings.ts';
import { invalid, notFound } from '../../core/kernel/errors.ts';
import { printJson } from '../output.ts';
import { parseInteger, resolveCliActor, withContext } from '../runtime.ts';

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('Your calendar: a private feed URL to subscribe to, and importing meetings');
  calendar
    .command('url')
    .description(
      'Print your private calendar feed URL (made on first use; only its hash is kept, so an existing one is shown only when made: --rotate prints a new one)',
    )
    .option('--rotate', 'make a new URL; the old one stops working')
    .option('--revoke', 'revoke your URL; subscribed calendars stop updating')
    .option(
      '--public-url <url>',
      'the address people reach the server at (MOMENTUM_PUBLIC_URL; default http://localhost:PORT)',
    )
    .option('--json', 'print {"url","createdAt","state"}')
    .action(async (opts, command: Command) => {
      if (opts.rotate && opts.revoke) throw invalid('Give --rotate or --revoke, not both.');
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        let base: string;
        try {
          base = publicBaseUrl(process.env, opts.publicUrl);
        } catch (error) {
          throw invalid((error as Error).message);
        }
        if (opts.revoke) {
          await revokeCalendarFeed(ctx, actor);
          if (opts.json) printJson({ url: null, createdAt: null, state: 'revoked' });
          else process.stdout.write('Revoked your calendar feed URL; it now answers 404.\n');
          return;
        }
        const live = opts.rotate ? null : await getCalendarFeed(ctx, actor);
        if (live) {
          if (opts.json) printJson({ url: null, createdAt: live.createdAt, state: 'exists' });
          else
            process.stdout.write(
              `You have a calendar feed URL, made ${live.createdAt}. It is shown only when made (only its hash is kept).\nRun \`momentum calendar url --rotate\` for a new one (the old one stops working).\n`,
            );
          return;
        }
        const { feed, secret, replaced } = await rotateCalendarFeed(ctx, actor);
        const url = `${base}${feedPath(secret)}`;
        if (opts.json)
          printJson({ url, createdAt: feed.createdAt, state: replaced ? 'rotated' : 'created' });
        else
          process.stdout.write(
            `${replaced ? 'Your new calendar feed URL (the old one no longer works)' : 'Your calendar feed URL'}; subscribe to it in your calendar, and keep it private:\n${url}\n`,
          );
      });
    });
  calendar
    .command('import')
    .description(
      'Book the meetings of a calendar file (.ics from Google, Outlook or Apple) on the deals whose contacts attend; recurring series are booked for the coming days; importing again adds nothing twice',
    )
    .argument('<file>', 'the .ics file')
    .option('--dry-run', 'say what would happen, write nothing')
    .option(
      '--days <n>',
      `how far ahead to book occurrences (default ${IMPORT_WINDOW_DAYS})`,
      parseInteger('--days'),
    )
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts, command: Command) => {
      if (!fs.existsSync(file)) throw notFound('file', file);
      const days = opts.days ?? IMPORT_WINDOW_DAYS;
      if (days < 1 || days > 366) throw invalid('--days is a number of days from 1 to 366.');
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const member = await ctx.members.findById(
          ctx.runner.executor,
          actor.workspaceId,
          actor.memberId,
        );
        let read;
        try {
          read = await readIcs(
            fs.readFileSync(file, 'utf8'),
            new Date(ctx.clock.now().epochMilliseconds),
            days,
            member?.timeZone,
          );
        } catch (error) {
          throw invalid(`${file}: ${(error as Error).message}`);
        }
        const report = await importMeetings(ctx, actor, read.occurrences, {
          dryRun: Boolean(opts.dryRun),
        });
        if (opts.json) {
          printJson({ ...report, outsideWindow: read.outsideWindow, unreadable: read.unreadable });
          return;
        }
        process.stdout.write(formatImportReport(report, read.outsideWindow, read.unreadable, days));
      });
    });
}

export function formatImportReport(
  report: ImportMeetingsReport,
  outsideWindow: number,
  unreadable: { uid: string; summary: string; reason: string }[],
  days: number,
): string {
  const lines: string[] = [];
  for (const r of report.results) {
    const when = r.startsAt.replace('T', ' ').slice(0, 16) + ' UTC';
    const where = r.deal ? ` → ${r.deal.title} (${r.deal.account})` : '';
    const why = r.reason && r.action === 'skipped' ? `: ${r.reason}` : '';
    lines.push(`${r.action.padEnd(9)} ${when}  ${r.title}${where}${why}`);
  }
  for (const u of unreadable) lines.push(`unreadable ${u.summary} (${u.uid}): ${u.reason}`);
  const c = report.counts;
  lines.push(
    `${report.dryRun ? 'Dry run: nothing was written. Would have: ' : ''}${c.created} booked, ${c.updated} updated, ${c.unchanged} unchanged, ${c.cancelled} cancelled, ${c.skipped} skipped${outsideWindow ? `; ${outsideWindow} event(s) with nothing in the next ${days} days` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
