import type { Command } from 'commander';
import {
  getPlaybook,
  setPlaybook,
  type Playbook,
} from '../../core/playbook/flows/manage-playbook.ts';
import { presentPlaybook } from '../../contract/playbook/habit.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';
import { readJsonFile } from './plans.ts';

function printPlaybook(p: Playbook): void {
  printTable(
    ['#', 'KEY', 'HABIT', 'WHAT IT MEANS'],
    p.habits.map((h) => [h.position, h.key, h.name, h.description]),
  );
}

export function registerPlaybookCommands(program: Command): void {
  const playbook = program
    .command('playbook')
    .description('The call habits checked on every call (ten by default)');

  playbook
    .command('show', { isDefault: true })
    .description('List the habits in order (the default)')
    .option('--json', 'print JSON (edit it and pass it to "playbook set")')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const p = await getPlaybook(ctx, await resolveCliActor(ctx, command));
        if (opts.json) printJson(presentPlaybook(p));
        else printPlaybook(p);
      });
    });

  playbook
    .command('set')
    .description(
      'Replace the habits (owners and managers): rename, reorder, add, remove. A habit keeps its history when its id or key stays.',
    )
    .argument(
      '<file>',
      'JSON: [{"key","name","description"}, …] in order, or the output of "playbook --json"; "-" reads stdin',
    )
    .option('--json', 'print JSON')
    .action(async (file: string, opts, command: Command) => {
      const value = readJsonFile(file);
      const version =
        value &&
        typeof value === 'object' &&
        'version' in value &&
        typeof value.version === 'string'
          ? value.version
          : undefined;
      await withContext(command, async (ctx) => {
        const p = await setPlaybook(ctx, await resolveCliActor(ctx, command), {
          habits: value,
          ...(version !== undefined && { version }),
        });
        if (opts.json) return printJson(presentPlaybook(p));
        process.stdout.write(`The playbook now has ${p.habits.length} habits:\n`);
        printPlaybook(p);
      });
    });
}
