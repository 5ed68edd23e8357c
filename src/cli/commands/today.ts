import type { Command } from 'commander';
import { getToday } from '../../core/today/get-today.ts';
import { formatDay } from '../../core/time/format.ts';
import type { AgendaItem, TodayAgenda } from '../../core/today/types.ts';
import { presentToday } from '../../contract/today/today.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

/** The id an item's action applies to: the promise, the next step, the call, or the deal. */
const refOf = (i: AgendaItem) =>
  i.commitmentId ?? i.nextStepId ?? i.callId ?? i.dealId ?? i.accountId ?? '';

/** An empty list says why, and never that all is well when the day is short of the floor. */
function emptyMessage(agenda: TodayAgenda): string {
  const { done, floor } = agenda.march;
  if (agenda.open.deals + agenda.open.promises === 0)
    return (
      'Nothing open yet: no open deal or promise to plan. Log a call (`momentum call log`), add a\n' +
      'deal (`momentum deal add`), or add the accounts you sell to (`momentum account add`) so\n' +
      'that Today can suggest new conversations.'
    );
  if (agenda.businessDay && done < floor)
    return (
      `Nothing more due today: ${done} of your floor of ${floor}, and every open deal is on track\n` +
      'with no promise to deliver early. Log a call on one of them or add a deal to make up the day.'
    );
  return 'Nothing due today. Every promise is on track.';
}

export function registerTodayCommand(program: Command): void {
  program
    .command('today')
    .description(
      'What to do today, in order: promises to deliver, promises to chase, meetings, neglected deals to revive, prospects',
    )
    .option('--date <date>', 'plan another day, YYYY-MM-DD (default: today in your zone)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nItems marked * are optional: beyond your floor, up to your ceiling. What does not fit is\nplanned on the next business days (COMING UP), with what is booked then. Act with\n`momentum commit done ID`, `momentum commit snooze ID`, `momentum commit edit ID --due DATE`\n(a new date for one due or late), or `momentum touch --deal ID`. Use --as EMAIL for another member.',
    )
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const agenda = await getToday(ctx, actor, opts.date ? { date: opts.date } : {});
        if (opts.json) return printJson(presentToday(agenda));
        const { floor, ceiling, done } = agenda.march;
        const day = formatDay(agenda.date, agenda.date);
        process.stdout.write(
          `Today, ${day} ${agenda.date.slice(0, 4)} — ${done} done; floor ${floor}, ceiling ${ceiling}` +
            `${agenda.businessDay ? '' : ` (not a business day: ${agenda.dayOff})`}\n\n`,
        );
        printTable(
          ['#', 'KIND', 'WHAT', 'DEAL', 'WHY', 'ID'],
          agenda.items.map((i, n) => [
            `${n + 1}${i.optional ? '*' : ''}`,
            i.kind,
            i.title,
            i.dealTitle,
            i.reason,
            refOf(i),
          ]),
          emptyMessage(agenda),
        );
        if (agenda.later.length) {
          process.stdout.write('\nCOMING UP (booked or planned on the next business days)\n');
          printTable(
            ['DAY', 'KIND', 'WHAT', 'DEAL', 'WHY', 'ID'],
            agenda.later.map((i) => [
              formatDay(i.planned, agenda.date),
              i.kind,
              i.title,
              i.dealTitle,
              i.reason,
              refOf(i),
            ]),
          );
        }
        if (agenda.unplanned > 0)
          process.stdout.write(`\n${agenda.unplanned} more beyond the next week.\n`);
      });
    });
}
