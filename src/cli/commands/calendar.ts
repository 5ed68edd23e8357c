import type { Command } from 'commander';
import { publicBaseUrl } from '../../app/public-url.ts';
import {
  feedPath,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from '../../core/calendar-feeds/feeds.ts';
import { invalid } from '../../core/shared/errors.ts';
import { printJson } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

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
}
