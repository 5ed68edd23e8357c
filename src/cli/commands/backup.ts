import type { Command } from 'commander';
import { printJson } from '../output.ts';
import { withContext } from '../runtime.ts';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      'Copy the SQLite database to FILE while the server keeps running, and check the copy',
    )
    .argument('<file>', 'where to write the copy (must not exist)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const result = await ctx.store.backup(file);
        if (opts.json) printJson(result);
        else
          process.stdout.write(
            `Backed up to ${result.file} (${result.bytes} bytes); integrity check: ${result.integrity}.\n`,
          );
      });
    });
}
