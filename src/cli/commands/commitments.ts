import type { Command } from 'commander';
import {
  addCommitment,
  completeCommitment,
  dropCommitment,
  editCommitment,
  getCommitment,
  listCommitments,
  snoozeCommitment,
} from '../../core/commitments/flows/manage-commitments.ts';
import type { Commitment } from '../../core/commitments/types.ts';
import { presentCommitment } from '../../contract/commitments/commitment.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { printJson, printTable } from '../output.ts';
import { dealIdFor, parseInteger, resolveCliActor, withContext } from '../runtime.ts';

function describe(c: Commitment): string {
  const when = c.due
    ? ` due ${c.due}${c.dueTime ? ` ${c.dueTime}` : ''}, target ${c.target}`
    : ' (no due date yet)';
  return `${c.side === 'ours' ? 'We' : 'They'} promised: ${c.text}${when} [${c.id}]`;
}

export function registerCommitmentCommands(program: Command): void {
  const commit = program
    .command('commit')
    .description('Promises: ours to deliver early, theirs to chase');

  commit
    .command('add')
    .description('Record a promise on a deal; its early target is computed for you')
    .requiredOption('--deal <deal>', 'deal id, or a unique part of its title or account name')
    .requiredOption('--side <side>', 'ours (we deliver) or theirs (we chase)')
    .option('--due <date>', 'the promised date, YYYY-MM-DD')
    .option('--time <HH:MM>', 'the promised time on the due date')
    .option('--made <date>', 'the day it was promised (default: today)')
    .option(
      '--lead <n>',
      'business days to deliver ahead (default: your lead)',
      parseInteger('--lead'),
    )
    .option('--json', 'print JSON')
    .argument('<text...>', 'what was promised, e.g. send the pricing sheet')
    .action(async (words: string[], opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const c = await addCommitment(ctx, actor, {
          dealId: await dealIdFor(ctx, actor, opts.deal),
          side: opts.side,
          text: words.join(' '),
          due: opts.due,
          dueTime: opts.time,
          madeOn: opts.made,
          lead: opts.lead,
        });
        if (opts.json) printJson(presentCommitment(c));
        else process.stdout.write(`${describe(c)}\n`);
      });
    });

  commit
    .command('done')
    .description('Mark a promise kept; it is classified early, on-time or late')
    .argument('<id>', 'commitment id')
    .option(
      '--at <when>',
      'when it was delivered: local 2026-11-26T16:00 or an ISO instant (default: now)',
    )
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const c = await completeCommitment(ctx, await resolveCliActor(ctx, command), id, {
          at: opts.at,
        });
        if (opts.json) printJson(presentCommitment(c));
        else
          process.stdout.write(
            `Kept${c.classification ? ` (${c.classification})` : ''}: ${c.text} [${c.id}]\n`,
          );
      });
    });

  commit
    .command('drop')
    .description('Drop a promise, saying why')
    .argument('<id>', 'commitment id')
    .requiredOption('--reason <text>', 'why it no longer applies')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const c = await dropCommitment(ctx, await resolveCliActor(ctx, command), id, {
          reason: opts.reason,
        });
        if (opts.json) printJson(presentCommitment(c));
        else process.stdout.write(`Dropped: ${c.text} [${c.id}]\n`);
      });
    });

  commit
    .command('snooze')
    .description('Hide a promise from Today until a date (never past its due date)')
    .argument('<id>', 'commitment id')
    .requiredOption('--to <date>', 'the day it comes back, YYYY-MM-DD')
    .requiredOption('--reason <text>', 'why it waits')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const c = await snoozeCommitment(ctx, await resolveCliActor(ctx, command), id, {
          to: opts.to,
          reason: opts.reason,
        });
        if (opts.json) printJson(presentCommitment(c));
        else process.stdout.write(`Snoozed until ${c.snoozedUntil}: ${c.text} [${c.id}]\n`);
      });
    });

  commit
    .command('edit')
    .description(
      'Change a promise: renegotiate its due date with the customer (the old one is kept in its history, the early target is recomputed), its text or its lead',
    )
    .argument('<id>', 'commitment id')
    .option('--due <date>', 'the new due date agreed, YYYY-MM-DD (today or later)')
    .option('--time <HH:MM>', 'the time on the new due date')
    .option('--reason <text>', 'why the date moved, e.g. "they need legal sign-off first"')
    .option('--text <text>', 'what was promised, reworded')
    .option('--lead <n>', 'business days to deliver ahead of the due date', parseInteger('--lead'))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
A late promise cannot be snoozed: agree a new date with the customer and record it here.
Example:
  momentum commit edit cm_8f3k2m9q1x7z --due 2026-12-09 --reason "their legal review moved"`,
    )
    .action(async (id: string, opts, command: Command) => {
      if (
        opts.due === undefined &&
        opts.time === undefined &&
        opts.text === undefined &&
        opts.lead === undefined
      )
        throw new DomainError(
          'validation',
          'Nothing to change: give --due DATE (with --reason), --time, --text or --lead.',
        );
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        // The version read now is the one the change is based on, like every other update.
        const read = await getCommitment(ctx, actor, id);
        const c = await editCommitment(ctx, actor, read.id, {
          ...(opts.due !== undefined && { due: opts.due }),
          ...(opts.time !== undefined && { dueTime: opts.time }),
          ...(opts.text !== undefined && { text: opts.text }),
          ...(opts.lead !== undefined && { lead: opts.lead }),
          ...(opts.reason !== undefined && { reason: opts.reason }),
          expectedVersion: read.version,
        });
        if (opts.json) return printJson(presentCommitment(c));
        const last = c.renegotiations.at(-1);
        const moved = last && c.renegotiations.length > read.renegotiations.length;
        process.stdout.write(
          moved
            ? `Renegotiated from ${last.previousDue}${last.previousDueTime ? ` ${last.previousDueTime}` : ''}: ${describe(c)}\n`
            : `Changed: ${describe(c)}\n`,
        );
      });
    });

  commit
    .command('list')
    .description('List promises on the deals you can see')
    .option(
      '--deal <deal>',
      'only this deal: its id, or a unique part of its title or account name',
    )
    .option('--open', 'only open promises')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const list = await listCommitments(ctx, actor, {
          ...(opts.deal && { dealId: await dealIdFor(ctx, actor, opts.deal) }),
          ...(opts.open && { state: 'open' as const }),
        });
        if (opts.json) return printJson(list.map(presentCommitment));
        printTable(
          ['ID', 'SIDE', 'DUE', 'TARGET', 'STATE', 'TEXT'],
          list.map((c) => [
            c.id,
            c.side,
            (c.due ? `${c.due}${c.dueTime ? ` ${c.dueTime}` : ''}` : '—') +
              // A renegotiated promise shows the date it was first due.
              (c.renegotiations[0] ? ` (was ${c.renegotiations[0].previousDue})` : ''),
            c.target ?? '—',
            c.classification ? `${c.state} (${c.classification})` : c.state,
            c.text,
          ]),
          'No promises yet. Add one with: momentum commit add --deal ID --side ours --due DATE TEXT',
        );
      });
    });
}
