import type { Command } from 'commander';
import { listStages, setStageNeglectDays } from '../../core/deals/flows/stage-settings.ts';
import { presentStage } from '../../contract/deals/stage.ts';
import { printJson, printTable } from '../output.ts';
import { parseInteger, resolveCliActor, withContext } from '../runtime.ts';

export function registerStageCommands(program: Command): void {
  const stage = program
    .command('stage')
    .description('Pipeline stages and their neglect thresholds');
  stage
    .command('list')
    .description('List the stages in order')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const stages = await listStages(ctx, await resolveCliActor(ctx, command));
        if (opts.json) return printJson(stages.map(presentStage));
        printTable(
          ['STAGE', 'NEGLECTED AFTER', 'ID'],
          stages.map((s) => [s.name, `${s.neglectDays} days`, s.id]),
        );
      });
    });
  stage
    .command('set')
    .description('Set how many days a deal in a stage may go without a touch (owners, managers)')
    .argument('<name>', 'stage name or id')
    .requiredOption(
      '--neglect-days <n>',
      'days without a touch before a deal is neglected',
      parseInteger('--neglect-days'),
    )
    .option('--json', 'print JSON')
    .action(async (name: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const s = await setStageNeglectDays(
          ctx,
          await resolveCliActor(ctx, command),
          name,
          opts.neglectDays,
        );
        if (opts.json) return printJson(presentStage(s));
        process.stdout.write(
          `${s.name}: a deal is neglected after ${s.neglectDays} days without a touch.\n`,
        );
      });
    });
}
