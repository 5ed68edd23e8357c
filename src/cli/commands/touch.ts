import type { Command } from 'commander';
import { logTouch } from '../../core/touches/flows/log-touch.ts';
import { LOGGED_TOUCH_KINDS } from '../../core/touches/types.ts';
import { presentTouch } from '../../contract/touches/touch.ts';
import { printJson } from '../output.ts';
import { resolveCliActor, resolveDealRef, withContext } from '../runtime.ts';

export function registerTouchCommand(program: Command): void {
  program
    .command('touch')
    .description('Log a forward action on a deal; it counts towards your daily march')
    .requiredOption('--deal <deal>', 'deal id, or a unique part of its title or account name')
    .requiredOption('--kind <kind>', LOGGED_TOUCH_KINDS.join(', '))
    .option(
      '--at <when>',
      'when: local 2026-11-24T10:00 or an ISO instant with an offset (default: now)',
    )
    .option('--commitment <id>', 'the promise it was about (one of theirs: it was chased)')
    .option('--json', 'print JSON')
    .argument('[text...]', 'what happened, e.g. sent the revised quote')
    .action(async (words: string[], opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const touch = await logTouch(ctx, actor, {
          dealId: (await resolveDealRef(ctx, actor, opts.deal)).id,
          kind: opts.kind,
          ...(opts.at && { at: opts.at }),
          ...(opts.commitment && { commitmentId: opts.commitment }),
          ...(words.length && { text: words.join(' ') }),
        });
        if (opts.json) printJson(presentTouch(touch));
        else
          process.stdout.write(
            `Logged ${touch.kind} on ${touch.dealId} at ${touch.at} (${touch.id}).\n`,
          );
      });
    });
}
