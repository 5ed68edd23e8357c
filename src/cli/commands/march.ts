import type { Command } from 'commander';
import { getMarch } from '../../core/march/march-report.ts';
import { formatDay } from '../../core/time/format.ts';
import { updateMemberSettings } from '../../core/workspaces/flows/update-member-settings.ts';
import { presentMarch, presentMarchSettings } from '../../contract/march/march.ts';
import { printJson, printTable } from '../output.ts';
import { parseInteger, resolveCliActor, withContext } from '../runtime.ts';

const BAND_MARK = {
  stall: '▁ stall',
  on: '▅ on',
  rush: '█ rush',
  open: '· today, not over yet',
} as const;

export function registerMarchCommands(program: Command): void {
  const march = program
    .command('march')
    .description('Your daily march: touches per business day against your floor and ceiling')
    .option('--date <date>', 'as of this date, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nConsistency is 1 − the coefficient of variation (standard deviation ÷ mean) of your\ntouches over the last 20 business days, clipped to 0..1: 1 is the same distance every day.',
    )
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const report = await getMarch(
          ctx,
          await resolveCliActor(ctx, command),
          opts.date ? { date: opts.date } : {},
        );
        if (opts.json) return printJson(presentMarch(report));
        process.stdout.write(
          `${formatDay(report.date, report.date)}: ${report.done} touches (floor ${report.floor}, ceiling ${report.ceiling}); ` +
            `streak ${report.streak} business days; consistency ${report.consistency.toFixed(2)}\n\n`,
        );
        printTable(
          ['DAY', 'TOUCHES', 'BAND'],
          report.days.map((d) => [formatDay(d.date, report.date), d.touches, BAND_MARK[d.band]]),
        );
      });
    });

  march
    .command('set')
    .description('Change your march and calendar (the ceiling defaults to the floor + 25%)')
    .option('--floor <n>', 'touches per business day to reach', parseInteger('--floor'))
    .option('--ceiling <n>', 'touches per business day not to plan past', parseInteger('--ceiling'))
    .option('--lead <n>', 'business days to deliver a promise early', parseInteger('--lead'))
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin')
    .option('--region <code>', 'public holidays of a region, e.g. US, DE-BY, GB-ENG')
    .option('--weekend <days>', 'weekend days, e.g. sat,sun or fri,sat')
    .option('--off <dates...>', 'personal days off, YYYY-MM-DD (replaces the list)')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const { member, retargeted } = await updateMemberSettings(ctx, actor, actor.memberId, {
          ...(opts.floor !== undefined && { marchFloor: opts.floor }),
          ...(opts.ceiling !== undefined && { marchCeiling: opts.ceiling }),
          ...(opts.lead !== undefined && { leadDays: opts.lead }),
          ...(opts.tz !== undefined && { timeZone: opts.tz }),
          ...(opts.region !== undefined && { region: opts.region }),
          ...(opts.weekend !== undefined && { weekend: opts.weekend }),
          ...(opts.off !== undefined && { daysOff: opts.off }),
        });
        // `march` has its own --json, which commander hands to it even when written after `set`.
        if (command.optsWithGlobals().json) return printJson(presentMarchSettings(member));
        process.stdout.write(
          `March: floor ${member.marchFloor}, ceiling ${member.marchCeiling}, lead ${member.leadDays}; ` +
            `${member.timeZone}, ${member.region}, weekend ${member.weekend.join(',') || 'none'}` +
            `${member.daysOff.length ? `, days off ${member.daysOff.join(' ')}` : ''}.` +
            `${retargeted ? ` ${retargeted} open promise targets moved.` : ''}\n`,
        );
      });
    });
}
